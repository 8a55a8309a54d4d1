import DocumentModel
import Foundation

/// The document's title: the first block on page 1 set larger or bolder
/// than the body that is neither a letterhead line (organisation, unit,
/// type, Dnr, date), nor a genre heading, nor a protocol item.
enum TitleFinder {
    static func find(_ blocks: [TextBlock], skipped: Set<Int>, bodySize: Double, pageHeight: Double) -> Int? {
        var best: Int?
        let indices = blocks.indices.filter { !skipped.contains($0) }
        for (position, index) in indices.enumerated() {
            let block = blocks[index]
            // A title stands in the upper part of page 1, before the text begins.
            guard block.firstPage == 1, (block.lines.first?.box.y ?? 0) <= pageHeight * 0.6 else { break }
            let text = block.text.trimmingSpaces()
            if ProtocolReader.itemHeading(text) != nil || HeadingVocabulary.kind(of: text) != nil { break }
            // A scan's sizes come from word heights, closer together than the set sizes were.
            let larger = HeadingDetector.isScanned(block) ? 1.06 : 1.2
            let emphasised = block.fontSize >= bodySize * larger || (block.bold && block.fontSize >= bodySize * 0.95)
            if !emphasised, text.split(separator: " ").count >= 15 { break }
            guard emphasised, text.first?.isUppercase == true || text.first?.isNumber == true, block.lines.count <= 6, (4...300).contains(text.count),
                  text.last != "." || text.hasSuffix("m.m."), ProtocolReader.label(of: text) == nil
            else { continue }
            // `Vänsterpartiet Halmstad 2021-09-29`, however OCR read the rest of the line.
            if block.lines.count <= 2, text.split(separator: " ").count <= 8,
               text.prefixMatch(of: LetterheadLine.organisationName) != nil { continue }
            let kinds = block.lines.map { LetterheadLine.kind(of: $0.text) }
            if text.split(separator: " ").count <= 6, kinds.allSatisfy({ $0 != nil }) {
                // A protocol's organ is its title when the front matter follows it.
                let next = indices.dropFirst(position + 1).first
                let opensFrontMatter = next.map { ProtocolReader.label(of: blocks[$0].lines.first?.text ?? "") != nil } ?? false
                guard kinds.allSatisfy({ $0 == .unit }), opensFrontMatter else { continue }
            }
            // OCR estimates sizes from word heights: within 15 % they are one size.
            let tolerance = HeadingDetector.isScanned(block) ? block.fontSize * 0.15 : 0.25
            if let current = best, blocks[current].fontSize >= block.fontSize - tolerance { continue }
            best = index
        }
        return best
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
