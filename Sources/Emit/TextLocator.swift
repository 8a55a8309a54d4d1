import DocumentModel

/// Finds where each correction and review flag lies in the published text.
///
/// The repair stage records the extracted block (`Document.blocks`) and the
/// offset of the word in its printed text; segmentation then splits, joins and
/// trims those blocks into headings, paragraphs and list items, and keeps no
/// trace of where each came from. So the word is looked for, with as much of
/// its printed surroundings as still matches, in the printed text of the
/// published units, the units on the word's page first; a unit position that
/// another word already took is passed over. A location is only given when
/// the printed text there is the word, and the repaired text there is the
/// correction: a word that cannot be found stays unlocated rather than
/// pointing at the wrong place.
///
/// Offsets count Unicode scalars (code points), the index of a Python `str`.
struct TextLocator {
    struct Unit {
        var id: String
        var original: [Unicode.Scalar]
        var text: [Unicode.Scalar]
        /// Nil when not known (the preamble's lists): then on every page.
        var pages: ClosedRange<Int>?
    }

    /// One word to locate: a correction (`replacement` is its corrected form)
    /// or a flag (`replacement` is the word itself).
    struct Word {
        var block: Int
        var offset: Int
        var page: Int
        var original: String
        var replacement: String
    }

    private(set) var units: [Unit] = []
    private let sources: [[Unicode.Scalar]]

    init(blocks: [TextBlock], preamble: [OutputBlock], sections: [OutputSection]) {
        sources = blocks.map { Array($0.printedText.unicodeScalars) }
        add(preamble, pages: nil)
        for section in sections { add(section) }
    }

    private mutating func add(_ section: OutputSection) {
        let pages = section.pages.count == 2 && section.pages[0] <= section.pages[1] ? section.pages[0]...section.pages[1] : nil
        units.append(Unit(id: section.id, original: Array(section.headingOriginal.unicodeScalars),
                          text: Array(section.heading.unicodeScalars), pages: pages))
        add(section.blocks, pages: pages)
        for child in section.sections { add(child) }
    }

    private mutating func add(_ blocks: [OutputBlock], pages: ClosedRange<Int>?) {
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                let own = paragraph.pages.min().flatMap { first in paragraph.pages.max().map { first...$0 } }
                units.append(Unit(id: paragraph.id, original: Array(paragraph.original.unicodeScalars),
                                  text: Array(paragraph.text.unicodeScalars), pages: own ?? pages))
            case .list(let list):
                for item in list.items {
                    units.append(Unit(id: item.id, original: Array(item.original.unicodeScalars),
                                      text: Array(item.text.unicodeScalars), pages: pages))
                }
            case .table:
                // Cells have no ids to name; a word in one stays unlocated.
                break
            }
        }
    }

    /// The location of each correction and each flag, in the order given.
    func locate(corrections: [Word], flags: [Word]) -> (corrections: [OutputTextLocation?], flags: [OutputTextLocation?]) {
        var taken: Set<Position> = []
        let correctionSpots = corrections.map { find($0, taken: &taken) }
        let flagSpots = flags.map { find($0, taken: &taken) }
        // In the repaired text a word moves by the change in length of every correction before it in its unit.
        var shifts: [Int: [(end: Int, delta: Int)]] = [:]
        for (word, spot) in zip(corrections, correctionSpots) {
            guard let spot else { continue }
            shifts[spot.unit, default: []].append((spot.start + word.original.unicodeScalars.count,
                                                   word.replacement.unicodeScalars.count - word.original.unicodeScalars.count))
        }
        func location(_ word: Word, _ spot: Position?) -> OutputTextLocation? {
            guard let spot else { return nil }
            let unit = units[spot.unit]
            let shift = (shifts[spot.unit] ?? []).filter { $0.end <= spot.start }.reduce(0) { $0 + $1.delta }
            let replacement = Array(word.replacement.unicodeScalars)
            guard let textStart = nearest(replacement, in: unit.text, to: spot.start + shift) else { return nil }
            return OutputTextLocation(block: unit.id, originalStart: spot.start,
                                      originalEnd: spot.start + word.original.unicodeScalars.count,
                                      textStart: textStart, textEnd: textStart + replacement.count)
        }
        return (zip(corrections, correctionSpots).map(location), zip(flags, flagSpots).map(location))
    }

    private struct Position: Hashable {
        var unit: Int
        var start: Int
    }

    private func find(_ word: Word, taken: inout Set<Position>) -> Position? {
        let needle = Array(word.original.unicodeScalars)
        guard !needle.isEmpty, sources.indices.contains(word.block),
              let at = nearest(needle, in: sources[word.block], to: word.offset) else { return nil }
        let source = sources[word.block]
        let onPage = units.indices.filter { units[$0].pages?.contains(word.page) ?? true }
        let elsewhere = units.indices.filter { !(units[$0].pages?.contains(word.page) ?? true) }
        // The widest context that still matches somewhere: the surroundings
        // tell one `bada` from another, and shrink where a unit ends inside the block.
        for context in [32, 16, 8, 4, 0] {
            let lower = max(0, at - context), upper = min(source.count, at + needle.count + context)
            let pattern = Array(source[lower..<upper])
            for candidates in [onPage, elsewhere] {
                for index in candidates {
                    for start in Self.occurrences(of: pattern, in: units[index].original) {
                        let position = Position(unit: index, start: start + (at - lower))
                        guard !taken.contains(position) else { continue }
                        taken.insert(position)
                        return position
                    }
                }
            }
        }
        return nil
    }

    /// The occurrence of `needle` in `text` nearest to `offset`. The repair
    /// stage counts its offsets in characters or scalars, so the offset is a
    /// guide, and the text decides.
    private func nearest(_ needle: [Unicode.Scalar], in text: [Unicode.Scalar], to offset: Int) -> Int? {
        Self.occurrences(of: needle, in: text).min { abs($0 - offset) < abs($1 - offset) }
    }

    static func occurrences(of needle: [Unicode.Scalar], in text: [Unicode.Scalar]) -> [Int] {
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        var found: [Int] = []
        let first = needle[0]
        for start in 0...(text.count - needle.count) where text[start] == first {
            var matches = true
            for index in 1..<needle.count where text[start + index] != needle[index] {
                matches = false
                break
            }
            if matches { found.append(start) }
        }
        return found
    }
}
