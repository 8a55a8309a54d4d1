/// Letter classes the repair reasons about. OCR engines without Swedish drop
/// the marks of å/ä/ö, so two spellings that differ only there share a
/// folded key, and the lexicon is indexed by that key.
enum SwedishLetters {
    static let diacritics: Set<Character> = ["å", "ä", "ö", "Å", "Ä", "Ö"]

    /// Lower-cases and drops the marks of å, ä and ö: `Förslag` → `forslag`.
    static func fold(_ word: String) -> String {
        if isASCII(word) { return word.lowercased() }
        var folded = ""
        folded.unicodeScalars.reserveCapacity(word.unicodeScalars.count)
        for scalar in word.lowercased().unicodeScalars {
            switch scalar {
            case "å", "ä": folded.unicodeScalars.append("a")
            case "ö": folded.unicodeScalars.append("o")
            default: folded.unicodeScalars.append(scalar)
            }
        }
        return folded
    }

    static func hasDiacritic(_ word: String) -> Bool {
        diacriticCount(word) > 0
    }

    /// Most words are plain ASCII, and telling that from the bytes is far
    /// cheaper than walking the word's characters.
    static func diacriticCount(_ word: String) -> Int {
        if isASCII(word) { return 0 }
        return latin1DiacriticCount(word.utf8) ?? word.reduce(0) { $0 + (diacritics.contains($1) ? 1 : 0) }
    }

    /// The count from the bytes when every letter is ASCII or Latin-1 (lead
    /// byte C2 or C3): each is then a whole character of its own, and
    /// å ä ö Å Ä Ö are C3 followed by A5 A4 B6 85 84 96. Nil for anything
    /// else (combining marks among them), which the character-wise count handles.
    private static func latin1DiacriticCount(_ bytes: String.UTF8View) -> Int? {
        var count = 0
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte < 0x80 { continue }
            guard byte == 0xC2 || byte == 0xC3, let next = iterator.next() else { return nil }
            if byte == 0xC3, next == 0xA5 || next == 0xA4 || next == 0xB6 || next == 0x85 || next == 0x84 || next == 0x96 {
                count += 1
            }
        }
        return count
    }

    static func isASCII(_ word: String) -> Bool {
        word.utf8.allSatisfy { $0 < 0x80 }
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `Character.isLetter` without the Unicode table lookup for ASCII.
    static func isLetter(_ c: Character) -> Bool {
        if let ascii = c.asciiValue { return isASCIILetter(ascii) }
        return c.isLetter
    }

    /// `Character.isNumber` without the Unicode table lookup for ASCII.
    static func isNumber(_ c: Character) -> Bool {
        if let ascii = c.asciiValue { return isASCIIDigit(ascii) }
        return c.isNumber
    }

    enum CasePattern: Equatable {
        case lower, capitalized, upper, mixed
    }

    static func casePattern(_ word: String) -> CasePattern {
        let letters = word.filter(\.isLetter)
        guard let first = letters.first else { return .lower }
        if letters.allSatisfy(\.isLowercase) { return .lower }
        if letters.count > 1, letters.allSatisfy(\.isUppercase) { return .upper }
        if first.isUppercase, letters.dropFirst().allSatisfy(\.isLowercase) { return .capitalized }
        if letters.count == 1, first.isUppercase { return .capitalized }
        return .mixed
    }

    /// Gives a lower-case lexicon word the printed word's case.
    static func apply(_ pattern: CasePattern, to word: String) -> String {
        switch pattern {
        case .lower, .mixed: word
        case .upper: word.uppercased()
        case .capitalized: word.prefix(1).uppercased() + word.dropFirst()
        }
    }
}
