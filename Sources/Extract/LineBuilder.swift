import DocumentModel
import Foundation
import PDFText

/// Cuts poppler's page text into lines and each line into font spans.
enum LineBuilder {
    /// One character with its box and the index of its font run.
    struct Glyph {
        var character: Unicode.Scalar
        var box: PDFGlyphBox
        var run: Int?

        var isSpace: Bool { LineBuilder.isSpace(character) }
        var hasInk: Bool { box.x2 > box.x1 || box.y2 > box.y1 }
    }

    static func lines(from layout: PDFTextLayout, page: Int) -> [TextLine] {
        let runs = layout.fontRuns.sorted { $0.start < $1.start }
        var glyphs = glyphs(from: layout, runs: runs)
        let scanned = isOCRLayer(runs)
        if scanned { glyphs = ReadingOrder.geometric(glyphs) }
        // One span prototype per font run; lines copy it and set their text.
        let styles = runs.map { run in
            TextSpan(text: "", font: run.fontName, size: (run.fontSize * 10).rounded() / 10,
                     bold: FontStyle.isBold(run.fontName), italic: FontStyle.isItalic(run.fontName))
        }
        var lines: [TextLine] = []
        var start = 0
        for end in 0...glyphs.count where end == glyphs.count || glyphs[end].character == "\n" {
            var piece = LinePiece()
            for glyph in glyphs[start..<end] {
                // Zero-width spaces and joiners (Google Docs puts them inside headings) are no text.
                if isZeroWidth(glyph.character) { continue }
                if !glyph.isSpace, let previous = piece.lastInk {
                    let gap = glyph.box.x1 - previous.x2
                    let height = max(glyph.box.y2 - glyph.box.y1, previous.y2 - previous.y1, 1)
                    if abs(gap) > columnGap * height {
                        // Far apart on one line (a header's left and right parts): two lines.
                        piece.finish(page: page, styles: styles, into: &lines)
                        piece = LinePiece()
                    } else {
                        if gap > 0.25 * height, piece.lastScalar.map(isSpace) == false {
                            // Poppler sometimes leaves out the space between widely set words.
                            piece.append(" ", run: glyph.run)
                        }
                        // Wider than any word space: table cells set close together. OCR's word
                        // boxes are too uneven to tell.
                        if !scanned, gap > cellGap * height { piece.cuts.append((piece.bytes.count, previous.x2, glyph.box.x1)) }
                    }
                }
                piece.append(glyph.character, run: glyph.run)
                if !glyph.isSpace, glyph.hasInk { piece.addInk(glyph.box) }
            }
            piece.finish(page: page, styles: styles, into: &lines)
            start = end + 1
        }
        let merged = mergingSplitLines(lines)
        // Poppler already reads side-by-side blocks column-wise on born-digital pages.
        return scanned ? ReadingOrder.columnsDown(merged) : merged
    }

    /// The characters of one line collected so far, as UTF-8 (a String
    /// grown a scalar at a time cost a third of this builder's time), with
    /// the byte offset where each font run starts.
    private struct LinePiece {
        var bytes: [UInt8] = []
        var lastScalar: Unicode.Scalar?
        var runStarts: [(offset: Int, run: Int?)] = []
        var box: Box?
        var lastInk: PDFGlyphBox?
        /// Where a cell-wide gap ends: the byte offset, and the gap's two edges on the page.
        var cuts: [(offset: Int, gapStart: Double, x: Double)] = []

        mutating func append(_ scalar: Unicode.Scalar, run: Int?) {
            if runStarts.last.map({ $0.run != run }) ?? true { runStarts.append((bytes.count, run)) }
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
            lastScalar = scalar
        }

        mutating func addInk(_ glyph: PDFGlyphBox) {
            let glyphBox = Box(x: glyph.x1, y: glyph.y1, width: glyph.x2 - glyph.x1, height: glyph.y2 - glyph.y1)
            box = box.map { $0.union(glyphBox) } ?? glyphBox
            lastInk = glyph
        }

