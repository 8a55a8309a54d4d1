import Foundation
import Spelling

/// What the repair knows about Swedish words: Hunspell sv_SE (compounds),
/// the frequency prior, the user's lexicon of local names and
/// abbreviations, and the words this document itself prints with their
/// diacritics. One instance serves one document on one thread, so its
/// caches need no lock.
final class Lexicon {
    private let hunspell: Hunspell
    let frequency: WordFrequency
    /// Built on first use: only an unlisted word in a damaged document needs it.
    var diacritics: DiacriticModel { .shared }
    /// Exact forms (`BRÅ`, `SÖK`, `Wanngård`), and their lower-case forms by folded key.
    private let userWords: Set<String>
    private let userByFoldedKey: [String: [String]]
    /// Lower-case words printed with å/ä/ö in this document, with counts:
    /// evidence that the document's OCR kept them and how they are spelt.
    private(set) var documentWords: [String: Int] = [:]
    private var documentByFoldedKey: [String: Set<String>] = [:]
    private var stemCache: [String: [String]] = [:]
    private var compoundCache: [String: String?] = [:]
    /// Calls this lexicon made into Hunspell (cached verdicts not counted).
    private(set) var hunspellCalls = 0

    /// log10 probability of a word the lexicon does not know at all.
    static let unknownLogPrior = -11.0
    /// log10 probability of a word only Hunspell knows (mostly a rarer compound).
    static let dictionaryOnlyLogPrior = -7.5
    /// A user-lexicon word is as likely as a common word.
    static let userLogPrior = -5.0

    init(hunspell: Hunspell, frequency: WordFrequency, userLexicon: [String]) {
        self.hunspell = hunspell
        self.frequency = frequency
        userWords = Set(userLexicon)
        var keyed: [String: [String]] = [:]
        for word in userLexicon { keyed[SwedishLetters.fold(word), default: []].append(word.lowercased()) }
        userByFoldedKey = keyed
    }

    /// Records words the document prints with diacritics (before repair),
    /// `count` times.
    func observeDocumentWord(_ word: String, count: Int = 1) {
        guard SwedishLetters.hasDiacritic(word) else { return }
        let lower = word.lowercased()
        documentWords[lower, default: 0] += count
        documentByFoldedKey[SwedishLetters.fold(lower), default: []].insert(lower)
    }

    /// Hunspell's verdict (which the handle caches across documents).
    func spell(_ word: String) -> Bool {
        hunspell.spell(word, lookups: &hunspellCalls)
    }

    /// Hunspell's stems, cached; the context rules ask about the same few words.
    func stems(_ word: String) -> [String] {
        if let stems = stemCache[word] { return stems }
        hunspellCalls += 1
        let stems = hunspell.stems(word)
        stemCache[word] = stems
        return stems
    }

    func isUserWord(_ word: String) -> Bool {
        !userWords.isEmpty && (userWords.contains(word) || userWords.contains(word.lowercased()))
    }

    /// True when any source knows the word in this case form.
    func knows(_ word: String) -> Bool {
        knows(word, lowercased: word.lowercased())
    }

    /// `knows`, given the word's lower-case form already made.
    func knows(_ word: String, lowercased lower: String) -> Bool {
        isUserWord(word) || frequency.zipfValue(lower) != nil || documentWords[lower] != nil || spell(word)
    }

    /// Known without this document's own words: a piece of a broken word
    /// (`Omförhan`) is seen in the document, which vouches for nothing.
    func isEstablished(_ word: String) -> Bool {
        isUserWord(word) || spell(word) || (word.count >= 4 && frequency.zipfValue(word.lowercased()) != nil)
    }

    /// Only Hunspell knows the word: likely an unlisted compound or inflection.
    func isDictionaryOnly(_ word: String) -> Bool {
        let lower = word.lowercased()
        return frequency.zipfValue(lower) == nil && !isUserWord(word) && documentWords[lower] == nil && spell(word)
    }

    /// log10 of the word's prior probability; `word` in the case it would be printed.
    func logPrior(_ word: String) -> Double {
        let lower = word.lowercased()
        var best = Self.unknownLogPrior
        if let zipf = frequency.zipfValue(lower) { best = Double(zipf) - 9 }
        if isUserWord(word) { best = max(best, Self.userLogPrior) }
        if best == Self.unknownLogPrior, spell(word) {
            // Among unlisted words, a spelling with its marks where Swedish
            // puts them is the likelier one (`borgarråds` over `borgarrads`).
            best = Self.dictionaryOnlyLogPrior + diacritics.logProbability(of: lower)
        }
        if let seen = documentWords[lower] {
            // Seen intact in this very document: at least a moderately common word here.
            best = max(best, -6 + min(2, log10(Double(seen))))
        }
        return best
    }

    /// Lower-case words from every source that differ from `folded` only in å/ä/ö marks.
    func words(foldedKey folded: String) -> [String] {
        var words = frequency.words(foldedKey: folded)
        for word in userByFoldedKey[folded] ?? [] where !words.contains(word) { words.append(word) }
        for word in (documentByFoldedKey[folded] ?? []).sorted() where !words.contains(word) { words.append(word) }
        return words
    }

    /// The most frequent listed word for a compound part, with its log10 prior.
    func bestPart(foldedKey folded: Substring, minimumZipf: Float) -> (word: String, logPrior: Double)? {
        for word in frequency.words(foldedKey: String(folded)) {
            guard let zipf = frequency.zipfValue(word) else { continue }
            if zipf >= minimumZipf { return (word, Double(zipf) - 9) }
            return nil
        }
        return nil
    }

    /// Splits a folded word into listed parts (`forvaltnings|overgripande`)
    /// and joins the parts' spellings, for compounds the frequency list lacks.
    func compound(_ folded: String) -> String? {
        if let cached = compoundCache[folded] { return cached }
        let found = splitCompound(folded)
        compoundCache[folded] = found
        return found
    }

    private func splitCompound(_ folded: String) -> String? {
        let characters = Array(folded)
        let n = characters.count
        let minimumPart = 3, maximumPart = 20
        // best[i]: score and parts of the best split of the first i characters.
        var best: [(score: Double, parts: [String])?] = Array(repeating: nil, count: n + 1)
        best[0] = (0, [])
        for end in 1...n {
            for start in max(0, end - maximumPart)...max(0, end - minimumPart) where end - start >= minimumPart {
                guard let prefix = best[start] else { continue }
                let key = String(characters[start..<end])
                guard let part = bestPart(foldedKey: Substring(key), minimumZipf: 2.5) else { continue }
                // Each extra part costs: fewer, longer parts are the likelier reading.
                let score = prefix.score + part.logPrior - 2
                if best[end] == nil || score > best[end]!.score {
                    best[end] = (score, prefix.parts + [part.word])
                }
            }
        }
        guard let split = best[n], split.parts.count >= 2 else { return nil }
        return split.parts.joined()
    }
}
