import DocumentModel
import Foundation

/// Page furniture that recurrence cannot find, recognised by what it says and
/// where it stands: page numbers wherever they are, postal-address footers,
/// a later page's short header in a two-page document, and the boxes of
/// protocols (`ANSLAG/BEVIS`, `Justerandes sign`, `Utdragsbestyrkande`,
/// `Rätt utdraget intygar`).
enum FurnitureFinder {
    static func find(_ blocks: [TextBlock], pages: [Page]) -> Set<Int> {
        var furniture = Set<Int>()
        var boxPage: Int?
        var boxTop = 0.0
        var boxBottom = 0.0
        var boxSize = 0.0
        var certifyLines = 0
        let heights = Dictionary(pages.map { ($0.number, $0.height) }, uniquingKeysWith: { first, _ in first })
        for (index, block) in blocks.enumerated() {
            let page = block.firstPage
            let height = heights[page] ?? 842
            let lines = block.lines.map { $0.text.trimmingSpaces() }
            // Only a block's opening words are compared: folding whole paragraphs costs more than it tells.
            let folded = TextFolding.fold(String(block.text.prefix(40)))
            // A box that reached the foot of its page goes on at the top of the next.
            if let open = boxPage, page == open + 1, boxBottom >= (heights[open] ?? 842) * 0.8,
               let first = block.lines.first, first.box.y <= height * 0.25 {
                boxPage = page
                boxTop = 0
                boxBottom = first.box.y
            }
            // An ANSLAG/BEVIS box holds the short lines close below it, in its type:
            // not a paragraph, nor a column beside it that reading order puts after
            // it, nor the items a page goes on with after a gap (`KS §` over `259`).
            // An item's opening line (`KS § 259 Val av justerare`) ends the box, however close and however set.
            if boxPage == page, let first = block.lines.first, first.box.y >= boxTop - 2, !isParagraph(block),
               first.box.y - boxBottom <= 4 * max(first.box.height, 8),
               block.fontSize <= boxSize * (HeadingDetector.isScanned(block) ? 1.4 : 1) + 1.5,
               ProtocolReader.itemHeading(first.text) == nil {
                furniture.insert(index)
                boxBottom = max(boxBottom, block.lines.last?.box.maxY ?? boxBottom)
                continue
            }
            boxPage = nil
            let box = folded.replacingOccurrences(of: " ", with: "")
            // `ANSLAG/BEVIS`, also as OCR reads the slash (`ANSLAGi/BEVIS`, `ANSLAG1BEVIS`).
            if box == "bevis" || (box.hasPrefix("anslag") && box.prefix(14).contains("bevis")) {
                boxPage = page
                boxTop = block.lines.first?.box.y ?? 0
                boxBottom = block.lines.last?.box.maxY ?? boxTop
                boxSize = block.fontSize
                furniture.insert(index)
                continue
            }
            if certifyLines > 0, block.lines.count <= 2, block.text.count <= 80 {
                certifyLines -= 1
                furniture.insert(index)
                continue
            }
            certifyLines = 0
            if folded.hasPrefix("ratt utdraget intygar") || folded.hasPrefix("utdraget bestyrks") {
                furniture.insert(index)
                certifyLines = 2
                continue
            }
            if boxWords.contains(where: { folded.hasPrefix($0) }), block.text.count <= 80 {
                furniture.insert(index)
                continue
            }
            if lines.allSatisfy({ $0.isEmpty || ($0.utf8.count <= 24 && LetterheadLine.kind(of: $0) == .pageNumber) }) {
                furniture.insert(index)
                continue
            }
            let top = block.lines.first?.box.y ?? 0
            let bottom = block.lines.last?.box.maxY ?? 0
            if top >= height * 0.85, isAddress(block.text) {
                furniture.insert(index)
                continue
            }
            // A later page's own header: short lines at the very top that say
            // what a letterhead says (organisation, type, Dnr, date).
            if page > 1, bottom <= height * 0.12, block.lines.count <= 3,
               lines.contains(where: { line in
                   // A Dnr alone at the top of a page is an item's; a header names the organisation, type or date.
                   // A date counts only bare (`2013-10-01`): `Karlstad den 28 mars 2022` opens a page's text.
                   switch LetterheadLine.kind(of: line) {
                   case .date: return !line.contains(where: \.isLetter)
                   case .label, .organisation, .pageNumber: return true
                   default: return false
                   }
               }) {
                furniture.insert(index)
            }
        }
        return furniture
    }

    /// Running text: several lines, more than a box's field holds, or a sentence
    /// longer than a box's caption (`Kommunstyrelsen godkänner att … yttra sig.` below the box).
    private static func isParagraph(_ block: TextBlock) -> Bool {
        if block.lines.count >= 3 && block.text.utf8.count > 200 { return true }
        let text = block.text.trimmingSpaces()
        return text.hasSuffix(".") && text.split(separator: " ").count >= 10
    }

    /// `Postadress 901 84 Umeå · Besöksadress Skolgatan 31 · Telefon 090-16 10 00 · www.umea.se`.
    static func isAddress(_ text: String) -> Bool {
        var cues = 0
        for cue in addressCues where text.range(of: cue, options: .caseInsensitive) != nil { cues += 1 }
        if text.firstMatch(of: postalCode) != nil { cues += 1 }
        return cues >= 2
    }

    private static let boxWords = ["justerandes sign", "justerandes signatur", "utdragsbestyrkande", "justerare sign",
                                   "ordforandes sign", "sekreterarens sign"]
    private static let addressCues = ["postadress", "besöksadress", "telefon", "tel ", "e-post", "www.", "org.nr", "orgnr",
                                      "organisationsnummer", "växel", "@", "bankgiro", "fax"]
    nonisolated(unsafe) private static let postalCode = /\b\d{3}\s?\d{2}\s+\p{Lu}\p{Ll}+/
}
