/// One page: its size, whether it has text to read, and its page furniture.
/// The body text lives in `Document.blocks`, since paragraphs cross pages.
public struct Page: Codable, Hashable, Sendable {
    /// 1-based.
    public var number: Int
    public var width: Double
    public var height: Double
    /// False for a scanned page without a text layer: it needs OCR. Stays
    /// false after the OCR stage has read the page (see `ocr`).
    public var hasTextLayer: Bool
    /// Running headers, footers and page numbers, set apart from the body.
    public var furniture: [TextLine]
    /// The printed page label such as `Sida 2 (14)`, when one was found.
    public var label: String?
    /// Set when the page's text comes from the OCR stage rather than the PDF.
    public var ocr: OCRInfo?

    public init(number: Int, width: Double, height: Double, hasTextLayer: Bool,
                furniture: [TextLine] = [], label: String? = nil, ocr: OCRInfo? = nil) {
        self.number = number
        self.width = width
        self.height = height
        self.hasTextLayer = hasTextLayer
        self.furniture = furniture
        self.label = label
        self.ocr = ocr
    }

    /// True when the page has text to read, from the PDF or from OCR.
    public var hasText: Bool { hasTextLayer || ocr != nil }
}

/// A run of text in one font.
public struct TextSpan: Codable, Hashable, Sendable {
    public var text: String
    public var font: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool

    public init(text: String, font: String, size: Double, bold: Bool, italic: Bool) {
        self.text = text
        self.font = font
        self.size = size
        self.bold = bold
        self.italic = italic
    }
}

/// A printed line, as laid out on its page. Its style is the one covering
/// most of its characters; `spans` is kept only for lines that mix styles,
/// which keeps the cached artifacts small.
public struct TextLine: Codable, Hashable, Sendable {
    public var page: Int
    public var text: String
    public var box: Box
    public var font: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    /// Runs by font, when the line has more than one style.
    public var spans: [TextSpan]?
    /// The words an OCR engine recognised on the line, with their boxes and
    /// confidence; nil for text from the PDF.
    public var words: [RecognizedWord]?
    /// Where a gap wider than a word space parts the line (table cells too
    /// close to be cut into lines of their own); nil where there is none.
    public var cuts: [LineCut]?

    public init(page: Int, text: String, box: Box, spans: [TextSpan], words: [RecognizedWord]? = nil, cuts: [LineCut]? = nil) {
        self.page = page
        self.text = text
        self.box = box
        self.words = words
        self.cuts = cuts
        let styled = spans.filter { !$0.text.allSatisfy(\.isWhitespace) }
        var weight: [TextSpan: Int] = [:]
        for span in styled {
            var style = span
            style.text = ""
            weight[style, default: 0] += span.text.count
        }
        let dominant = weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key.size < $1.key.size) }?.key
        font = dominant?.font ?? ""
        size = dominant?.size ?? 0
        italic = dominant?.italic ?? false
        bold = !styled.isEmpty && styled.allSatisfy(\.bold)
        self.spans = weight.count > 1 ? spans : nil
    }

    /// The spans, also for a line of one style.
    public var allSpans: [TextSpan] {
        spans ?? [TextSpan(text: text, font: font, size: size, bold: bold, italic: italic)]
    }

    public var dominantSize: Double { size }

    /// True when every non-space character is set in a bold face.
    public var isBold: Bool { bold }
}

/// A wide gap inside a line: the text after it starts at character `offset`
/// and at `x` on the page; the text before it ends at `gapStart`.
public struct LineCut: Codable, Hashable, Sendable {
    public var offset: Int
    public var gapStart: Double
    public var x: Double

    public init(offset: Int, gapStart: Double, x: Double) {
        self.offset = offset
        self.gapStart = gapStart
        self.x = x
    }
}
