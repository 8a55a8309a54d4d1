import DocumentModel

/// The word error rate of one PDF's text against its truth, read four ways:
/// its own text layer, that layer repaired, the OCR stage's reading, and the
/// OCR stage's reading repaired. On a scan whose text layer was written
/// without Swedish this shows whether reading the image again beats
/// repairing the text; on an image-only PDF, what OCR achieves.
public struct OCRComparison: Sendable {
    public struct Row: Sendable {
        public var label: String
        /// Nil when the variant could not run (see `note`).
        public var score: TextScore?
        public var note: String?
    }

    public var rows: [Row]
    public var pages: Int
    /// Pages the PDF has no text layer on.
    public var imageOnlyPages: Int
    /// Pages the OCR stage read.
    public var ocrPages: Int
    /// The OCR stage's own time on those pages (render + recognise).
    public var ocrSeconds: Double

    /// `repair` is nil when no repair stage is available; its rows say so.
    public init(truth: String, extract: () throws -> Document, ocr: (Document) throws -> Document,
                ocrLabel: String, repair: ((Document) throws -> Document)?) throws {
        let extracted = try extract()
        let read = try ocr(extracted)
        func row(_ label: String, _ document: Document?) -> Row {
            Row(label: label, score: document.map { TextScore(document: $0, truth: truth) },
                note: document == nil ? "no repair stage registered in this build" : nil)
        }
        rows = [
            row("text layer", extracted),
            row("repair alone", try repair.map { try $0(extracted) }),
            row(ocrLabel, read),
            row("\(ocrLabel) + repair", try repair.map { try $0(read) }),
        ]
        pages = read.pages.count
        imageOnlyPages = read.pages.filter { !$0.hasTextLayer }.count
        let ocrInfo = read.pages.compactMap(\.ocr)
        ocrPages = ocrInfo.count
        ocrSeconds = ocrInfo.reduce(0) { $0 + $1.seconds }
    }
}
