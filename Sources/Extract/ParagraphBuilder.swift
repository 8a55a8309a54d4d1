import DocumentModel
import Foundation

/// Rebuilds paragraphs, list items and heading candidates from body lines.
///
/// A new block starts where the vertical step between lines is clearly
/// larger than the typical step (the blank line between paragraphs), where
/// the face or size changes (a heading), where a line starts with a list
/// marker, or where the text flows to a new column. A paragraph that runs
/// over a page break is kept whole when the first part does not end a
/// sentence and the next page continues in lower case.
struct ParagraphBuilder {
    var gapFactor: Double

    func blocks(from lines: [TextLine]) -> [TextBlock] {
        let step = typicalStep(lines)
        let width = typicalWidth(lines)
        let bodySize = Self.bodySize(lines)
        let rowMates = Self.linesWithRowMates(lines)
        var groups: [[TextLine]] = []
        // Whether the open group began in a table row: its later lines may stand alone on their baseline.
        var inRow = false
        for (index, line) in lines.enumerated() {
            if let previous = groups.last?.last,
               !endsShort(previous, width: width, bodySize: bodySize) || (inRow && Self.continuesInCell(previous, line)),
               continues(previous, with: line, step: step, width: width) {
                groups[groups.count - 1].append(line)
            } else {
                groups.append([line])
                inRow = false
            }
            inRow = inRow || rowMates.contains(index)
        }
        return groups.map(makeBlock)
    }

    private func continues(_ previous: TextLine, with line: TextLine, step: Double, width: Double) -> Bool {
        if Self.startsListItem(line.text) { return false }
        let scanned = previous.isOCRText || line.isOCRText
        // On a scan, a short line without a final stop right after a sentence's end is a
        // heading that lost its bold face (`… till handlingarna.` / `Sammanfattning`).
        if scanned, Self.isSentenceEnd(previous.text), Self.isBareHeadingLine(line, width: width) { return false }
        // On a scan, a protocol item set right under the last one's title (`8 41 Svar på motion …`,
        // its sign misread) opens a block of its own, as its bold would have made it.
        if line.opensProtocolItemOnScan { return false }
        // OCR text layers carry no weights and noisy sizes; only geometry counts there.
        if !scanned {
            if previous.isBold != line.isBold { return false }
            let sizes = (previous.dominantSize, line.dominantSize)
            if abs(sizes.0 - sizes.1) > max(0.6, 0.08 * max(sizes.0, sizes.1)) { return false }
        } else {
            // OCR sizes come from letter heights, rough but not noise: a
            // heading set clearly larger than its paragraph still shows.
            let sizes = (previous.dominantSize, line.dominantSize)
            if max(sizes.0, sizes.1) > 1.2 * min(sizes.0, sizes.1) { return false }
        }
        if previous.page != line.page {
            guard let last = previous.text.last, let first = line.text.first else { return false }
            return !".:!?".contains(last) && (first.isLowercase || last == "-")
        }
        let advance = line.box.maxY - previous.box.maxY
        if advance <= 0 { return false }
        let lineHeight = max(previous.box.height, line.box.height)
        return advance <= max(step, lineHeight) * gapFactor
    }

    /// A line much shorter than the column ends its block: a heading, a
    /// signature, or a paragraph's last line. On scans this is the only sign
    /// of a heading set directly above its paragraph. A title set larger than
    /// the body is often broken by hand (`… ska yttra sig över` / `Välfärds…`);
    /// there a change of size or face, not a short line, ends it.
    private func endsShort(_ line: TextLine, width: Double, bodySize: Double) -> Bool {
        guard line.box.width < 0.6 * width, line.text.last != "-" else { return false }
        return line.isOCRText || line.dominantSize <= bodySize * 1.15
    }

