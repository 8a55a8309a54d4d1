import Foundation

/// Where å/ä/ö stand in Swedish words, learnt from the frequency list: for
/// a folded `a` or `o` between two letters each side, how often the listed
/// words have `a`/`å`/`ä` (or `o`/`ö`) there. It orders the guesses for a
/// word no list holds (an unlisted compound or inflection), so Hunspell is
/// asked about the likeliest spellings first instead of all 3ⁿ.
struct DiacriticModel: Sendable {
    private let counts: [String: [Character: Float]]

    static let shared = DiacriticModel(frequency: .shared)

    init(frequency: WordFrequency) {
        var counts: [String: [Character: Float]] = [:]
        for word in frequency.allWords {
            let letters = Array(word)
            let folded = Array(SwedishLetters.fold(word))
            guard folded.count == letters.count else { continue }
            for index in letters.indices where folded[index] == "a" || folded[index] == "o" {
                counts[Self.context(folded, index), default: [:]][letters[index], default: 0] += 1
            }
        }
        self.counts = counts
    }

    /// Two folded letters each side, `^`/`$` past the ends.
    private static func context(_ folded: [Character], _ index: Int) -> String {
        var key = ""
        for offset in [-2, -1, 0, 1, 2] {
            let position = index + offset
            key.append(position < 0 ? "^" : position >= folded.count ? "$" : folded[position])
        }
        return key
    }

    /// The letters position `index` of the folded word may be, likeliest first, with probabilities.
    func options(_ folded: [Character], _ index: Int) -> [(Character, Double)] {
        let plain = folded[index]
        let marked: [Character] = plain == "a" ? ["a", "å", "ä"] : ["o", "ö"]
        let seen = counts[Self.context(folded, index)] ?? [:]
        let total = marked.reduce(0) { $0 + Double(seen[$1] ?? 0) }
        // Add-one smoothing keeps an unseen context open to every letter.
        return marked.map { ($0, (Double(seen[$0] ?? 0) + 0.5) / (total + 0.5 * Double(marked.count))) }
            .sorted { $0.1 > $1.1 }
    }

    /// log10 probability of the word's a/å/ä and o/ö choices given their contexts.
    func logProbability(of word: String) -> Double {
        let letters = Array(word)
        let folded = Array(SwedishLetters.fold(word))
        guard letters.count == folded.count else { return 0 }
        var total = 0.0
        for index in folded.indices where folded[index] == "a" || folded[index] == "o" {
            let p = options(folded, index).first { $0.0 == letters[index] }?.1 ?? 0.01
            total += log10(p)
        }
        return total
    }

    /// The `limit` likeliest spellings of a folded word, best first.
    func spellings(of folded: String, limit: Int) -> [String] {
        let letters = Array(folded)
        var beam: [(letters: [Character], p: Double)] = [(letters, 1)]
        for index in letters.indices where letters[index] == "a" || letters[index] == "o" {
            let choices = options(letters, index)
            var next: [(letters: [Character], p: Double)] = []
            for (partial, p) in beam {
                for (letter, q) in choices {
                    var extended = partial
                    extended[index] = letter
                    next.append((extended, p * q))
                }
            }
            beam = Array(next.sorted { $0.p > $1.p }.prefix(limit))
        }
        return beam.map { String($0.letters) }
    }
}
