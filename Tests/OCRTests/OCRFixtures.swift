import DocumentModel
import Extract
import Foundation
import Logging
import OCR
import PipelineCore

/// Sample PDFs through extract and OCR, as the batch runs them. The
/// document's source path is absolute because the OCR stage reopens the PDF.
enum OCRFixtures {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../samples").standardizedFileURL
    static let context = StageContext(documentName: "ocr-tests", logger: Logger(label: "ocr-tests"))

    static func truth(_ name: String) throws -> String {
        try String(contentsOf: samples.appendingPathComponent("\(name).txt"), encoding: .utf8)
    }

    static func extracted(_ relative: String) throws -> Document {
        let url = samples.appendingPathComponent(relative)
        let hashed = try ContentHash.sha256(fileAt: url)
        let source = SourceFile(url: url, name: url.deletingPathExtension().lastPathComponent, displayPath: url.path,
                                sha256: hashed.hash, byteCount: hashed.byteCount)
        return try ExtractStage(settings: .init()).run(source, context: context)
    }

    /// The document cut down to its first page, so a test reads one page image rather than all.
    static func firstPage(of document: Document) -> Document {
        var cut = document
        cut.pages = [document.pages[0]]
        cut.blocks = document.blocks.compactMap { block in
            guard block.firstPage == 1 else { return nil }
            var kept = block
            kept.lines = block.lines.filter { $0.page == 1 }
            return kept
        }
        return cut
    }

    static func ocr(_ document: Document, _ configure: (inout OCRStage.Settings) -> Void = { _ in }) throws -> Document {
        var settings = OCRStage.Settings()
        configure(&settings)
        return try OCRStage(settings: settings).run(document, context: context)
    }
}
