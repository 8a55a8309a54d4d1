import DocumentModel
import PDFText

/// Reading order rebuilt from geometry, for text layers written by OCR.
///
/// An OCR engine writes each recognised word where it saw it, and a scan is
/// never quite straight; poppler's layout analysis (the same as pdftotext's)
/// then often cuts lines into false columns and interleaves their words.
/// Council documents are set in one column, so words are regrouped into
/// lines by vertical position, following the skew along each line, and read
/// top to bottom, left to right.
enum ReadingOrder {
    private struct Word {
        var glyphs: [LineBuilder.Glyph]
        var x1: Double, x2: Double, y1: Double, y2: Double
        var midY: Double { (y1 + y2) / 2 }
        var height: Double { max(y2 - y1, 1) }
    }

    private struct Line {
        var words: [Word]
        /// The vertical middle at `x`, taken from the nearest word so a skewed line is followed.
        func midY(near x: Double) -> Double {
            words.min { abs(($0.x1 + $0.x2) / 2 - x) < abs(($1.x1 + $1.x2) / 2 - x) }!.midY
        }
        var height: Double { words.map(\.height).sorted()[words.count / 2] }
        var meanY: Double { words.reduce(0) { $0 + $1.midY } / Double(words.count) }
    }

    static func geometric(_ glyphs: [LineBuilder.Glyph]) -> [LineBuilder.Glyph] {
        let words = split(glyphs).sorted { $0.x1 < $1.x1 }
        var lines: [Line] = []
        for word in words {
            let centre = (word.x1 + word.x2) / 2
            let best = lines.indices.min { abs(lines[$0].midY(near: centre) - word.midY) < abs(lines[$1].midY(near: centre) - word.midY) }
            if let best, abs(lines[best].midY(near: centre) - word.midY) < 0.5 * min(word.height, lines[best].height),
               word.x1 >= lines[best].words.last!.x2 - 0.5 * word.height {
                lines[best].words.append(word)
            } else {
                lines.append(Line(words: [word]))
            }
        }
        lines.sort { $0.meanY < $1.meanY }
        var ordered: [LineBuilder.Glyph] = []
        let blank = PDFGlyphBox(x1: 0, y1: 0, x2: 0, y2: 0)
        for (lineIndex, line) in lines.enumerated() {
            if lineIndex > 0 { ordered.append(LineBuilder.Glyph(character: "\n", box: blank, run: nil)) }
            for (wordIndex, word) in line.words.enumerated() {
                if wordIndex > 0 { ordered.append(LineBuilder.Glyph(character: " ", box: blank, run: word.glyphs.first?.run)) }
                ordered += word.glyphs
            }
        }
        return ordered
    }

    /// Words are the runs of characters between spaces and line breaks.
    private static func split(_ glyphs: [LineBuilder.Glyph]) -> [Word] {
        var words: [Word] = []
        var current: [LineBuilder.Glyph] = []
        func flush() {
            let inked = current.filter(\.hasInk)
            if !inked.isEmpty {
                words.append(Word(glyphs: current,
                                  x1: inked.map(\.box.x1).min()!, x2: inked.map(\.box.x2).max()!,
                                  y1: inked.map(\.box.y1).min()!, y2: inked.map(\.box.y2).max()!))
            }
            current = []
        }
        for glyph in glyphs {
            if glyph.isSpace {
                flush()
            } else {
                current.append(glyph)
            }
        }
        flush()
        return words
    }

    /// Side-by-side blocks (signatures: names on one row, roles below) read
    /// one column at a time, as they are meant: rows of two or more pieces
    /// whose pieces start at the same places are regrouped column by column.
    static func columnsDown(_ lines: [TextLine]) -> [TextLine] {
        var rows: [[TextLine]] = []
        for line in lines {
            if let last = rows.last?.last, onOneRow(last, line) {
                rows[rows.count - 1].append(line)
            } else {
                rows.append([line])
            }
        }
        var result: [TextLine] = []
        var index = 0
        while index < rows.count {
            var end = index + 1
            while end < rows.count, rows[index].count > 1, aligned(rows[end - 1], rows[end]) { end += 1 }
            if end - index > 1 {
                for column in rows[index].indices { result += rows[index..<end].map { $0[column] } }
            } else {
                result += rows[index]
            }
            index = end
        }
        return result
    }

    private static func onOneRow(_ a: TextLine, _ b: TextLine) -> Bool {
        let overlap = min(a.box.maxY, b.box.maxY) - max(a.box.y, b.box.y)
        return overlap > 0.5 * min(a.box.height, b.box.height) && b.box.x > a.box.maxX
    }

    /// Two rows of as many pieces, starting at the same places, one under the other.
    private static func aligned(_ upper: [TextLine], _ lower: [TextLine]) -> Bool {
        guard upper.count == lower.count, let first = upper.first, let next = lower.first,
              next.box.y - first.box.maxY < 2 * first.box.height else { return false }
        return zip(upper, lower).allSatisfy { abs($0.box.x - $1.box.x) < 3 * $0.box.height }
    }
}

