import DocumentModel
import OCRText

/// Turns what Tesseract read on a page image into the document's lines, in
/// PDF points, so furniture detection and paragraph building treat an OCR'd
/// page like any other.
enum RecognizedLines {
    /// Capitals and ascenders (`T`, `l`, `d`) rise about this share of the
    /// type size above the baseline in the faces council documents use.
    static let ascenderShare = 0.75

    static func lines(_ text: OCRPageText, page: Int, dpi: Int, font: String) -> [TextLine] {
        let scale = 72 / Double(dpi)
        // One size per Tesseract paragraph: a line's own estimate moves with
        // its letters (an `Å` stands taller), which would read as a change of
        // type and split a paragraph or make a heading of a body line.
        var paragraphSizes: [Int: [Double]] = [:]
        for line in text.lines {
            if let size = size(of: line, scale: scale) { paragraphSizes[line.paragraph, default: []].append(size) }
        }
        let paragraphSize = paragraphSizes.mapValues { sizes in sizes.sorted()[sizes.count / 2] }
        return text.lines.map { line in
            let words = line.words.map { word in
                RecognizedWord(text: word.text, box: box(word.box, scale: scale),
                               confidence: (word.confidence * 10).rounded() / 10)
            }
            let lineText = words.map(\.text).joined(separator: " ")
            let lineBox = words.dropFirst().reduce(words[0].box) { $0.union($1.box) }
            let fallback = Double(line.box.height) * scale / 1.2
            let size = ((paragraphSize[line.paragraph] ?? fallback) * 2).rounded() / 2
            let span = TextSpan(text: lineText, font: font, size: size, bold: false, italic: false)
            return TextLine(page: page, text: lineText, box: lineBox.rounded(), spans: [span], words: words)
        }
    }

    /// The type size from the median height of the line's words above the
    /// baseline, most of which reach ascender height.
    private static func size(of line: OCRLine, scale: Double) -> Double? {
        guard let baseline = line.baseline else { return nil }
        let rises = line.words.map { word in
            baseline.y(at: Double(word.box.left + word.box.right) / 2) - Double(word.box.top)
        }.filter { $0 > 0 }.sorted()
        guard !rises.isEmpty else { return nil }
        return rises[rises.count / 2] * scale / ascenderShare
    }

    private static func box(_ box: PixelBox, scale: Double) -> Box {
        Box(x: Double(box.left) * scale, y: Double(box.top) * scale,
            width: Double(box.width) * scale, height: Double(box.height) * scale).rounded()
    }
}
