import DocumentModel
import Foundation
import PipelineCore

/// Turns the repaired blocks into what a registrar files: the document's
/// metadata and its sections as a tree.
public struct SegmentStage: DocumentStage {
    public static let id = "segment"
    public static let version = 2
    public static let summary = "metadata (type, title, Dnr, date, people) and the section tree (Sammanfattning, Remissammanställning, Reservationer …)"

    public struct Settings: StageSettings {
        /// Type this much larger than the body text counts as a heading's emphasis.
        public var emphasisRatio: Double = 1.08
        public init() {}
    }

    let settings: Settings

    public init(settings: Settings) throws {
        guard settings.emphasisRatio > 1 else {
            throw PipelineError.pipelineFile("segment", "emphasisRatio must be above 1")
        }
        self.settings = settings
    }

    public func run(_ document: Document, context: StageContext) throws -> Document {
        var result = document
        let bodies = MetadataReader.consultedBodies(document.blocks.map(\.text).joined(separator: "\n"))
        let detected = HeadingDetector(blocks: document.blocks, consultedBodies: bodies,
                                       emphasisRatio: settings.emphasisRatio).detect()
        let built = SectionBuilder(blocks: document.blocks, headings: detected.headings, titleIndex: detected.titleIndex).build()
        var sections = built.sections
        var decidingBody: String?
        let reservations = SectionDetails.annotate(&sections, decidingBody: &decidingBody)

        let title = detected.titleIndex.map { document.blocks[$0].text }
        let preambleTexts = built.preamble.flatMap { block -> [String] in
            switch block {
            case .paragraph(let paragraph): [paragraph.text]
            case .list(let list): list.items.map(\.text)
            }
        }
        var metadata = MetadataReader(document: document, title: title, preamble: preambleTexts, sections: sections,
                                      consultedBodies: bodies).read()
        metadata.reservations = reservations
        result.metadata = metadata
        result.preamble = built.preamble
        result.sections = sections
        return result
    }
}
