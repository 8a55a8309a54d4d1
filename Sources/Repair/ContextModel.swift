/// Decides between two readings that are both words (`bor`/`bör`,
/// `har`/`här`, `starka`/`stärka`) from their neighbours, where the prior
/// alone would always pick the same one.
///
/// The rules are Swedish grammar, each a log10 bonus for one reading:
/// - a modal (`bör`, `ska`, `kan`…) wants an infinitive after it, and an
///   infinitive wants `att` or a modal before it (`att stärka`, `bör vara`);
/// - `bo` takes a place (`bor i`, `bor på`), so `bor` before anything else
///   is more likely the modal `bör`;
/// - `här` follows `den/det/de` before a definite noun of the matching
///   gender (`den här motionen`), and opens a sentence before a finite verb
///   (`Här är`, `Här finns`), where `har` cannot stand;
/// - a possessive (`vår`, `vårt`, `våra`) follows a preposition or `att`
///   before a noun (`i vårt förslag`, `att vår motion`);
/// - `år` follows a numeral or an ordinal (`tre år`, `första operativa år`);
/// - `sa` (said) follows a personal pronoun (`hon sa`);
/// - `kommer att` takes an infinitive (`kommer att vara`, not `våra`), and
///   `far illa` (comes to harm) is an idiom `får` cannot stand in.
/// Besides the rules, the document is evidence: a reading this document
/// prints unmistakably elsewhere (`stöd` from `stéd`) gains weight, and more
/// so a reading the document prints with its marks beside the same neighbour
/// (`avgifter för` in the item list vouches for `avgifter for` in the heading).
struct ContextModel {
    /// The repair's current best reading of every token, lower case; the
    /// rules look at neighbours through it, so `Har ar` is read as `Har är`.
    var readings: [String]
    var tokens: [RepairToken]
    /// How often each word was read unmistakably in this document.
    var documentEvidence: [String: Int]
    /// Neighbouring pairs the document prints where one of the two has å/ä/ö (`avgifter för`), lower case.
    var documentPairs: Set<DocumentPair> = []
    let lexicon: Lexicon

    struct DocumentPair: Hashable {
        var first: String
        var second: String
    }

    /// The pairs of printed neighbours (no punctuation between) where one carries å/ä/ö:
    /// OCR loses marks and does not add them, so such a pair was read as printed.
    static func pairsWithMarks(_ tokens: [RepairToken]) -> Set<DocumentPair> {
        var pairs = Set<DocumentPair>()
        for (first, second) in zip(tokens, tokens.dropFirst()) where first.following == nil {
            guard SwedishLetters.hasDiacritic(first.text) || SwedishLetters.hasDiacritic(second.text) else { continue }
            pairs.insert(DocumentPair(first: first.lowered, second: second.lowered))
        }
        return pairs
    }

    static let modals: Set<String> = ["ska", "skall", "bör", "borde", "kan", "kunde", "vill", "ville", "måste",
                                      "skulle", "får", "fick", "brukar", "behöver", "torde", "lär", "må"]
    static let infinitiveMarkers: Set<String> = ["att"]
    /// Words that may stand between a modal and its infinitive (`bör inte vara`, `bör dock ligga`).
    static let midfieldAdverbs: Set<String> = ["inte", "också", "även", "dock", "därför", "alltså", "ju", "nog",
                                               "alltid", "aldrig", "redan", "bara", "heller", "ändå", "kanske"]
    static let locatives: Set<String> = ["i", "på", "hos", "kvar", "tillsammans", "ensam", "ensamma", "där", "här",
                                         "nära", "utomlands", "hemma", "utanför", "inom", "vid", "med"]
    static let finiteVerbs: Set<String> = ["är", "var", "finns", "fanns", "kan", "ska", "skall", "har", "hade", "blir",
                                           "blev", "gäller", "bör", "måste", "behövs", "krävs", "ligger", "står", "sker"]
    static let prepositions: Set<String> = ["i", "på", "av", "för", "med", "till", "från", "om", "under", "genom",
                                            "enligt", "inom", "mot", "utan", "efter", "inför", "vid", "hos", "bland",
                                            "utifrån", "över", "kring", "trots"]
    static let possessives: Set<String> = ["vår", "vårt", "våra"]
    static let numeralsAndOrdinals: Set<String> = ["ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio",
                                                   "tio", "några", "många", "flera", "första", "andra", "tredje",
                                                   "fjärde", "femte", "förra", "nästa", "varje", "per", "innevarande"]
    static let personalPronouns: Set<String> = ["han", "hon", "de", "vi", "jag", "ni", "du", "man", "den", "det"]

