import DocumentModel
import Foundation
import PDFText

/// Cuts poppler's page text into lines and each line into font spans.
enum LineBuilder {
    static func lines(from layout: PDFTextLayout, page: Int) -> [TextLine] {
        var lines: [TextLine] = []
        var runIndex = 0
        var start = 0
        let characters = layout.characters
        let runs = layout.fontRuns.sorted { $0.start < $1.start }

        func run(at offset: Int) -> PDFFontRun? {
            while runIndex < runs.count, runs[runIndex].end <= offset { runIndex += 1 }
            guard runIndex < runs.count, runs[runIndex].start <= offset else { return nil }
            return runs[runIndex]
        }

        for end in 0...characters.count where end == characters.count || characters[end] == "\n" {
            defer { start = end + 1 }
            guard start < end else { continue }
            var spans: [TextSpan] = []
            var box: Box?
            var currentRun: PDFFontRun?
            var text = ""
            for offset in start..<end {
                let character = characters[offset]
                let fontRun = run(at: offset)
                if spans.isEmpty || fontRun != currentRun {
                    let name = fontRun?.fontName ?? ""
                    spans.append(TextSpan(text: "", font: name, size: rounded(fontRun?.fontSize ?? 0),
                                          bold: FontStyle.isBold(name), italic: FontStyle.isItalic(name)))
                    currentRun = fontRun
                }
                spans[spans.count - 1].text.append(character)
                text.append(character)
                let glyph = layout.boxes[offset]
                if !character.isWhitespace, glyph.x2 > glyph.x1 || glyph.y2 > glyph.y1 {
                    let glyphBox = Box(x: glyph.x1, y: glyph.y1, width: glyph.x2 - glyph.x1, height: glyph.y2 - glyph.y1)
                    box = box.map { $0.union(glyphBox) } ?? glyphBox
                }
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, let box else { continue }
            lines.append(TextLine(page: page, text: trimmed, box: box.rounded(), spans: spans))
        }
        return lines
    }

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
