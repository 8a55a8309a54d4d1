/// Removes the dot leaders of a table of contents that OCR turned into
/// letters (`Stadsledningskontoret.........ccvvvvviviiiie 5`,
/// `Stadsledningskontoret 7... «ac es eerie ee ee oe one nee 5`): a genre
/// artefact, not text, that would otherwise be "repaired" into words. Only
/// runs on a damaged document; a clean document's dots are left as printed.
///
/// An entry is a title, junk, and a page number. Junk is read backwards
/// from the number, so the title is whatever is left in front; a dotted run
/// of small round glyphs is what an engine makes of a leader, so words made
/// only of x-height letters (`eerie`, `one`, `nee`) count as junk there.
enum LeaderCleaner {
    // Parsed once: a regex literal inside a function is parsed on every call.
    nonisolated(unsafe) private static let abbreviation = /(?:[a-zåäö]{1,3}\.){2,}/

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

    /// Letters without ascender or descender: what dots come out as.
    private static let xHeightLetters: Set<Character> = ["a", "c", "e", "i", "m", "n", "o", "r", "s", "u", "v", "w",
                                                         "x", "z", "l", "1"]

    /// Removals per block, in order. A block is read as a table of contents
    /// when it follows an `Innehållsförteckning` heading (and so do the
    /// blocks after it while they still look like one), or when it holds
    /// several entries with dotted leaders of its own.
    static func removals(in blocks: [String], isWord: (String) -> Bool) -> [[Removal]] {
        var result: [[Removal]] = []
        var inContents = false
        var lastPage = 0
        for text in blocks {
            let chunks = split(text)
            if isContentsHeading(chunks) {
                inContents = true
                lastPage = 0
                result.append([])
                continue
            }
            let dotted = chunks.filter { $0.text.contains("..") }.count
            if inContents, !(dotted > 0 || chunks.last.map { isPageNumber($0.text) } == true) { inContents = false }
            guard inContents || dotted >= 2 else {
                result.append([])
                continue
            }
            if !inContents { lastPage = 0 }
            result.append(entries(text, chunks, lastPage: &lastPage, isWord: isWord))
        }
        return result
    }

    /// `Innehållsförteckning` or `Innehåll`, however OCR spelt its marks.
    private static func isContentsHeading(_ chunks: [Chunk]) -> Bool {
        guard chunks.count == 1 else { return false }
        let folded = SwedishLetters.fold(chunks[0].text.lowercased().filter(\.isLetter))
        return ["innehallsforteckning", "innehall"].contains(folded)
    }

    private static func entries(_ text: String, _ chunks: [Chunk], lastPage: inout Int,
                                isWord: (String) -> Bool) -> [Removal] {
        let pageIndices = pageNumbers(chunks, after: &lastPage)
        var removals: [Removal] = []
        var entryStart = 0
        var ends = pageIndices
        // A trailing entry without its number (it went to the next block).
        if (pageIndices.last ?? -1) < chunks.count - 1 { ends.append(chunks.count) }
        for end in ends {
            defer { entryStart = end + 1 }
            guard end > entryStart else { continue }
            var first = end
            while first > entryStart {
                if isJunk(chunks[first - 1].text, isWord: isWord) {
                    first -= 1
                } else if end - first >= 2, first - 2 >= entryStart, isJunk(chunks[first - 2].text, isWord: isWord) {
                    // Junk sometimes reads as a word (`… Oe Hic S es …`): an
                    // island inside a long junk run is junk too.
                    first -= 1
                } else {
                    break
                }
            }
            // The first word of an entry is its title however odd (`Talita`),
            // unless it is broken beyond reading.
            if first == entryStart, end - entryStart >= 1, isTitleStart(chunks[entryStart].text) { first += 1 }
            let stop = end < chunks.count ? chunks[end].range.lowerBound : text.endIndex
            let junk = chunks[first..<end]
            let hasLeader = junk.contains { $0.text.contains("..") || $0.text.contains("…") } || junk.count >= 2
            // The title's last word may carry the leader's start (`kontoret.....ccvv`).
            if first > entryStart, let dots = leaderStart(chunks[first - 1].text) {
                let chunk = chunks[first - 1]
                removals.append(removal(text, from: text.index(chunk.range.lowerBound, offsetBy: dots),
                                        offset: chunk.offset + dots, to: stop))
            } else if hasLeader, first < end {
                removals.append(removal(text, from: chunks[first].range.lowerBound, offset: chunks[first].offset, to: stop))
            }
        }
        return removals
    }

