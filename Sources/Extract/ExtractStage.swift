import DocumentModel
import Foundation
import PDFText
import PipelineCore

/// Reads a PDF through poppler: metadata, lines with fonts and positions,
/// page furniture set apart, paragraphs rebuilt, line-end hyphens resolved.
public struct ExtractStage: SourceStage {
    public static let id = "extract"
    public static let version = 11
    public static let summary = "text with fonts and positions from the PDF (poppler-glib); headers, footers and page numbers set apart; paragraphs rebuilt"

    public struct Settings: StageSettings {
        /// Share of the page height, at the top and at the bottom, where running headers and footers are looked for.
        public var furnitureZone: Double = 0.1
        /// A line in that zone is furniture when it recurs (digits ignored) on at least this share of the pages.
        public var furnitureRecurrence: Double = 0.5
        /// A line starts a new paragraph when its distance from the line before exceeds this many typical line steps.
        public var paragraphGap: Double = 1.35
        public init() {}
    }

    let settings: Settings

    public init(settings: Settings) throws {
        guard (0...0.5).contains(settings.furnitureZone) else {
            throw PipelineError.pipelineFile("extract", "furnitureZone must be between 0 and 0.5")
        }
        self.settings = settings
    }

    public func run(_ source: SourceFile, context: StageContext) throws -> Document {
        let pdf = try PDFDocument(path: source.url.path)
        var pages: [Page] = []
        var pageLines: [[TextLine]] = []
        var diagnostics: [Diagnostic] = []
        for index in 0..<pdf.pageCount {
            guard let page = pdf.page(at: index) else { continue }
            let size = page.size
            let lines = LineBuilder.lines(from: page.textLayout(), page: index + 1)
            let hasText = lines.contains { $0.text.contains { $0.isLetter || $0.isNumber } }
            if !hasText {
                diagnostics.append(Diagnostic(severity: .warning, id: "extract.page.no-text",
                                              message: "page \(index + 1) has no text layer; it needs OCR",
                                              page: index + 1))
            }
            pages.append(Page(number: index + 1, width: size.width, height: size.height, hasTextLayer: hasText))
            pageLines.append(lines)
        }

        let layout = PageAssembly.assemble(pageLines: pageLines, pages: pages, settings: settings)

        let info = pdf.info
        return Document(
            source: SourceInfo(file: source.displayPath, sha256: source.sha256, byteCount: source.byteCount),
            info: PDFInfo(title: info.title, author: info.author, subject: info.subject, creator: info.creator,
                          producer: info.producer, creationDate: info.creationDate.map(Self.isoDate),
                          pageCount: info.pageCount,
                          outline: pdf.outline().map { OutlineEntry(title: $0.title, depth: $0.depth, page: $0.page) },
                          taggedHeadings: pdf.taggedHeadings().map { OutlineEntry(title: $0.text, depth: $0.level, page: $0.page) }),
            pages: layout.pages,
            blocks: layout.blocks,
            diagnostics: diagnostics)
    }

    private static func isoDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