    /// The bonus for reading token `index` as `candidate` (lower case), with why.
    func bonus(_ candidate: String, at index: Int) -> (Double, String)? {
        let previous = reading(index - 1), next = reading(index + 1)
        var total = 0.0
        var why: [String] = []
        func add(_ value: Double, _ reason: String) {
            total += value
            why.append(reason)
        }

        if Self.modals.contains(candidate), isInfinitive(nextContentReading(after: index)) {
            add(1.5, "modal before infinitive")
        }
        if isInfinitive(candidate) {
            if let marker = markerBefore(index) { add(marker.adjacent ? 1.5 : 1.0, "infinitive after `\(marker.word)`") }
            if futureAtt(before: index) { add(1.5, "future `kommer att`") }
        }
        // `fara illa` (to come to harm): `får illa` is no Swedish.
        if candidate == "far", next == "illa" { add(4.0, "`far illa`") }
        if candidate == "bor", let next {
            add(Self.locatives.contains(next) ? 1.5 : -1.0, Self.locatives.contains(next) ? "`bor` before a place" : "`bor` without a place")
        }
        if candidate == "här" {
            if let previous, let next, definiteNoun(next, agreeingWith: previous) {
                add(2.5, "`\(previous) här` before a definite noun")
            }
            if tokens[index].sentenceInitial, let next, Self.finiteVerbs.contains(next) {
                add(2.5, "`Här` before a finite verb")
            }
        }
        if Self.possessives.contains(candidate), let previous, let next,
           Self.prepositions.contains(previous) || (previous == "att" && !futureAtt(before: index)),
           isContentWord(next), tokens[index].following == nil {
            add(2.0, "possessive after `\(previous)`")
        }
        if candidate == "år", yearContext(index) {
            add(2.0, "`år` after a numeral")
        }
        if candidate == "sa", let previous, Self.personalPronouns.contains(previous) {
            add(2.0, "`sa` after a pronoun")
        }
        if SwedishLetters.hasDiacritic(candidate) {
            let before = previous.map { index > 0 && tokens[index - 1].following == nil && documentPairs.contains(DocumentPair(first: $0, second: candidate)) } ?? false
            let after = next.map { tokens[index].following == nil && documentPairs.contains(DocumentPair(first: candidate, second: $0)) } ?? false
            if before || after {
                add(2.0, "document prints `\(before ? "\(previous ?? "") \(candidate)" : "\(candidate) \(next ?? "")")`")
            }
        }
        // Common words need no witness, and every page would testify for them.
        if let seen = documentEvidence[candidate], seen > 0, (lexicon.frequency.zipfValue(candidate) ?? 0) < 5.5 {
            add(min(1.5, 0.5 * Double(seen)), "document has `\(candidate)` \(seen)×")
        }
        return why.isEmpty ? nil : (total, why.joined(separator: "; "))
    }

    private func reading(_ index: Int) -> String? {
        guard index >= 0, index < readings.count else { return nil }
        // A reading across a sentence end or punctuation is no neighbour.
        return readings[index]
    }

    private func nextContentReading(after index: Int) -> String? {
        var cursor = index + 1
        while cursor < readings.count, Self.midfieldAdverbs.contains(readings[cursor]) { cursor += 1 }
        guard cursor < readings.count, tokens[cursor - 1].following == nil || cursor == index + 1 else { return nil }
        return readings[cursor]
    }

    /// `att` or a modal right before the token, or before it across a
    /// subject or adverb (`vill motionärerna stärka`, `bör inte vara`).
    private func markerBefore(_ index: Int) -> (word: String, adjacent: Bool)? {
        var cursor = index - 1
        var distance = 0
        while cursor >= 0, distance < 3 {
            if tokens[cursor].following != nil && tokens[cursor].following != "-" { return nil }
            let word = readings[cursor]
            if Self.infinitiveMarkers.contains(word) || Self.modals.contains(word) { return (word, distance == 0) }
            if tokens[cursor].sentenceInitial { return nil }
            distance += 1
            cursor -= 1
        }
        return nil
    }

    /// `kommer att` right before the token: the future, so only a verb can
    /// follow (`kommer att vara klar`).
    private func futureAtt(before index: Int) -> Bool {
        guard index >= 2, readings[index - 1] == "att", tokens[index - 2].following == nil else { return false }
        return ["kommer", "komma", "kom", "kommit"].contains(readings[index - 2])
    }

    /// Adverbs in -a that Hunspell gives as their own stem: no infinitives.
    static let adverbsInA: Set<String> = ["illa", "bra", "gärna", "nära", "sakta"]

    /// A verb's dictionary form: Hunspell gives the word itself as its stem
    /// and it ends in -a (`stärka`), or the passive of one (`stärkas`).
    private func isInfinitive(_ word: String?) -> Bool {
        guard let word, word.count >= 2 else { return false }
        if ["ha", "gå", "få", "se", "stå", "bli", "ske", "nå", "dö", "bo", "tro", "må", "slå", "be", "vara", "göra"].contains(word) {
            return true
        }
        if Self.adverbsInA.contains(word) { return false }
        if word.hasSuffix("a") { return lexicon.stems(word).contains(word) }
        if word.hasSuffix("as") { return lexicon.stems(word).contains(String(word.dropLast())) }
        return false
    }

    /// A definite noun of the gender `den`/`det`/`de` asks for: Hunspell's
    /// stem plus the matching ending (`motion` + `en`).
    private func definiteNoun(_ word: String, agreeingWith determiner: String) -> Bool {
        let endings: [String]
        switch determiner {
        case "den": endings = ["en", "n"]
        case "det": endings = ["et", "t"]
        case "de": endings = ["na", "arna", "erna", "orna"]
        default: return false
        }
        return lexicon.stems(word).contains { stem in endings.contains { stem + $0 == word } }
    }

    static let functionWords: Set<String> = ["och", "eller", "som", "att", "inte", "en", "ett", "den", "det", "de",
                                             "denna", "detta", "dessa", "sin", "sitt", "sina", "man", "han", "hon",
                                             "vi", "jag", "ni", "så", "där", "här", "nu", "då"]

    private func isContentWord(_ word: String) -> Bool {
        word.count >= 3 && !Self.prepositions.contains(word) && !Self.finiteVerbs.contains(word)
            && !Self.functionWords.contains(word)
    }

    private func yearContext(_ index: Int) -> Bool {
        for distance in 1...2 {
            let cursor = index - distance
            guard cursor >= 0, tokens[cursor].following == nil else { return false }
            let word = readings[cursor]
            if tokens[cursor].isNumber || Self.numeralsAndOrdinals.contains(word) { return true }
            // Only an attributive adjective (-a) may stand between (`första operativa år`).
            if !word.hasSuffix("a") { return false }
        }
        return false
    }
}
