import Foundation

/// The Swedish word-frequency prior shipped as `Resources/wordfreq-sv.txt`
/// (derived from wordfreq by scripts/derive-wordfreq.py), indexed by word
/// and by folded key so a word printed without its diacritics finds the
/// spellings it may stand for in one lookup.
public final class WordFrequency: Sendable {
    /// Zipf value (log10 of occurrences per billion words) of each lower-case word.
    let zipf: [String: Float]
    /// Folded key → words sharing it, most frequent first; only keys some
    /// word with å/ä/ö folds to, so the 150 000 plain words cost no array each.
    let byFoldedKey: [String: [String]]
    /// Share of å/ä/ö among letters in running Swedish text.
    public let diacriticLetterShare: Double

    /// Loaded once per process, read as bytes: String splitting and a
    /// Character-wise fold per word cost more than the rest of a clean
    /// document's repair.
    public static let shared: WordFrequency = {
        guard let url = Bundle.module.url(forResource: "wordfreq-sv", withExtension: "txt", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else {
            return WordFrequency(text: "")
        }
        return WordFrequency(utf8: data)
    }()

    convenience init(text: String) {
        self.init(utf8: Data(text.utf8))
    }

    init(utf8 data: Data) {
        var zipf: [String: Float] = [:]
        var keyed: [String: [String]] = [:]
        zipf.reserveCapacity(data.count / 9)
        keyed.reserveCapacity(data.count / 40)
        var share = 0.0
        var current: Float = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var folded: [UInt8] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                guard end > start else { continue }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                switch line[0] {
                case UInt8(ascii: "#"):
                    continue
                case UInt8(ascii: "!"):
                    let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
                    if parts.count == 2, parts[0] == "!letters", let value = Double(parts[1]) { share = value }
                case UInt8(ascii: "@"):
                    current = (Float(String(decoding: UnsafeBufferPointer(rebasing: line.dropFirst()), as: UTF8.self)) ?? 0) / 100
                default:
                    let word = String(decoding: line, as: UTF8.self)
                    zipf[word] = current
                    let key = Self.fold(line, into: &folded) ?? SwedishLetters.fold(word)
                    // Bins come most frequent first, so appending keeps each list ordered.
                    if key != word {
                        if keyed[key] == nil { keyed[key] = zipf[key] != nil ? [key, word] : [word] } else { keyed[key]!.append(word) }
                    } else if keyed[key] != nil {
                        keyed[key]!.append(word)
                    }
                }
            }
        }
        self.zipf = zipf
        byFoldedKey = keyed
        diacriticLetterShare = share
    }

    /// `SwedishLetters.fold` over the bytes of a word in lower-case ASCII
    /// and å/ä/ö, nil for any other letter (left to the full fold).
    private static func fold(_ line: UnsafeBufferPointer<UInt8>, into folded: inout [UInt8]) -> String? {
        folded.removeAll(keepingCapacity: true)
        var index = 0
        while index < line.count {
            let byte = line[index]
            if byte < 0x80 {
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return nil }
                folded.append(byte)
                index += 1
                continue
            }
            // å, ä, ö are C3 A5, C3 A4, C3 B6 in UTF-8.
            guard byte == 0xC3, index + 1 < line.count else { return nil }
            switch line[index + 1] {
            case 0xA5, 0xA4: folded.append(UInt8(ascii: "a"))
            case 0xB6: folded.append(UInt8(ascii: "o"))
            default: return nil
            }
            index += 2
        }
        return String(decoding: folded, as: UTF8.self)
    }

    /// Zipf value of a lower-case word, nil when the list does not have it.
    public func zipfValue(_ word: String) -> Float? {
        zipf[word]
    }

    /// The listed words that differ from `folded` only in å/ä/ö marks.
    func words(foldedKey folded: String) -> [String] {
        byFoldedKey[folded] ?? (zipf[folded] != nil ? [folded] : [])
    }

    var isEmpty: Bool { zipf.isEmpty }
}
