import DocumentModel
import Foundation
import PipelineCore

/// Turns the repaired blocks into what a registrar files: the document's
/// metadata (from the letterhead, the title and the text), its sections as
/// a tree, and for protocols the meeting and its § items.
public struct SegmentStage: DocumentStage {
    public static let id = "segment"
    public static let version = 18
    public static let summary = "letterhead and metadata (type, title, Dnr, date, people), the section tree, protocols' meeting and § items"

    public struct Settings: StageSettings {
        /// Type this much larger than the body text counts as a heading's emphasis.
        public var emphasisRatio: Double = 1.08
        /// Share of page 1's height, from the top, that a letterhead may reach down to.
        public var letterheadZone: Double = 0.3
        public init() {}
    }

    let settings: Settings

    public init(settings: Settings) throws {
        guard settings.emphasisRatio > 1 else {
            throw PipelineError.pipelineFile("segment", "emphasisRatio must be above 1")
        }
        guard settings.letterheadZone > 0, settings.letterheadZone < 1 else {
            throw PipelineError.pipelineFile("segment", "letterheadZone must be between 0 and 1")
        }
        self.settings = settings
    }

    public func run(_ document: Document, context: StageContext) throws -> Document {
        var result = document
        let blocks = document.blocks
        let furniture = FurnitureFinder.find(blocks, pages: document.pages)
        let bodySize = TitleFinder.bodySize(blocks, skipped: furniture)
        let pageHeight = document.pages.first?.height ?? 842
        let titleIndex = TitleFinder.find(blocks, skipped: furniture, bodySize: bodySize, pageHeight: pageHeight,
                                          pageWidth: document.pages.first?.width ?? 595)
        let titleBlocks = titleIndex.map { [$0] + TitleFinder.continuations(of: $0, in: blocks, skipped: furniture) } ?? []
        let letterhead = Letterhead.read(blocks, skipped: furniture, before: titleIndex,
                                         pageHeight: pageHeight, topShare: settings.letterheadZone,
                                         header: document.pages.first?.furniture ?? [])
        var notBody = furniture.union(letterhead.blocks)

        let bodies = MetadataReader.consultedBodies(blocks.map(\.text).joined(separator: "\n"))
        let detected = HeadingDetector(blocks: blocks, skipped: notBody.union(titleBlocks),
                                       consultedBodies: bodies, outline: document.info.outline,
                                       taggedHeadings: document.info.taggedHeadings,
                                       emphasisRatio: settings.emphasisRatio).detect()
        let absorbed = detected.headings.values.flatMap(\.absorbed)
        notBody.formUnion(absorbed)
        let built = SectionBuilder(blocks: blocks, headings: detected.headings, skipped: notBody).build()
        var sections = built.sections
        // A meeting's front matter: the lines before the first heading.
        let frontMatter = blocks.indices.filter { !notBody.contains($0) && !titleBlocks.contains($0) }
            .prefix { detected.headings[$0] == nil }
            .flatMap { blocks[$0].lines.map(\.text) }
        let recordsItems = sections.contains(where: { $0.kind == .paragraf })
        let members = recordsItems ? ProtocolReader.meeting(lines: frontMatter, organ: nil).decisionMakers : []
        var decidingBody: String?
        let reservations = SectionDetails.annotate(&sections, members: members, decidingBody: &decidingBody)

        let preambleTexts = built.preamble.flatMap(\.texts)
        // The title's block may hold the line under it (an addressee, a label) in smaller type.
        let title = titleIndex.map { index in
            HeadingDetector.joinWrapped([HeadingDetector.splitTitle(blocks[index]).title]
                + titleBlocks.dropFirst().map { blocks[$0].text.trimmingSpaces() })
        }
        var metadata = MetadataReader(document: document, title: title, preamble: preambleTexts, sections: sections,
                                      consultedBodies: bodies, letterhead: letterhead).read()
        metadata.reservations = reservations
        if metadata.documentType.recordsMeeting || recordsItems {
            metadata.meeting = ProtocolReader.meeting(lines: frontMatter,
                                                      organ: MetadataReader.organ(in: letterhead.lines + [title ?? ""] + frontMatter))
            // A protocol or an agenda is dated by its meeting, not by the day it was sent.
            if let date = metadata.meeting?.date { metadata.date = date }
        }
        result.metadata = metadata
        result.preamble = built.preamble
        result.sections = sections
        // What is not body is page furniture: kept with its page, out of the text.
        for index in furniture.union(letterhead.blocks).sorted() {
            for line in blocks[index].lines {
                if let page = result.pages.firstIndex(where: { $0.number == line.page }) {
                    result.pages[page].furniture.append(line)
                }
            }
        }
        return result
    }
}

extension DocumentType {
    /// Types whose document records or announces a meeting.
    var recordsMeeting: Bool { self == .protokoll || self == .protokollsutdrag || self == .kallelse }
}
