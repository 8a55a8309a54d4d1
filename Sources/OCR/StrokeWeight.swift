import DocumentModel
import PDFText

/// The weight of a scanned line's type, measured from the page image: an
/// OCR text layer says nothing of bold, yet a heading set in bold at body
/// size is told from its paragraph by nothing else.
///
/// A stroke's width is the mean length of the horizontal runs of ink that
/// cross the line's letters: vertical stems dominate them, and a bold face's
/// stems are well over half as wide again as the regular face's. Divided by
/// the type's size it does not depend on the size (the box's height would:
/// it grows with ascenders and descenders).
enum StrokeWeight {
    /// The mean horizontal run of ink across `box` (PDF points, top-left origin) over the
    /// type's size: about 0.2 for a regular face, 0.4 for bold; nil when there is too little ink to say.
    static func measure(_ image: PDFGrayImage, box: Box, size: Double) -> Double? {
        let scale = image.dpi / 72
        let size = size > 0 ? size : box.height
        guard scale.isFinite, scale > 0, size.isFinite, size > 0, box.height.isFinite, box.width.isFinite, box.height > 0, box.width > 0 else { return nil }
        // The middle of the line: ascenders of this line and descenders of the one above stay out.
        // Clamped as doubles: a box from a broken file may lie anywhere, even beyond Int's range.
        func pixel(_ points: Double, limit: Int) -> Int { Int(min(max(points * scale, 0), Double(limit)).rounded()) }
        let top = pixel(box.y + box.height * 0.2, limit: image.height)
        let bottom = pixel(box.y + box.height * 0.8, limit: image.height)
        let left = pixel(box.x, limit: image.width)
        let right = pixel(box.x + box.width, limit: image.width)
        guard bottom - top >= 3, right - left >= 8, image.bytesPerRow >= image.width,
              image.pixels.count >= image.height * image.bytesPerRow else { return nil }
        let rows = top..<bottom
        let columns = left..<right
        var ink = 0
        var runs = 0
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in rows {
                let row = y * image.bytesPerRow
                var inRun = false
                for x in columns {
                    let dark = pixels[row + x] < darkBelow
                    if dark {
                        ink += 1
                        if !inRun { runs += 1 }
                    }
                    inRun = dark
                }
            }
        }
        // Fewer than a few letters' worth of stems is noise.
        guard runs >= 40 else { return nil }
        return Double(ink) / Double(runs) / (size * scale)
    }

    /// Each line's stroke over the stroke most text of its page is set in:
    /// about 1 for the body, 1.6 and more for bold. Pages differ (a scanner's
    /// contrast, a copy's blur), so each page is its own measure; a page with
    /// too little text is measured against the whole document. Nil where a line
    /// could not be measured.
    static func relativeWeights(_ weights: [(page: Int, weight: Double?, characters: Int)]) -> [Double?] {
        let document = bodyStroke(weights.map { ($0.weight, $0.characters) })
        var pageBody: [Int: Double] = [:]
        for page in Set(weights.map(\.page)) {
            let lines = weights.filter { $0.page == page }
            if lines.reduce(0, { $0 + ($1.weight == nil ? 0 : $1.characters) }) >= 300 {
                pageBody[page] = bodyStroke(lines.map { ($0.weight, $0.characters) })
            }
        }
        return weights.map { entry in
            guard let weight = entry.weight, let body = pageBody[entry.page] ?? document, body > 0 else { return nil }
            return weight / body
        }
    }

    /// The character-weighted median stroke.
    private static func bodyStroke(_ weights: [(weight: Double?, characters: Int)]) -> Double? {
        let measured = weights.compactMap { entry in entry.weight.map { ($0, entry.characters) } }.sorted { $0.0 < $1.0 }
        let half = measured.reduce(0) { $0 + $1.1 } / 2
        var seen = 0
        for (weight, characters) in measured {
            seen += characters
            if seen >= half { return weight }
        }
        return nil
    }

    private static let darkBelow: UInt8 = 128
}