    /// A table cell's next line, stacked right under the last at the same left
    /// edge: a narrow cell wraps `Socialförv` / `altningen` or `2014-12-3` / `1`
    /// where a paragraph would end. Only text that goes on (a lower-case word,
    /// or the rest of a date) runs on; the repair stage decides with the lexicon
    /// whether the break fell inside a word.
    static func continuesInCell(_ previous: TextLine, _ line: TextLine) -> Bool {
        guard previous.page == line.page, abs(previous.box.x - line.box.x) <= 1.5,
              let last = previous.text.last, let first = line.text.first else { return false }
        if first.isLowercase { return last.isLetter || last == "," }
        if first.isNumber, !line.text.contains(" ") {
            let tail = previous.text.split(separator: " ").last ?? ""
            return tail.wholeMatch(of: truncatedDate) != nil
        }
        return false
    }

    /// Indices of lines that share their baseline with another line standing
    /// apart on the same page: cells of a table row, side-by-side columns.
    static func linesWithRowMates(_ lines: [TextLine]) -> Set<Int> {
        var result = Set<Int>()
        var pageStart = 0
        for index in lines.indices where index + 1 == lines.count || lines[index + 1].page != lines[index].page {
            let page = lines[pageStart...index].indices.sorted { lines[$0].box.midY < lines[$1].box.midY }
            for (position, a) in page.enumerated() {
                for b in page[(position + 1)...] {
                    if lines[b].box.y > lines[a].box.maxY { break }
                    if lines[a].box.standsBeside(lines[b].box) {
                        result.insert(a)
                        result.insert(b)
                    }
                }
            }
            pageStart = index + 1
        }
        return result
    }

    nonisolated(unsafe) private static let truncatedDate = /\d{4}-\d{2}-\d?|\d{4}-\d?/

    private static func isSentenceEnd(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        return ".!?".contains(last)
    }

    /// Short, opening with a capital, a few words, no stop at its end.
    private static func isBareHeadingLine(_ line: TextLine, width: Double) -> Bool {
        guard line.box.width < 0.5 * width, let first = line.text.first, first.isUppercase,
              let last = line.text.last, last.isLetter else { return false }
        return line.text.split(separator: " ").count <= 6
    }

    /// The size that covers most characters.
    private static func bodySize(_ lines: [TextLine]) -> Double {
        var weight: [Double: Int] = [:]
        for line in lines { weight[(line.dominantSize * 2).rounded() / 2, default: 0] += line.text.count }
        return weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
    }

    /// The width of a full line of the column: the widths' upper quartile.
    private func typicalWidth(_ lines: [TextLine]) -> Double {
        let widths = lines.map(\.box.width).sorted()
        return widths.isEmpty ? 0 : widths[widths.count * 3 / 4]
    }

    /// The median baseline step between consecutive lines of the same page.
    private func typicalStep(_ lines: [TextLine]) -> Double {
        var steps: [Double] = []
        for (previous, line) in zip(lines, lines.dropFirst()) where previous.page == line.page {
            let advance = line.box.maxY - previous.box.maxY
            if advance > 0 { steps.append(advance) }
        }
        guard !steps.isEmpty else { return 14 }
        steps.sort()
        // The lower quartile: most steps are within paragraphs, the larger ones between them.
        return steps[steps.count / 4]
    }

    private func makeBlock(_ lines: [TextLine]) -> TextBlock {
        let joined = Dehyphenator.join(lines.map(\.text))
        var weight: [Double: Int] = [:]
        for line in lines { weight[line.dominantSize, default: 0] += line.text.count }
        let size = weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key ?? 0
        return TextBlock(lines: lines, text: joined.text, hyphenations: joined.hyphenations,
                         fontSize: size, bold: lines.allSatisfy(\.isBold))
    }

    static func startsListItem(_ text: String) -> Bool {
        // The regex runs on every line; its first character already rules out most.
        var scalars = text.unicodeScalars.makeIterator()
        switch scalars.next() {
        case ("0"..."9")?, "-", "–", "•", "▪", "¢", "*", "«", "°", "·": break
        case ("a"..."z")?: guard scalars.next() == ")" else { return false }
        default: return false
        }
        return text.prefixMatch(of: listMarker) != nil
    }

    // Bullets as printed, and as OCR engines read them (`¢`, `*`, `«`, `°`).
    nonisolated(unsafe) private static let listMarker = /(\d{1,2}[.)]|[a-z][)]|[-–•▪¢*«°·])\s+\S/
}
