import DocumentModel
import Foundation
import PDFText

/// Cuts poppler's page text into lines and each line into font spans.
enum LineBuilder {
    /// One character with its box and the index of its font run.
    struct Glyph {
        var character: Character
        var box: PDFGlyphBox
        var run: Int?
    }

    static func lines(from layout: PDFTextLayout, page: Int) -> [TextLine] {
        let runs = layout.fontRuns.sorted { $0.start < $1.start }
        var glyphs = glyphs(from: layout, runs: runs)
        if isOCRLayer(runs) { glyphs = ReadingOrder.geometric(glyphs) }
        return lines(from: glyphs, runs: runs, page: page)
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
        let ocr = runs.filter { $0.fontName.localizedCaseInsensitiveContains("glyphless") }.reduce(0) { $0 + $1.end - $1.start }
        let all = runs.reduce(0) { $0 + $1.end - $1.start }
        return all > 0 && ocr * 2 > all
    }

    private static func lines(from glyphs: [Glyph], runs: [PDFFontRun], page: Int) -> [TextLine] {
        var lines: [TextLine] = []
        var start = 0
        func run(at offset: Int) -> PDFFontRun? { glyphs[offset].run.map { runs[$0] } }
        let characters = glyphs.map(\.character)

        for end in 0...characters.count where end == characters.count || characters[end] == "\n" {
            defer { start = end + 1 }
            guard start < end else { continue }
            var spans: [TextSpan] = []
            var box: Box?
            var currentRun: PDFFontRun?
            var text = ""
            func flush() {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, let box {
                    spans = spans.filter { !$0.text.isEmpty }
                    lines.append(TextLine(page: page, text: trimmed, box: box.rounded(), spans: spans))
                }
                spans = []
                box = nil
                text = ""
                currentRun = nil
            }
            var lastInk: PDFGlyphBox?
            for offset in start..<end {
                let character = characters[offset]
                let glyph = glyphs[offset].box
                if !character.isWhitespace, let previous = lastInk {
                    let gap = glyph.x1 - previous.x2
                    let height = max(glyph.y2 - glyph.y1, previous.y2 - previous.y1, 1)
                    if gap > columnGap * height || gap < -columnGap * height {
                        // Far apart on one line (a header's left and right parts): two lines.
                        flush()
                    } else if gap > 0.25 * height, text.last?.isWhitespace == false {
                        // Poppler sometimes leaves out the space between widely set words.
                        spans[spans.count - 1].text.append(" ")
                        text.append(" ")
                    }
                }
                let fontRun = run(at: offset)
                if spans.isEmpty || fontRun != currentRun {
                    let name = fontRun?.fontName ?? ""
                    spans.append(TextSpan(text: "", font: name, size: rounded(fontRun?.fontSize ?? 0),
                                          bold: FontStyle.isBold(name), italic: FontStyle.isItalic(name)))
                    currentRun = fontRun
                }
                spans[spans.count - 1].text.append(character)
                text.append(character)
                if !character.isWhitespace, glyph.x2 > glyph.x1 || glyph.y2 > glyph.y1 {
                    let glyphBox = Box(x: glyph.x1, y: glyph.y1, width: glyph.x2 - glyph.x1, height: glyph.y2 - glyph.y1)
                    box = box.map { $0.union(glyphBox) } ?? glyphBox
                    lastInk = glyph
                }
            }
            flush()
        }
        return mergingSplitLines(lines)
    }

    /// Poppler sometimes cuts a justified line where the word gaps are wide,
    /// giving pieces on one baseline as separate lines; put them back together.
    static func mergingSplitLines(_ lines: [TextLine]) -> [TextLine] {
        var merged: [TextLine] = []
        for line in lines {
            if let previous = merged.last, sameBaseline(previous, line) {
                var joined = previous
                joined.text += " " + line.text
                joined.box = previous.box.union(line.box)
                if var last = joined.spans.last, !last.text.hasSuffix(" ") {
                    last.text += " "
                    joined.spans[joined.spans.count - 1] = last
                }
                joined.spans += line.spans
                merged[merged.count - 1] = joined
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

    private static func rounded(_ size: Double) -> Double { (size * 10).rounded() / 10 }
}

/// Weight and slant from the PostScript font name, which is all poppler gives.
enum FontStyle {
    static func isBold(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["bold", "black", "heavy", "semibold", "demi"].contains { lower.contains($0) }
    }

    static func isItalic(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("italic") || lower.contains("oblique")
    }
}
