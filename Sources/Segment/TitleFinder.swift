import DocumentModel
import Foundation

/// The document's title: the first block on page 1 set larger or bolder
/// than the body that is neither a letterhead line (organisation, unit,
/// type, Dnr, date), nor a genre heading, nor a protocol item.
enum TitleFinder {
    static func find(_ blocks: [TextBlock], skipped: Set<Int>, bodySize: Double, pageHeight: Double,
                     pageWidth: Double = 595) -> Int? {
        var best: Int?
        let indices = blocks.indices.filter { !skipped.contains($0) }
        // A cover that holds only the letterhead (type, date, organisation) leaves the title to page 2.
        let coverOnly = indices.contains { blocks[$0].firstPage > 1 }
            && indices.filter({ blocks[$0].firstPage == 1 }).allSatisfy { index in
                blocks[index].lines.allSatisfy { LetterheadLine.kind(of: $0.text) != nil }
            }
        let titlePage = coverOnly ? 2 : 1
        for (position, index) in indices.enumerated() {
            let block = blocks[index]
            if block.firstPage < titlePage { continue }
            // A title stands in the upper part of page 1, before the text begins.
            guard block.firstPage == titlePage, (block.lines.first?.box.y ?? 0) <= pageHeight * 0.6 else { break }
            let text = block.text.trimmingSpaces()
            // The right half of the page holds the letterhead's column (`Motion till` / `kommunfullmäktige i` / `Piteå`),
            // whose type label may read like a heading (`Beslut`).
            if let left = block.lines.first?.box.x, left > pageWidth * 0.45 { continue }
            if ProtocolReader.itemHeading(text) != nil || HeadingVocabulary.kind(of: text) != nil { break }
            // A scan's sizes come from word heights, closer together than the set sizes were.
            let larger = HeadingDetector.isScanned(block) ? 1.06 : 1.2
            let emphasised = block.fontSize >= bodySize * larger || (block.bold && block.fontSize >= bodySize * 0.95)
            if !emphasised, text.split(separator: " ").count >= 15 { break }
            guard emphasised, text.first?.isUppercase == true || text.first?.isNumber == true, block.lines.count <= 6, (4...300).contains(text.count),
                  text.last != "." || text.hasSuffix("m.m."), ProtocolReader.label(of: text) == nil
            else { continue }
            // `Vänsterpartiet Halmstad 2021-09-29`, however OCR read the rest of the line.
            // The organisation's name, however many lines it takes (`Sjukvårdspartiet` / `Landsbygdspartiet Oberoende` / `(SLP)`).
            if text.wholeMatch(of: LetterheadLine.organisationName) != nil { continue }
            // A title may open with the organisation's name (`Region Skåne ska yttra sig över …`): its rest is a sentence.
            if block.lines.count <= 2, text.split(separator: " ").count <= 8,
               let organisation = text.prefixMatch(of: LetterheadLine.organisationName) {
                // OCR may read the letterhead's two columns as one line: `Vänsterpartiet Halmstad Motion till kommunfullmäktige`.
                let rest = text[organisation.range.upperBound...].trimmingSpaces()
                let lowercaseWords = rest.split(separator: " ").filter { $0.count >= 2 && $0.first?.isLowercase == true }.count
                if lowercaseWords < 2 || LetterheadLine.kind(of: rest) != nil { continue }
            }
            // A signatory or the handläggare in the letterhead: a name over a role.
            if People.isName(text), let next = indices.dropFirst(position + 1).first, People.isRole(blocks[next].text) { continue }
            let kinds = block.lines.map { LetterheadLine.kind(of: $0.text) }
            if text.split(separator: " ").count <= 6, kinds.allSatisfy({ $0 != nil }) {
                // A protocol's organ is its title when the front matter follows it.
                let next = indices.dropFirst(position + 1).first
                let opensFrontMatter = next.map { ProtocolReader.label(of: blocks[$0].lines.first?.text ?? "") != nil } ?? false
                guard kinds.allSatisfy({ $0 == .unit }), opensFrontMatter else { continue }
            }
            // OCR estimates sizes from word heights: within 15 % they are one size.
            let tolerance = HeadingDetector.isScanned(block) ? block.fontSize * 0.15 : 0.25
            // Of two in the same size, a bold one over a plain one.
            if let current = best, blocks[current].fontSize >= block.fontSize - tolerance,
               blocks[current].bold || !block.bold || blocks[current].fontSize > block.fontSize + tolerance { continue }
            best = index
        }
        return best
    }

    /// The blocks right below the title's block that carry on its lines, as a
    /// title broken by hand or read by OCR as lines apart does: the same face
    /// and size, the same left edge, no gap, and nothing a heading or a field opens.
    static func continuations(of index: Int, in blocks: [TextBlock], skipped: Set<Int>) -> [Int] {
        var found: [Int] = []
        var previous = blocks[index]
        // A title whose block ends in smaller type has ended.
        guard HeadingDetector.splitTitle(previous).rest.isEmpty else { return [] }
        var next = index + 1
        while next < blocks.count, found.count < 3 {
            defer { next += 1 }
            if skipped.contains(next) { continue }
            let block = blocks[next]
            let text = block.text.trimmingSpaces()
            guard let first = block.lines.first, let above = previous.lines.last, first.page == above.page,
                  block.lines.count <= 2, abs(first.box.x - above.box.x) < 4, block.bold == previous.bold,
                  abs(block.fontSize - previous.fontSize) <= (HeadingDetector.isScanned(block) ? previous.fontSize * 0.15 : 0.25),
                  first.box.y > above.box.y, first.box.y - above.box.maxY < above.box.height * 0.6,
                  ProtocolReader.itemHeading(text) == nil, HeadingVocabulary.kind(of: text) == nil,
                  ProtocolReader.label(of: text) == nil, LetterheadLine.kind(of: text) == nil,
                  !HeadingDetector.endsSentence(text)
            else { break }
            found.append(next)
            previous = block
        }
        return found
    }

    /// The body text size: the size that covers most characters.
    static func bodySize(_ blocks: [TextBlock], skipped: Set<Int>) -> Double {
        var weight: [Double: Int] = [:]
        for (index, block) in blocks.enumerated() where !skipped.contains(index) {
            weight[(block.fontSize * 2).rounded() / 2, default: 0] += block.text.count
        }
        return weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 11
    }
}
