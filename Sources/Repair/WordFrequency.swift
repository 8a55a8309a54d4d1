import Foundation

/// The Swedish word-frequency prior shipped as `Resources/wordfreq-sv.txt`
/// (derived from wordfreq by scripts/derive-wordfreq.py), indexed by word
/// and by folded key so a word printed without its diacritics finds the
/// spellings it may stand for in one lookup.
public final class WordFrequency: Sendable {
    /// Zipf value (log10 of occurrences per billion words) of each lower-case word.
    private let zipf: ByteKeyedTable<Float>
    /// Folded key → words sharing it, most frequent first; only keys some
    /// word with å/ä/ö folds to, so the 150 000 plain words cost no array each.
    private let byFoldedKey: ByteKeyedTable<[String]>
    /// Share of å/ä/ö among letters in running Swedish text.
    public let diacriticLetterShare: Double

    /// Loaded once per process, read as bytes: String splitting and a
    /// Character-wise fold per word cost more than the rest of a clean
    /// document's repair.
    public static let shared: WordFrequency = {
        guard let url = RepairData.url("wordfreq-sv.txt"),
              let data = try? Data(contentsOf: url) else {
            return WordFrequency(text: "")
        }
        return WordFrequency(utf8: data)
    }()

    convenience init(text: String) {
        self.init(utf8: Data(text.utf8))
    }

    init(utf8 data: Data) {
        var zipf = ByteKeyedTable<Float>(capacity: data.count / 9)
        var keyed = ByteKeyedTable<[String]>(capacity: data.count / 40)
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
                    zipf.set(current, for: line)
                    if !Self.fold(line, into: &folded) {
                        folded = Array(SwedishLetters.fold(String(decoding: line, as: UTF8.self)).utf8)
                    }
                    // Bins come most frequent first, so appending keeps each list ordered.
                    folded.withUnsafeBufferPointer { key in
                        // Made only where kept: most plain words have no marked spelling to join.
                        if !key.elementsEqual(line) {
                            let word = String(decoding: line, as: UTF8.self)
                            if !keyed.modify(key, { $0.append(word) }) {
                                let plain = String(decoding: key, as: UTF8.self)
                                keyed.set(zipf.value(for: key) != nil ? [plain, word] : [word], for: key)
                            }
                        } else {
                            _ = keyed.modify(key) { $0.append(String(decoding: line, as: UTF8.self)) }
                        }
                    }
                }
            }
        }
        self.zipf = zipf
        byFoldedKey = keyed
        diacriticLetterShare = share
    }

    /// `SwedishLetters.fold` over the bytes of a word in lower-case ASCII
    /// and å/ä/ö into `folded`; false for any other letter (left to the full fold).
    private static func fold(_ line: UnsafeBufferPointer<UInt8>, into folded: inout [UInt8]) -> Bool {
        folded.removeAll(keepingCapacity: true)
        var index = 0
        while index < line.count {
            let byte = line[index]
            if byte < 0x80 {
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return false }
                folded.append(byte)
                index += 1
                continue
            }
            // å, ä, ö are C3 A5, C3 A4, C3 B6 in UTF-8.
            guard byte == 0xC3, index + 1 < line.count else { return false }
            switch line[index + 1] {
            case 0xA5, 0xA4: folded.append(UInt8(ascii: "a"))
            case 0xB6: folded.append(UInt8(ascii: "o"))
            default: return false
            }
            index += 2
        }
        return true
    }

    /// Zipf value of a lower-case word, nil when the list does not have it.
    public func zipfValue(_ word: String) -> Float? {
        zipf.value(for: Self.composed(word))
    }

    /// The listed words that differ from `folded` only in å/ä/ö marks.
    func words(foldedKey folded: String) -> [String] {
        let key = Self.composed(folded)
        return byFoldedKey.value(for: key) ?? (zipf.value(for: key) != nil ? [key] : [])
    }

    /// Every listed word.
    var allWords: [String] { zipf.keys }

    var isEmpty: Bool { zipf.count == 0 }

    /// The list is in composed form (NFC) and is looked up by bytes: a word
    /// written with combining marks (U+0300–U+036F, UTF-8 lead bytes CC and
    /// CD) is composed first.
    private static func composed(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 == 0xCC || $0 == 0xCD }) else { return word }
        return word.precomposedStringWithCanonicalMapping
    }
}
