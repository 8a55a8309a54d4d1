/// A word as the repair sees it: letters and digits plus the glyphs an OCR
/// engine without Swedish puts for å/ä/ö and I (`&`, `|`, `é`, `6`).
/// Hyphens and slashes split words, so each part of `OTTO-teamet` or
/// `stöd-` is judged alone.
struct RepairToken {
    /// Offset in characters within the text.
    var offset: Int
    var text: String
    /// Where the token sits in the text, for building the repaired string.
    var range: Range<String.Index>
    /// The first word of a sentence: a capital there says nothing about a name.
    var sentenceInitial: Bool
    /// Punctuation right after the token (`.`, `,`, `(`…), or nil for a space.
    var following: Character?
    /// The token is followed directly by a hyphen (`stöd-` in `stöd- och`).
    var hyphenated: Bool

    var lowered: String { text.lowercased() }
    var letterCount: Int { Self.letterCount(text) }
    static func letterCount(_ text: String) -> Int { text.reduce(0) { $0 + (SwedishLetters.isLetter($1) ? 1 : 0) } }
    var isNumber: Bool { text.allSatisfy(SwedishLetters.isNumber) }
}

enum RepairTokenizer {
    static func isWordCharacter(_ c: Character) -> Bool {
        if let ascii = c.asciiValue {
            return (ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7A || ascii >= 0x30 && ascii <= 0x39
                || ascii == 0x26 || ascii == 0x7C
        }
        return c.isLetter || c.isNumber
    }

    static func tokens(_ text: String) -> [RepairToken] {
        var tokens: [RepairToken] = []
        var index = text.startIndex
        var offset = 0
        var sentenceStart = true
        while index < text.endIndex {
            let c = text[index]
            guard isWordCharacter(c) else {
                if ".!?:".contains(c) { sentenceStart = true }
                index = text.index(after: index)
                offset += 1
                continue
            }
            let start = index, startOffset = offset
            // A lone `&` between spaces is the ampersand, not a damaged ä.
            while index < text.endIndex, isWordCharacter(text[index]) {
                index = text.index(after: index)
                offset += 1
            }
            let word = String(text[start..<index])
            if word == "&" {
                continue
            }
            var following: Character?
            var cursor = index
            while cursor < text.endIndex, text[cursor].isWhitespace { cursor = text.index(after: cursor) }
            if cursor < text.endIndex, !isWordCharacter(text[cursor]) { following = text[cursor] }
            let hyphenated = index < text.endIndex && text[index] == "-"
            tokens.append(RepairToken(offset: startOffset, text: word, range: start..<index,
                                      sentenceInitial: sentenceStart, following: following, hyphenated: hyphenated))
            // A number does not end a sentence by itself (`1. Att tillstyrka` starts one).
            if !word.allSatisfy(SwedishLetters.isNumber) { sentenceStart = false }
        }
        return tokens
    }
}
