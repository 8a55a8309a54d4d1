import DocumentModel
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
        return result.trimmingSpaces()
    }

    /// True when the folded forms are within a length-scaled edit distance.
    static func similar(_ folded: String, _ canonical: String) -> Bool {
        EditDistance.similar(folded, canonical)
    }
}
