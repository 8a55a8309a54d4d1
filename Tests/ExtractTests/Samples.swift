import DocumentModel
import Extract
import Foundation
import Logging
import PipelineCore

/// The committed sample corpus (samples/), found relative to this file.
enum Samples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../samples").standardizedFileURL
    static let bornDigital = ["utlatande-ks-2025-364", "tjansteutlatande-2017-54"]

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// `@meta key: value` lines of a sample's source file.
    static func meta(_ name: String, _ key: String) throws -> [String] {
        try text("sources/\(name).src.txt").split(separator: "\n").compactMap { line in
            let prefix = "@meta \(key):"
            guard line.hasPrefix(prefix) else { return nil }
            let value = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
    }

    static func extract(_ relative: String, settings: ExtractStage.Settings = .init()) throws -> Document {
        let url = url(relative)
        let source = SourceFile(url: url, name: url.deletingPathExtension().lastPathComponent, displayPath: relative,
                                sha256: "test", byteCount: 0)
        return try ExtractStage(settings: settings).run(source, context: StageContext(documentName: relative, logger: Logger(label: "test")))
    }
}
