import DocumentModel
import Foundation
import PipelineCore

/// Writes the document's output files in the formats the pipeline asks for.
/// XML and JSON are rendered from one published model (`OutputDocument`), so
/// they carry the same values, and so is the Akoma Ntoso (`akn`, written to
/// `<name>.akn.xml`); all are deterministic (no clock, fixed order).
public struct EmitStage: OutputStage {
    public static let id = "emit"
    /// 5: outputs carry the diarium version and the PDF's producer, creator and creation date
    /// (schema 1.3), so earlier outputs are rewritten. Adding `akn` needed no new version: the
    /// other formats are unchanged, and asking for it changes the settings, which key the cache.
    /// 6: corrections and flags say where they are, list items have ids, the XML marks corrections
    /// inline (schema 1.4).
    /// 7: outputs name the pipeline they came from (`source.pipelineHash`, schema 1.5).
    public static let version = 7
    public static let summary = "writes the outputs: xml and json (schema-valid, Schemas/), txt (repaired body text for search indexing), akn (Akoma Ntoso 3.0, .akn.xml)"

    public enum Format: String, Codable, Sendable, CaseIterable {
        case xml, json, txt
        /// Akoma Ntoso 3.0, valid against the official schema (Schemas/akomantoso30.xsd).
        case akn

        /// What the output file's name ends with, after the document's name and a dot.
        /// Akoma Ntoso is XML, and `.akn.xml` says so to every XML tool.
        public var fileExtension: String {
            self == .akn ? "akn.xml" : rawValue
        }
    }

    public struct Settings: StageSettings {
        public var formats: [Format] = [.xml, .json, .txt]
        public init() {}
    }

    let settings: Settings

    public init(settings: Settings) throws {
        guard !settings.formats.isEmpty else {
            throw PipelineError.pipelineFile("emit", "`formats` must name at least one of: \(Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.settings = settings
    }

    public func render(_ document: Document, context: StageContext) throws -> [RenderedOutput] {
        let published = OutputDocument(document, pipelineHash: context.pipelineHash)
        // Listing a format twice must not write its file twice.
        var seen: Set<Format> = []
        return try settings.formats.filter { seen.insert($0).inserted }.map { format in
            switch format {
            case .xml: RenderedOutput(fileExtension: "xml", data: try XMLRenderer.render(published))
            case .json: RenderedOutput(fileExtension: "json", data: try JSONRenderer.render(published))
            case .txt: RenderedOutput(fileExtension: "txt", data: Data(PlainTextRenderer.render(document).utf8))
            case .akn: RenderedOutput(fileExtension: format.fileExtension, data: try AkomaNtosoRenderer.render(published))
            }
        }
    }
}

/// Writes the published JSON (Schemas/diarium-1.schema.json): keys sorted,
/// two-space indentation, empty containers as `[]` and `{}`, a final newline.
public enum JSONRenderer {
    public static func render(_ document: OutputDocument) throws -> Data {
        try DirectJSONEncoder(prettyPrinted: true, sortedKeys: true).encode(document) + Data("\n".utf8)
    }
}

/// Plain text for search indexing: the repaired body, each heading on its
/// own line, a blank line between headings, paragraphs and lists, one list
/// item per line, no page furniture. Without sections (segment stage not
/// run) the extracted blocks, one paragraph each.
public enum PlainTextRenderer {
    public static func render(_ document: Document) -> String {
        var units: [String]
        if document.sections.isEmpty && document.preamble.isEmpty {
            units = document.blocks.map(\.text)
        } else {
            units = document.preamble.map(text)
            func visit(_ section: Section) {
                // An implicit section's heading is drawn from its first
                // paragraph, which follows anyway.
                if !section.implicit { units.append(section.number.map { "\($0) \(section.heading)" } ?? section.heading) }
                units += section.blocks.map(text)
                section.sections.forEach(visit)
            }
            document.sections.forEach(visit)
        }
        let body = units.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return body.isEmpty ? "" : body + "\n"
    }

    private static func text(_ block: ContentBlock) -> String {
        switch block {
        case .paragraph(let paragraph): paragraph.text
        case .list(let list): list.items.map { "\($0.marker) \($0.text)" }.joined(separator: "\n")
        // A row a line, its cells apart: readable as text, and split on ` | ` by a script.
        case .table(let table): table.rows.map { $0.map(\.text).joined(separator: " | ") }.joined(separator: "\n")
        }
    }
}
