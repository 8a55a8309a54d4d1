import DocumentModel
import Foundation

/// The document's title: the first block on page 1 set larger or bolder
/// than the body that is neither a letterhead line (organisation, unit,
/// type, Dnr, date), nor a genre heading, nor a protocol item.
enum TitleFinder {
    static func find(_ blocks: [TextBlock], skipped: Set<Int>, bodySize: Double, pageHeight: Double) -> Int? {
        for (index, block) in blocks.enumerated() where !skipped.contains(index) {
            guard block.firstPage == 1 else { return nil }
            // A title stands in the upper part of page 1.
            guard (block.lines.first?.box.y ?? 0) <= pageHeight * 0.6 else { return nil }
            let text = block.text.trimmingSpaces()
            guard block.lines.count <= 4, (4...260).contains(text.count) else { continue }
            let emphasised = block.fontSize >= bodySize * 1.2 || (block.bold && block.fontSize >= bodySize * 0.95)
            guard emphasised, text.last != "." || text.hasSuffix("m.m.") else { continue }
            if ProtocolReader.itemHeading(text) != nil { return nil }
            if HeadingVocabulary.kind(of: text) != nil { return nil }
            let words = text.split(separator: " ").count
            if words <= 6, block.lines.allSatisfy({ LetterheadLine.kind(of: $0.text) != nil }) { continue }
            if ProtocolReader.label(of: text) != nil { continue }
            return index
        }
        return nil
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
