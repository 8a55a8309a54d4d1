import DocumentModel
import Foundation

/// Comparison forms of text that survive OCR damage: lower case, without
/// diacritics, with the OCR engine's usual stand-ins for Swedish letters
/// mapped back to plain letters (`Remissammanstallining`, `FOr`, `f6r`,
/// `&r`, `|` for I all fold to the same key as the clean spelling).
enum TextFolding {
    static func fold(_ text: String) -> String {
        if let folded = foldASCII(text) { return folded }
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

    /// `fold` on the bytes of an all-ASCII text (headings mostly are), where
    /// every character is one byte; nil for any other text.
    private static func foldASCII(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            let mapped: UInt8?
            switch lower {
            case UInt8(ascii: "&"): mapped = UInt8(ascii: "a")
            case UInt8(ascii: "6"), UInt8(ascii: "0"): mapped = UInt8(ascii: "o")
            case UInt8(ascii: "|"), UInt8(ascii: "!"): mapped = UInt8(ascii: "i")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): mapped = lower
            default: mapped = nil
            }
            if let mapped {
                bytes.append(mapped)
                lastWasSpace = false
            } else if (lower == 0x20 || (0x09...0x0D).contains(lower) || lower == UInt8(ascii: "-")), !lastWasSpace {
                bytes.append(0x20)
                lastWasSpace = true
            }
        }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when the folded forms are within a length-scaled edit distance.
    static func similar(_ folded: String, _ canonical: String) -> Bool {
        EditDistance.similar(folded, canonical)
    }
}
