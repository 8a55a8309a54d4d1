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
    static func letterCount(_ text: String) -> Int {
        if SwedishLetters.isASCII(text) {
            return text.utf8.reduce(0) { $0 + (SwedishLetters.isASCIILetter($1) ? 1 : 0) }
        }
        return text.reduce(0) { $0 + (SwedishLetters.isLetter($1) ? 1 : 0) }
    }
    var isNumber: Bool { text.allSatisfy(SwedishLetters.isNumber) }
}

enum RepairTokenizer {
    static func isWordCharacter(_ c: Character) -> Bool {
        if let ascii = c.asciiValue { return isWordByte(ascii) }
        return c.isLetter || c.isNumber
    }

    /// Letters, digits, and the `&` and `|` OCR puts for ä and I.
    static func isWordByte(_ byte: UInt8) -> Bool {
        SwedishLetters.isASCIILetter(byte) || SwedishLetters.isASCIIDigit(byte) || byte == 0x26 || byte == 0x7C
    }

    static func tokens(_ text: String) -> [RepairToken] {
        // Walking Unicode scalars is several times cheaper than walking
        // grapheme clusters, and gives the same tokens and offsets when every
        // scalar is a cluster of its own, as in Swedish text without
        // combining marks.
        if text.unicodeScalars.allSatisfy(isOwnCluster) {
            return tokens(text.unicodeScalars, of: text)
        }
        return tokens(text, of: text)
    }

    /// True for scalars that always form a grapheme cluster alone: Latin
    /// letters and their accented forms, and common punctuation, but not
    /// CR (which pairs with LF) or anything that can combine.
    private static func isOwnCluster(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0D: false
        case 0x00..<0x300, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0, 0x2100...0x218F, 0x2190...0x21FF,
             0x2500...0x25FF: true
        default: false
        }
    }

    private static func tokens<View: BidirectionalCollection>(_ view: View, of text: String) -> [RepairToken]
    where View.Index == String.Index, View.Element: TextUnit {
        var tokens: [RepairToken] = []
        var index = view.startIndex
        var offset = 0
        var sentenceStart = true
        while index < view.endIndex {
            let unit = view[index]
            guard unit.isWordUnit else {
                if unit.endsSentence { sentenceStart = true }
                index = view.index(after: index)
                offset += 1
                continue
            }
            let start = index, startOffset = offset
            // A lone `&` between spaces is the ampersand, not a damaged ä.
            while index < view.endIndex, view[index].isWordUnit {
                index = view.index(after: index)
                offset += 1
            }
            let word = String(text[start..<index])
            if word == "&" {
                continue
            }
            var following: Character?
            var cursor = index
            while cursor < view.endIndex, view[cursor].isWhiteSpace { cursor = view.index(after: cursor) }
            if cursor < view.endIndex, !view[cursor].isWordUnit { following = view[cursor].character }
            let hyphenated = index < view.endIndex && view[index].isHyphen
            tokens.append(RepairToken(offset: startOffset, text: word, range: start..<index,
                                      sentenceInitial: sentenceStart, following: following, hyphenated: hyphenated))
            // A number does not end a sentence by itself (`1. Att tillstyrka` starts one).
            if !word.allSatisfy(SwedishLetters.isNumber) { sentenceStart = false }
        }
        return tokens
    }
}

/// What the tokenizer asks of a character or a lone scalar.
protocol TextUnit {
    var character: Character { get }
    var isWordUnit: Bool { get }
    var isWhiteSpace: Bool { get }
    var endsSentence: Bool { get }
    var isHyphen: Bool { get }
}

extension Character: TextUnit {
    var character: Character { self }
    var isWordUnit: Bool { RepairTokenizer.isWordCharacter(self) }
    var isWhiteSpace: Bool { isWhitespace }
    var endsSentence: Bool { self == "." || self == "!" || self == "?" || self == ":" }
    var isHyphen: Bool { self == "-" }
}

extension Unicode.Scalar: TextUnit {
    var character: Character { Character(self) }

    var isWordUnit: Bool {
        isASCII ? RepairTokenizer.isWordByte(UInt8(value)) : RepairTokenizer.isWordCharacter(Character(self))
    }

    var isWhiteSpace: Bool {
        if isASCII { return self == " " || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }

    var endsSentence: Bool { self == "." || self == "!" || self == "?" || self == ":" }
    var isHyphen: Bool { self == "-" }
}
