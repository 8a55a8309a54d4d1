/// How the OCR stage read a page: which engine and model, at what
/// resolution, how sure it was, and how long it took.
public struct OCRInfo: Codable, Hashable, Sendable {
    /// Why the page was read by OCR.
    public enum Reason: String, Codable, Sendable {
        /// The PDF page had no text layer.
        case noTextLayer
        /// The PDF page's text layer, written by another OCR engine, looked too damaged.
        case damagedTextLayer
    }

    /// `tesseract 5.3.0`.
    public var engine: String
    /// The engine's language models, e.g. `swe` or `swe+eng`.
    public var language: String
    public var dpi: Int
    /// The engine's mean word confidence, 0…100.
    public var meanConfidence: Double
    /// Rendering and recognition time for the page.
    public var seconds: Double
    public var reason: Reason
    /// For a re-read page: the damage estimate (0…1) of the text layer it replaced.
    public var replacedDamage: Double?

    public init(engine: String, language: String, dpi: Int, meanConfidence: Double, seconds: Double,
                reason: Reason, replacedDamage: Double? = nil) {
        self.engine = engine
        self.language = language
        self.dpi = dpi
        self.meanConfidence = meanConfidence
        self.seconds = seconds
        self.reason = reason
        self.replacedDamage = replacedDamage
    }
}

extension TextLine {
    /// Lines rebuilt by the OCR stage carry a font named `OCR:<engine>-<language>`
    /// (`OCR:tesseract-swe`): the scan's real face is unknown.
    public static let ocrFontPrefix = "OCR:"

    /// True for a line the OCR stage read from the page image.
    public var isOCRStageText: Bool { font.hasPrefix(Self.ocrFontPrefix) }

    /// True for a line of a PDF's own OCR text layer: OCR engines write it in
    /// an invisible placeholder font (`GlyphLessFont`), so it carries no weight
    /// and only rough sizes.
    public var isInvisibleOCRText: Bool { font.containsTextIgnoringASCIICase("glyphless") }

    /// True for text an OCR engine wrote, either way: its sizes are rough and its faces measured, if at all.
    public var isOCRText: Bool { isInvisibleOCRText || isOCRStageText }

    /// True for an OCR line that opens a protocol item: `§ 41 Svar`, `KS § 3 Val`, and
    /// the sign as engines misread it (`8 41 Svar`, `KS 5 12 Val`, `$& 132 Motionssvar`).
    /// Without the bold that sets such a line apart in print, its words are the only sign.
    public var opensProtocolItemOnScan: Bool {
        // The pattern runs on every scanned line; its first character already rules out most.
        guard isOCRText, let first = text.first, first.isUppercase || "§$£&85".contains(first) else { return false }
        return text.prefixMatch(of: Self.itemOpening) != nil
    }

    nonisolated(unsafe) private static let itemOpening = /(?:\p{Lu}{1,4}\s){0,2}(?:[§$£&S]{1,2}\s?|[85]\s)\d{1,4}[a-z]?\s+\p{Lu}\p{Ll}/
}

/// A word as an OCR engine read it from the page image.
public struct RecognizedWord: Codable, Hashable, Sendable {
    public var text: String
    public var box: Box
    /// The engine's confidence, 0…100.
    public var confidence: Double

    public init(text: String, box: Box, confidence: Double) {
        self.text = text
        self.box = box
        self.confidence = confidence
    }
}
