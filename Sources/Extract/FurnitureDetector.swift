import DocumentModel
import Foundation

/// Sets running headers, footers and page numbers apart from the body.
///
/// A line near the top or bottom edge is furniture when it is a page number
/// (`Sida 2 (14)`, `2 (14)`, `- 3 -`) or when the same text, digits and
/// diacritics ignored, recurs in that zone on enough pages: the Dnr header
/// of a council document repeats on every page, a paragraph does not.
struct FurnitureDetector {
    var zone: Double
    var recurrence: Double

    struct Result {
        var body: [TextLine]
        var furniture: [[TextLine]]
    }

    private enum Edge: Hashable { case top, bottom }

    func split(_ pageLines: [[TextLine]], pages: [Page]) -> Result {
        func edge(_ line: TextLine, _ page: Page) -> Edge? {
            if line.box.maxY <= page.height * zone { return .top }
            if line.box.y >= page.height * (1 - zone) { return .bottom }
            return nil
        }
        var pagesWithKey: [Edge: [String: Set<Int>]] = [:]
        for (index, lines) in pageLines.enumerated() {
            for line in lines {
                guard let edge = edge(line, pages[index]) else { continue }
                let key = Self.key(line.text)
                if !key.isEmpty { pagesWithKey[edge, default: [:]][key, default: []].insert(index) }
            }
        }
        let pagesWithText = max(1, pages.filter(\.hasTextLayer).count)
        let needed = max(2, Int((Double(pagesWithText) * recurrence).rounded(.up)))
        // OCR reads one header differently from page to page (`fér`, `for`, `f6r`):
        // a key also counts the pages of keys within a few edits of it.
        func pagesRepeating(_ key: String, _ edge: Edge) -> Int {
            guard let keys = pagesWithKey[edge] else { return 0 }
            if let exact = keys[key], exact.count >= needed { return exact.count }
            var pages = Set<Int>()
            for (other, found) in keys where EditDistance.similar(other, key, per: 8) { pages.formUnion(found) }
            return pages.count
        }

        var result = Result(body: [], furniture: Array(repeating: [], count: pageLines.count))
        for (index, lines) in pageLines.enumerated() {
            for line in lines {
                let isFurniture: Bool
                if let edge = edge(line, pages[index]) {
                    isFurniture = Self.isPageNumber(line.text) || pagesRepeating(Self.key(line.text), edge) >= needed
                } else {
                    isFurniture = false
                }
                if isFurniture {
                    result.furniture[index].append(line)
                } else {
                    result.body.append(line)
                }
            }
        }
        return result
    }

    /// Letters only, lower-cased and without diacritics, so OCR variants of one header match.
    static func key(_ text: String) -> String {
        String(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter(\.isLetter))
    }

    static func isPageNumber(_ text: String) -> Bool {
        text.wholeMatch(of: pageNumberPattern) != nil
    }

    nonisolated(unsafe) private static let pageNumberPattern =
        /(?i)\s*(sida|sid\.?|s\.|page)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(\(\s*\d{1,4}\s*\)|(av|of|\/)\s*\d{1,4})?\s*/
}
