import Foundation

/// The readings of one printed word, independent of where it stands:
/// computed once per distinct word (and damage level) in a document.
struct WordAnalysis {
    struct Reading {
        /// In the printed word's case.
        var word: String
        var logPrior: Double
        var logChannel: Double
        /// `lexicon`, `compound`, `case`, `glyph`, or `printed` for the word as printed.
        var source: String
        /// The printed capital was a misread small letter: inside a
        /// sentence the word is written in lower case.
        var capitalMisread = false
        var score: Double { logPrior + logChannel }
    }

    enum Kind {
        /// Ordinary word.
        case word
        /// All capitals, four letters or fewer: an abbreviation only the
        /// user lexicon or the document can spell.
        case abbreviation
    }

    /// The printed word first.
    var readings: [Reading]
    var kind: Kind
    /// Some lexicon source knows the word as printed.
    var printedKnown: Bool
    var printedHasOddGlyph: Bool

    var printed: Reading { readings[0] }
}

/// Builds `WordAnalysis` values and caches them per document.
final class WordAnalyzer {
    private let lexicon: Lexicon
    private let generator: CandidateGenerator
    private var cache: [String: WordAnalysis] = [:]

    /// A capitalised abbreviation the lexicons lack is as plausible as a rare word.
    static let abbreviationLogPrior = -6.0

    init(lexicon: Lexicon, model: ConfusionModel) {
        self.lexicon = lexicon
        generator = CandidateGenerator(model: model)
    }

    func analyze(_ printed: String, damage: Double) -> WordAnalysis {
        // Damage varies by page; a few levels keep the cache effective,
        // finer where little is lost, so a small loss never rounds to none.
        let level = damage < 0.1 ? (damage * 100).rounded() / 100 : (damage * 20).rounded() / 20
        let key = "\(level)|\(printed)"
        if let cached = cache[key] { return cached }
        let analysis = build(printed, damage: level)
        cache[key] = analysis
        return analysis
    }

    private func build(_ printed: String, damage: Double) -> WordAnalysis {
        let pattern = SwedishLetters.casePattern(printed)
        let lower = printed.lowercased()
        let odd = printed.contains { $0 == "é" || $0 == "&" || $0 == "|" || $0.isNumber }
        let letters = printed.filter(\.isLetter)
        let isAbbreviation = pattern == .upper && letters.count <= 4

        var readings: [WordAnalysis.Reading] = []
        let printedKnown: Bool
        if isAbbreviation {
            printedKnown = lexicon.isUserWord(printed)
            readings.append(.init(word: printed, logPrior: printedKnown ? Lexicon.userLogPrior : Self.abbreviationLogPrior,
                                  logChannel: 0, source: "printed"))
        } else {
            printedKnown = pattern != .mixed && !odd && lexicon.knows(printed)
            readings.append(.init(word: printed, logPrior: printedKnown ? lexicon.logPrior(printed) : Lexicon.unknownLogPrior,
                                  logChannel: 0, source: "printed"))
        }

        // A capital inside a lower-case word is OCR noise (`StadShUS`): the
        // word in ordinary case is a reading of its own.
        let target: SwedishLetters.CasePattern = pattern == .mixed ? (printed.first?.isUppercase == true ? .capitalized : .lower) : pattern
        if pattern == .mixed, !odd {
            let recased = SwedishLetters.apply(target, to: lower)
            if lexicon.knows(recased) {
                readings.append(.init(word: recased, logPrior: lexicon.logPrior(recased), logChannel: -1, source: "case"))
            }
        }

        for candidate in generator.candidates(for: lower, damage: damage, lexicon: lexicon) {
            // A leading `I` read back as `l` was never a capital (`I6sning` → `lösning`).
            // So is a capital A or O an engine read for a small ä/å/ö
            // (`Aven` → `även`): the word stays in lower case where it is common.
            let misreadCapital = pattern == .capitalized
                && ((printed.first == "I" && candidate.word.first == "l")
                    || ("AO".contains(printed.first!) && SwedishLetters.diacritics.contains(candidate.word.first!)
                        && (lexicon.frequency.zipfValue(candidate.word) ?? 0) >= 4.5
                        // The commonest words (`är`, `även`) are no names, whatever Hunspell says of `Ar`.
                        && (!lexicon.spell(printed) || (lexicon.frequency.zipfValue(candidate.word) ?? 0) >= 6)))
            let word = SwedishLetters.apply(target, to: candidate.word)
            if readings.contains(where: { $0.word == word }) { continue }
            if isAbbreviation && !lexicon.isUserWord(word) && lexicon.documentWords[candidate.word] == nil { continue }
            let prior = isAbbreviation ? Lexicon.userLogPrior : lexicon.logPrior(word)
            // A candidate the lexicon only knows in lower case (`Järva` vs `järva`) is still a word.
            guard prior > Lexicon.unknownLogPrior else { continue }
            readings.append(.init(word: word, logPrior: prior, logChannel: candidate.logChannel, source: candidate.source,
                                  capitalMisread: misreadCapital))
        }
        return WordAnalysis(readings: readings, kind: isAbbreviation ? .abbreviation : .word,
                            printedKnown: printedKnown, printedHasOddGlyph: odd)
    }
}
