import DocumentModel

/// Second chances for words the confusion model could not read, from what
/// the document itself says. A council text names its bodies again and
/// again (`socialnämnden`), so a table-of-contents entry the OCR garbled
/// past the model's reach (`SOCIAINAMNUEN`, `stadsdelSNEmNd`) is most
/// likely one of them; and a long word with one letter too many
/// (`Remissammanstallining`) is one letter away from a compound.
struct DocumentVocabulary {
    private struct Entry {
        var word: String
        var count: Int
        /// Printed with a capital first letter somewhere: the document uses it as a title.
        var titled: Bool
    }

    /// Keyed by folded form; words of six letters or more, where an edit or two still leaves them distinct.
    private var entries: [String: Entry] = [:]

    /// `reading` is the word as first read (lower case), `printed` as on the page.
    mutating func observe(reading: String, printed: String) {
        guard reading.count >= 6 else { return }
        let key = SwedishLetters.fold(reading)
        var entry = entries[key] ?? Entry(word: reading, count: 0, titled: false)
        // Several spellings may share a key; the one with marks is the restored one.
        if SwedishLetters.hasDiacritic(reading) && !SwedishLetters.hasDiacritic(entry.word) { entry.word = reading }
        entry.count += 1
        if SwedishLetters.casePattern(printed) == .capitalized { entry.titled = true }
        entries[key] = entry
    }

    /// The document word a garbled word in broken case or capitals stands
    /// for: the only one within one edit per five letters (at most two) of
    /// its folded form, printed at least twice, so one stray word cannot
    /// attract others.
    func spelling(ofGarbled printed: String) -> (word: String, distance: Int)? {
        let pattern = SwedishLetters.casePattern(printed)
        guard pattern == .upper || pattern == .mixed, printed.allSatisfy(\.isLetter) else { return nil }
        let folded = SwedishLetters.fold(printed)
        let limit = min(2, folded.count / 5)
        guard limit >= 1 else { return nil }
        var best: (entry: Entry, distance: Int)?
        var tied = false
        for (key, entry) in entries where entry.count >= 2 {
            let distance = EditDistance.distance(folded, key, limit: limit)
            guard distance <= limit else { continue }
            if let current = best, current.distance < distance { continue }
            tied = best?.distance == distance
            best = (entry, distance)
        }
        guard let best, !tied else { return nil }
        // Capitals are a title's only where the document writes the word as one.
        let target: SwedishLetters.CasePattern
        switch pattern {
        case .upper: target = best.entry.titled ? .capitalized : .upper
        default: target = printed.first?.isUppercase == true ? .capitalized : .lower
        }
        return (SwedishLetters.apply(target, to: best.entry.word), best.distance)
    }

    /// A long unknown word read as a compound once one stray stroke is
    /// dropped: the reading when exactly one dropped letter gives a word
    /// Hunspell accepts. Only `i` and `l`, the letters an engine makes of a
    /// stray stroke: an `s` may be a compound joint the lexicon lacks
    /// (`regionskoordinatorerna`).
    static func spelling(ofOneLetterLonger printed: String, lexicon: Lexicon) -> String? {
        guard printed.count >= 12, printed.allSatisfy(\.isLetter) else { return nil }
        let pattern = SwedishLetters.casePattern(printed)
        guard pattern == .lower || pattern == .capitalized else { return nil }
        let folded = Array(SwedishLetters.fold(printed))
        var found: Set<String> = []
        for index in folded.indices where folded[index] == "i" || folded[index] == "l" {
            var shorter = folded
            shorter.remove(at: index)
            let key = String(shorter)
            let reading = lexicon.words(foldedKey: key).first ?? lexicon.compound(key)
            guard let reading else { continue }
            let word = SwedishLetters.apply(pattern, to: reading)
            if lexicon.spell(word) { found.insert(word) }
            if found.count > 1 { return nil }
        }
        return found.first
    }
}
