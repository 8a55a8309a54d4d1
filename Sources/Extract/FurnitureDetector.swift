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

        // A bare number at an edge is a page number only where the numbers run on with the
        // pages: a table's last row at a page's foot (`40`, `2018`) is body.
        var bareNumbers: [(page: Int, value: Int)] = []
        for (index, lines) in pageLines.enumerated() {
            for line in lines where edge(line, pages[index]) != nil {
                if let value = Self.bareNumber(line.text) { bareNumbers.append((index, value)) }
            }
        }
        let numbering = Self.numberingOffset(bareNumbers)

        var result = Result(body: [], furniture: Array(repeating: [], count: pageLines.count))
        for (index, lines) in pageLines.enumerated() {
            for line in lines {
                let isFurniture: Bool
                if let edge = edge(line, pages[index]) {
                    let pageNumber = Self.bareNumber(line.text).map { $0 - index == numbering } ?? Self.isPageNumber(line.text)
                    isFurniture = pageNumber || pagesRepeating(Self.key(line.text), edge) >= needed
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

    /// The number a line holds and nothing else (`7`, ` 12 `), without the
    /// marks that make a page number plain (`Sida`, `(14)`, `- 3 -`).
    static func bareNumber(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...4).contains(trimmed.count), trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) else { return nil }
        return Int(trimmed)
    }

    /// Page number minus page index that most bare edge numbers share, when
    /// at least two pages agree or the one number is its page's own (`2` on the
    /// second page); nil when the bare numbers do not run with the pages.
    static func numberingOffset(_ numbers: [(page: Int, value: Int)]) -> Int? {
        var pagesByOffset: [Int: Set<Int>] = [:]
        for number in numbers { pagesByOffset[number.value - number.page, default: []].insert(number.page) }
        guard let (offset, pages) = pagesByOffset.max(by: { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }) else { return nil }
        return pages.count >= 2 || offset == 1 ? offset : nil
    }

    nonisolated(unsafe) private static let pageNumberPattern =
        /(?i)\s*(sida|sid\.?|s\.|page)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(\(\s*\d{1,4}\s*\)|(av|of|\/)\s*\d{1,4})?\s*/
}
