import Foundation

/// The Swedish word-frequency prior shipped as `Resources/wordfreq-sv.txt`
/// (derived from wordfreq by scripts/derive-wordfreq.py), indexed by word
/// and by folded key so a word printed without its diacritics finds the
/// spellings it may stand for in one lookup.
public final class WordFrequency: Sendable {
    /// Zipf value (log10 of occurrences per billion words) of each lower-case word.
    let zipf: [String: Float]
    /// Folded key → words sharing it, most frequent first.
    let byFoldedKey: [String: [String]]
    /// Share of å/ä/ö among letters in running Swedish text.
    public let diacriticLetterShare: Double

    /// Loaded once per process: parsing the list takes tens of milliseconds.
    public static let shared: WordFrequency = {
        guard let url = Bundle.module.url(forResource: "wordfreq-sv", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return WordFrequency(text: "")
        }
        return WordFrequency(text: text)
    }()

    init(text: String) {
        var zipf: [String: Float] = [:]
        var keyed: [String: [String]] = [:]
        var share = 0.0
        var current: Float = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            switch line.first {
            case "#":
                continue
            case "!":
                let parts = line.split(separator: " ")
                if parts.count == 2, parts[0] == "!letters", let value = Double(parts[1]) { share = value }
            case "@":
                current = (Float(line.dropFirst()) ?? 0) / 100
            default:
                let word = String(line)
                zipf[word] = current
                // Bins come most frequent first, so appending keeps each list ordered.
                keyed[SwedishLetters.fold(word), default: []].append(word)
            }
        }
        self.zipf = zipf
        byFoldedKey = keyed
        diacriticLetterShare = share
    }

    /// Zipf value of a lower-case word, nil when the list does not have it.
    public func zipfValue(_ word: String) -> Float? {
        zipf[word]
    }

    /// The listed words that differ from `folded` only in å/ä/ö marks.
    func words(foldedKey folded: String) -> [String] {
        byFoldedKey[folded] ?? []
    }

    var isEmpty: Bool { zipf.isEmpty }
}