    /// Page numbers never go down, and junk holds numbers too (`Talita`
    /// read as `AVE 3 Sian mis ssa 25 Ud … 15`): the longest non-decreasing
    /// run of numbers, the one spanning the fewest pages, are the pages.
    private static func pageNumbers(_ chunks: [Chunk], after lastPage: inout Int) -> [Int] {
        let numbers = chunks.indices.compactMap { index -> (index: Int, value: Int)? in
            guard isPageNumber(chunks[index].text), let value = Int(chunks[index].text), value >= lastPage else { return nil }
            return (index, value)
        }
        guard !numbers.isEmpty else { return [] }
        // best[i]: length and first value of the best run ending at number i, and its predecessor.
        var best: [(length: Int, first: Int, previous: Int?)] = []
        func better(_ a: (length: Int, span: Int), than b: (length: Int, span: Int)) -> Bool {
            a.length > b.length || (a.length == b.length && a.span < b.span)
        }
        for (i, number) in numbers.enumerated() {
            var entry = (length: 1, first: number.value, previous: Int?.none)
            for j in 0..<i where numbers[j].value <= number.value {
                let candidate = (length: best[j].length + 1, span: number.value - best[j].first)
                if better(candidate, than: (entry.length, number.value - entry.first)) {
                    entry = (candidate.length, best[j].first, j)
                }
            }
            best.append(entry)
        }
        var end = 0
        for i in best.indices where better((best[i].length, numbers[i].value - best[i].first),
                                          than: (best[end].length, numbers[end].value - best[end].first)) {
            end = i
        }
        lastPage = numbers[end].value
        var indices: [Int] = []
        var cursor: Int? = end
        while let current = cursor {
            indices.append(numbers[current].index)
            cursor = best[current].previous
        }
        return indices.reversed()
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

    /// No title word: digits or punctuation, a dotted run, broken case,
    /// x-height letters only, a run of one letter, or short and unknown. An
    /// abbreviation (`m.m.`) is a word.
    private static func isJunk(_ chunk: String, isWord: (String) -> Bool) -> Bool {
        if chunk.wholeMatch(of: abbreviation) != nil { return false }
        let letters = chunk.filter(\.isLetter)
        if letters.isEmpty || chunk.contains(where: \.isNumber) || chunk.contains("..") || chunk.contains("…") { return true }
        if chunk.contains(where: { !$0.isLetter && !"-:,’'()".contains($0) }) { return true }
        // `Stadshus’AB` is two words run together, each in its own case.
        let parts = chunk.split { "’'-".contains($0) }.map { String($0.filter(\.isLetter)) }
        // Case noise alone does not make junk of a long word (`StadShUS`, `stadsdelSNEmNd`).
        if parts.contains(where: { SwedishLetters.casePattern($0) == .mixed && ($0.count <= 4 || isXHeight($0)) }) {
            return true
        }
        let pattern = SwedishLetters.casePattern(letters)
        let run = longestRun(letters.lowercased())
        if run >= 3 || (letters.count == 2 && run == 2) { return true }
        // Short capitalised junk too (`Oe`, `Ooo`), but not an abbreviation (`AB`).
        if pattern == .lower || (pattern == .capitalized && letters.count <= 4),
           isXHeight(letters) {
            return true
        }
        if letters.count == 1 { return true }
        // A long unknown word is more likely a damaged title word (`stadsdelsnamnd`).
        return letters.count <= 4 && !isWord(letters)
    }

    /// A word opening with a capital and holding no glyph a word cannot
    /// (`Talita`, `SOCIAINAMNUEN`), or a word running into its leader.
    private static func isTitleStart(_ chunk: String) -> Bool {
        if leaderStart(chunk) != nil { return true }
        return chunk.count >= 3 && chunk.first!.isUppercase && chunk.allSatisfy { $0.isLetter || $0 == "-" }
    }

    private static func isXHeight(_ letters: String) -> Bool {
        letters.lowercased().allSatisfy { xHeightLetters.contains($0) }
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

    /// Where a leader starts inside a word (`Stadsledningskontoret.....ccvvv`).
    private static func leaderStart(_ chunk: String) -> Int? {
        guard let range = chunk.range(of: "..") else { return nil }
        let head = chunk[..<range.lowerBound]
        guard head.count >= 2, head.allSatisfy(\.isLetter) else { return nil }
        return chunk.distance(from: chunk.startIndex, to: range.lowerBound)
    }
}