        func finish(page: Int, styles: [TextSpan], into lines: inout [TextLine]) {
            guard let box else { return }
            var spans: [TextSpan] = []
            for (index, runStart) in runStarts.enumerated() {
                let end = index + 1 < runStarts.count ? runStarts[index + 1].offset : bytes.count
                var span = runStart.run.map { styles[$0] } ?? TextSpan(text: "", font: "", size: 0, bold: false, italic: false)
                span.text = String(decoding: bytes[runStart.offset..<end], as: UTF8.self)
                spans.append(span)
            }
            let whole = String(decoding: bytes, as: UTF8.self)
            let text = whole.trimmingSpaces()
            guard !text.isEmpty else { return }
            let leading = whole.prefix { $0.isWhitespace }.count
            let lineCuts = cuts.map { cut in
                LineCut(offset: String(decoding: bytes[..<cut.offset], as: UTF8.self).count - leading,
                        gapStart: (cut.gapStart * 10).rounded() / 10, x: (cut.x * 10).rounded() / 10)
            }.filter { $0.offset > 0 && $0.offset < text.count }
            lines.append(TextLine(page: page, text: text, box: box.rounded(), spans: spans, cuts: lineCuts.isEmpty ? nil : lineCuts))
        }
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    /// White space test with an ASCII fast path: Unicode property lookups
    /// for every character were a fifth of the extraction time.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" }
        // The only white space in Latin-1 beyond ASCII: NEL and no-break space.
        if scalar.value < 0x100 { return scalar.value == 0x85 || scalar.value == 0xA0 }
        return scalar.properties.isWhitespace
    }

    /// Pairs each character with its box and font run.
    private static func glyphs(from layout: PDFTextLayout, runs: [PDFFontRun]) -> [Glyph] {
        var runIndex = 0
        return layout.characters.indices.map { offset in
            while runIndex < runs.count, runs[runIndex].end <= offset { runIndex += 1 }
            let run = runIndex < runs.count && runs[runIndex].start <= offset ? runIndex : nil
            return Glyph(character: layout.characters[offset], box: layout.boxes[offset], run: run)
        }
    }

    /// Text layers written by OCR engines use an invisible placeholder font.
    private static func isOCRLayer(_ runs: [PDFFontRun]) -> Bool {
        let ocr = runs.filter { $0.fontName.containsTextIgnoringASCIICase("glyphless") }.reduce(0) { $0 + $1.end - $1.start }
        let all = runs.reduce(0) { $0 + $1.end - $1.start }
        return all > 0 && ocr * 2 > all
    }

    /// Poppler sometimes cuts a justified line where the word gaps are wide,
    /// giving pieces on one baseline as separate lines; put them back together.
    static func mergingSplitLines(_ lines: [TextLine]) -> [TextLine] {
        var merged: [TextLine] = []
        for line in lines {
            if let previous = merged.last, sameBaseline(previous, line) {
                var spans = previous.allSpans
                if var last = spans.last, !last.text.hasSuffix(" ") {
                    last.text += " "
                    spans[spans.count - 1] = last
                }
                // The cuts of both pieces, the second's shifted past the first and the space; the join is one too when wide.
                let shift = previous.text.count + 1
                var cuts = previous.cuts ?? []
                if line.box.x - previous.box.maxX > cellGap * min(previous.box.height, line.box.height) {
                    cuts.append(LineCut(offset: shift, gapStart: previous.box.maxX, x: line.box.x))
                }
                cuts += (line.cuts ?? []).map { LineCut(offset: $0.offset + shift, gapStart: $0.gapStart, x: $0.x) }
                merged[merged.count - 1] = TextLine(page: previous.page, text: previous.text + " " + line.text,
                                                    box: previous.box.union(line.box), spans: spans + line.allSpans,
                                                    cuts: cuts.isEmpty ? nil : cuts)
            } else {
                merged.append(line)
            }
        }
        return merged
    }

    private static func sameBaseline(_ a: TextLine, _ b: TextLine) -> Bool {
        let overlap = min(a.box.maxY, b.box.maxY) - max(a.box.y, b.box.y)
        let height = min(a.box.height, b.box.height)
        let gap = b.box.x - a.box.maxX
        return height > 0 && overlap > 0.6 * height && gap >= -0.5 && gap < columnGap * height
    }

    /// A horizontal gap wider than this many line heights separates two
    /// pieces of text on one baseline (columns, or a header's two sides).
    static let columnGap = 4.0
    /// A gap wider than this many line heights, and narrower than a column's,
    /// is recorded as a cut: too wide for a word space, the mark of table cells.
    static let cellGap = 0.8

}

/// Weight and slant from the PostScript font name, which is all poppler gives.
enum FontStyle {
    static func isBold(_ name: String) -> Bool {
        ["bold", "black", "heavy", "semibold", "demi"].contains { name.containsTextIgnoringASCIICase($0) }
    }

    static func isItalic(_ name: String) -> Bool {
        name.containsTextIgnoringASCIICase("italic") || name.containsTextIgnoringASCIICase("oblique")
    }
}
