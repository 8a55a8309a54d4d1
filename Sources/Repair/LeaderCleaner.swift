/// Removes the dot leaders of a table of contents that OCR turned into
/// letters (`Stadsledningskontoret.........ccvvvvviviiiie 5`,
/// `Stockholms Stadshus AB .......cooiiiiiiii e 14`): a genre artefact, not
/// text, that would otherwise be "repaired" into words. Only runs on a
/// damaged document; a clean document's dots are left as printed.
enum LeaderCleaner {
    struct Removal {
        var range: Range<String.Index>
        var offset: Int
        var original: String
    }

    private struct Chunk {
        var range: Range<String.Index>
        var offset: Int
        var text: String
    }

    /// Glyphs a dotted leader comes out as.
    private static let leaderGlyphs: Set<Character> = [".", ",", ":", ";", "·", "'", "’", "…", "c", "v", "i", "e",
                                                       "o", "u", "n", "l", "1", "I", "|"]

    /// Spans to replace by one space, each ending right before a page number.
    static func removals(in text: String, isWord: (String) -> Bool) -> [Removal] {
        let chunks = split(text)
        var removals: [Removal] = []
        var entryStart = 0
        for (index, chunk) in chunks.enumerated() where isPageNumber(chunk.text) && index > entryStart {
            defer { entryStart = index + 1 }
            let end = chunks[index].range.lowerBound
            // Walk back over leader junk, and a stray letter just before the number.
            var first = index
            var sawLeader = false
            while first > entryStart {
                let previous = chunks[first - 1].text
                if isLeader(previous) {
                    sawLeader = true
                    first -= 1
                } else if !sawLeader, previous.count == 1, previous.first!.isLetter, first - 2 >= entryStart,
                          isLeader(chunks[first - 2].text) {
                    first -= 1
                } else {
                    break
                }
            }
            if first > entryStart, let dots = leaderStart(chunks[first - 1].text) {
                let chunk = chunks[first - 1]
                removals.append(removal(text, from: text.index(chunk.range.lowerBound, offsetBy: dots),
                                        offset: chunk.offset + dots, to: end))
            } else if sawLeader, first > entryStart {
                let previous = chunks[first - 1]
                removals.append(removal(text, from: previous.range.upperBound,
                                        offset: previous.offset + previous.text.count, to: end))
            } else if sawLeader || (index - entryStart >= 3
                                    && chunks[entryStart..<index].allSatisfy({ isGarbage($0.text, isWord: isWord) })) {
                // An entry that is junk through and through goes whole.
                removals.append(removal(text, from: chunks[entryStart].range.lowerBound, offset: chunks[entryStart].offset,
                                        to: end))
            }
        }
        return removals.filter { !$0.original.allSatisfy(\.isWhitespace) }
    }

    private static func removal(_ text: String, from start: String.Index, offset: Int, to end: String.Index) -> Removal {
        Removal(range: start..<end, offset: offset, original: String(text[start..<end]))
    }

    private static func split(_ text: String) -> [Chunk] {
        var chunks: [Chunk] = []
        var index = text.startIndex, offset = 0
        while index < text.endIndex {
            if text[index].isWhitespace {
                index = text.index(after: index)
                offset += 1
                continue
            }
            let start = index, startOffset = offset
            while index < text.endIndex, !text[index].isWhitespace {
                index = text.index(after: index)
                offset += 1
            }
            chunks.append(Chunk(range: start..<index, offset: startOffset, text: String(text[start..<index])))
        }
        return chunks
    }

    private static func isPageNumber(_ chunk: String) -> Bool {
        (1...3).contains(chunk.count) && chunk.allSatisfy(\.isNumber)
    }

    /// Leader glyphs only, with a dot run or a long run of one glyph.
    private static func isLeader(_ chunk: String) -> Bool {
        guard chunk.count >= 2, chunk.allSatisfy({ leaderGlyphs.contains($0) }) else { return false }
        return chunk.contains("..") || chunk.contains("…") || (chunk.count >= 4 && longestRun(chunk) >= 3)
    }

    /// Where a leader starts inside a word (`Stadsledningskontoret.....ccvvv`).
    private static func leaderStart(_ chunk: String) -> Int? {
        guard let range = chunk.range(of: "..") else { return nil }
        let tail = chunk[range.lowerBound...]
        guard tail.allSatisfy({ leaderGlyphs.contains($0) }) else { return nil }
        let offset = chunk.distance(from: chunk.startIndex, to: range.lowerBound)
        return offset > 0 ? offset : nil
    }

    /// A chunk no reader could take for a word: unknown, and too short, a
    /// run of one letter, or without a vowel.
    private static func isGarbage(_ chunk: String, isWord: (String) -> Bool) -> Bool {
        let letters = chunk.filter(\.isLetter)
        if letters.isEmpty { return !chunk.allSatisfy(\.isNumber) }
        if letters.count <= 2 { return true }
        if isWord(letters) { return false }
        return longestRun(letters) >= 3 || !letters.lowercased().contains { "aeiouyåäö".contains($0) }
    }

    private static func longestRun(_ text: String) -> Int {
        var longest = 0, run = 0
        var last: Character?
        for c in text {
            run = c == last ? run + 1 : 1
            last = c
            longest = max(longest, run)
        }
        return longest
    }
}
