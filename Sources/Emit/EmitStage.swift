import DocumentModel
import Foundation
import PipelineCore

/// Writes the document's output files in the formats the pipeline asks for.
public struct EmitStage: OutputStage {
    public static let id = "emit"
    public static let version = 1
    public static let summary = "writes the outputs: txt (plain repaired body text for search indexing)"

    public enum Format: String, Codable, Sendable, CaseIterable {
        case txt
    }

    public struct Settings: StageSettings {
        public var formats: [Format] = [.txt]
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
        settings.formats.map { format in
            switch format {
            case .txt: RenderedOutput(fileExtension: "txt", data: Data(PlainTextRenderer.render(document).utf8))
            }
        }
    }
}

/// Plain text for search indexing: one block per paragraph, blocks separated
/// by a blank line, no page furniture.
public enum PlainTextRenderer {
    public static func render(_ document: Document) -> String {
        let body = document.blocks.map(\.text).joined(separator: "\n\n")
        return body.isEmpty ? "" : body + "\n"
    }
}
