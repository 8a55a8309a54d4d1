import Foundation

/// Comparison forms of text that survive OCR damage: lower case, without
/// diacritics, with the OCR engine's usual stand-ins for Swedish letters
/// mapped back to plain letters (`Remissammanstallining`, `FOr`, `f6r`,
/// `&r`, `|` for I all fold to the same key as the clean spelling).
enum TextFolding {
    static func fold(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        var lastWasSpace = true
        for character in text.lowercased() {
            let mapped: Character?
            switch character {
            case "å", "ä", "à", "á", "â", "&": mapped = "a"
            case "ö", "ó", "ò", "ô", "6", "0": mapped = "o"
            case "é", "è", "ê", "ë": mapped = "e"
            case "ü": mapped = "u"
            case "|", "!": mapped = "i"
            default: mapped = character.isLetter ? character : nil
            }
            if let mapped {
                result.append(mapped)
                lastWasSpace = false
            } else if character.isWhitespace || character == "-", !lastWasSpace {
                result.append(" ")
                lastWasSpace = true
            }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// Levenshtein distance, with an early exit once `limit` is exceeded.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// True when the folded forms are within a length-scaled edit distance.
    static func similar(_ folded: String, _ canonical: String) -> Bool {
        let limit = max(1, canonical.count / 7)
        return distance(folded, canonical, limit: limit) <= limit
    }
}
