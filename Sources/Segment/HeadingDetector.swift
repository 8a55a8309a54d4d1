import DocumentModel
import Foundation

/// A block that opens a section.
struct HeadingDecision: Equatable {
    var kind: SectionKind
    var level: Int
    /// The heading text (repaired) and as printed.
    var text: String
    var printed: String
    /// Opened by a paragraph, not a printed heading (`Reservation av … enligt följande.`).
    var implicit: Bool = false
}

/// Finds the title and the headings among the extracted blocks.
///
/// Two kinds of evidence: the genre's vocabulary, matched tolerantly of OCR
/// damage (`Remissammanstallining`), and layout (bold or larger type, a
/// short isolated block without a final period). Inside the consultation
/// summary, a short block naming one of the consulted bodies opens that
/// body's subsection even when the scan lost its bold face.
struct HeadingDetector {
    var blocks: [TextBlock]
    var consultedBodies: [String]
    /// Larger than the body by this factor counts as emphasis.
    var emphasisRatio: Double

    struct Result {
        var titleIndex: Int?
        var headings: [Int: HeadingDecision]
    }

    func detect() -> Result {
        let body = bodySize()
        let bodies = consultedBodies.map(TextFolding.fold)
        // Fuzzy vocabulary matching is the costly test: once per block.
        let kinds = blocks.map { $0.lines.count <= 2 ? HeadingVocabulary.kind(of: $0.text) : nil }
        let topLevelSize = largestHeadingSize(body, kinds: kinds)
        var result = Result(titleIndex: nil, headings: [:])
        var topKind: SectionKind?
        var openLevel = 0
        for (index, block) in blocks.enumerated() {
            let text = block.text.trimmingSpaces()
            let emphasised = block.bold || block.fontSize >= body * emphasisRatio
            if result.titleIndex == nil, result.headings.isEmpty, kinds[index] == nil, isTitle(block, text, body: body) {
                result.titleIndex = index
                continue
            }
            var decision: HeadingDecision?
            if isHeadingShaped(block, text), let kind = kinds[index] {
                decision = HeadingDecision(kind: kind, level: kind == .reservation ? openLevel + 1 : 1,
                                           text: text, printed: block.printedText)
            } else if let reservation = reservationOpening(text) {
                decision = HeadingDecision(kind: .reservation, level: min(openLevel + 1, 3), text: reservation.heading,
                                           printed: block.printedText, implicit: reservation.implicit)
            } else if isHeadingShaped(block, text), text.split(separator: " ").count <= 6,
                      topKind == .remissammanstallning || topKind == .reservationer,
                      bodies.contains(where: { TextFolding.similar(TextFolding.fold(text), $0) }) {
                decision = HeadingDecision(kind: topKind == .remissammanstallning ? .remissinstans : .other,
                                           level: 2, text: text, printed: block.printedText)
            } else if isHeadingShaped(block, text), emphasised, !isSignatureOrDate(block, text),
                      !(People.isName(text) && index + 1 < blocks.count && People.isRole(blocks[index + 1].text)) {
                let level = block.fontSize >= topLevelSize - 0.5 && !Self.isScanned(block) ? 1 : min(openLevel + 1, 4)
                decision = HeadingDecision(kind: .other, level: max(level, 1), text: text, printed: block.printedText)
            }
            if var decision {
                if decision.level == 1 { topKind = decision.kind }
                if decision.kind == .remissinstans { decision.level = 2 }
                openLevel = decision.level
                result.headings[index] = decision
            }
        }
        return result
    }

    /// A reservation opens with `Reservation av A (C)`: as a heading in the
    /// reservations part, or as the paragraph `… (C) enligt följande.` A mere
    /// pointer (`…, se Reservationer m.m.`) opens nothing.
    private func reservationOpening(_ text: String) -> (heading: String, implicit: Bool)? {
        guard text.hasPrefix("Reservation av"), let found = People.reservations(in: text).first else { return nil }
        let tail = found.tail.trimmingSpaces()
        let heading = String(text[..<found.tail.startIndex]).trimmingSpaces()
        if tail.isEmpty { return (heading, false) }
        if tail.hasPrefix("enligt följande") || tail.hasPrefix("enligt foljande") { return (heading, true) }
        return nil
    }

    private func isTitle(_ block: TextBlock, _ text: String, body: Double) -> Bool {
        block.firstPage == 1 && block.lines.count <= 4 && text.count <= 200 && text.last != "."
            && block.fontSize >= body * 1.25
    }

    private func isHeadingShaped(_ block: TextBlock, _ text: String) -> Bool {
        guard block.lines.count <= 2, text.count <= 110, text.split(separator: " ").count <= 14,
              let first = text.first, first.isUppercase || first == "|",
              let last = text.last, !".,;".contains(last)
        else { return false }
        return !text.hasPrefix("- ") && text.prefixMatch(of: Self.numbered) == nil
    }

    private func isSignatureOrDate(_ block: TextBlock, _ text: String) -> Bool {
        if text.firstMatch(of: Self.dated) != nil { return true }
        // `Föredragande borgarrådet Karin Wanngård` names a person; it heads nothing.
        if People.presenter(in: text) != nil { return true }
        let lines = block.lines.map(\.text)
        return lines.count == 2 && People.isName(lines[0]) && People.isRole(lines[1])
    }

    /// The body text size: the size that covers most characters.
    private func bodySize() -> Double {
        var weight: [Double: Int] = [:]
        for block in blocks { weight[block.fontSize, default: 0] += block.text.count }
        return weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 11
    }

    /// The size of the vocabulary's headings, which the genre sets at the top level.
    private func largestHeadingSize(_ body: Double, kinds: [SectionKind?]) -> Double {
        let sizes = zip(blocks, kinds).filter { $0.1 != nil }.map(\.0.fontSize).sorted()
        return sizes.isEmpty ? body * 1.2 : sizes[sizes.count / 2]
    }

    static func isScanned(_ block: TextBlock) -> Bool {
        block.lines.contains(where: \.isInvisibleOCRText)
    }

    // Regex literals inside a function are parsed on every call: kept here, once.
    nonisolated(unsafe) private static let numbered = /\d{1,2}[.)]\s/
    nonisolated(unsafe) private static let dated = /\bden\s+\d{1,2}\s+\p{L}+\s+\d{4}/
}
