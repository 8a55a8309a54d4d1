/// How damaged a page's text looks, 0 (clean Swedish) … 1 (read without
/// Swedish): what decides whether `reocr: damaged` reads a page again.
///
/// The repair stage estimates damage with its lexicon, but keeps that
/// estimator internal; until it is public this is a lexicon-free measure of
/// the same two signals, combined the same way:
/// - diacritic loss: Swedish prose sets about 4 % of its letters as å, ä or
///   ö; an engine without Swedish keeps none (`for`, `pa`, `ar`);
/// - odd glyphs: words with `é`, `&`, `|` or a digit among letters
///   (`féljande`, `&r`, `6ka`), which such an engine puts in their place.
enum PageDamage {
    /// Below this many letters the share of å/ä/ö says too little.
    static let minimumLetters = 200
    /// The share of å/ä/ö below which marks count as lost: a little under
    /// Swedish prose's usual share, so a page poor in them is not called damaged.
    static let expectedMarkShare = 0.03

    static func estimate(_ text: String) -> Double {
        var letters = 0, marks = 0, words = 0, odd = 0
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            var wordLetters = 0, digits = 0, oddGlyph = false
            for character in word {
                if character.isLetter {
                    wordLetters += 1
                    if "åäöÅÄÖ".contains(character) { marks += 1 }
                    if character == "é" { oddGlyph = true }
                } else if character.isNumber {
                    digits += 1
                } else if character == "&" || character == "|" {
                    oddGlyph = true
                }
            }
            letters += wordLetters
            guard wordLetters + digits >= 2 || oddGlyph else { continue }
            words += 1
            if oddGlyph || (digits > 0 && hasDigitForLetter(word)) { odd += 1 }
        }
        let oddShare = words == 0 ? 0 : Double(odd) / Double(words)
        let loss = letters < minimumLetters ? 0 : max(0, 1 - Double(marks) / Double(letters) / expectedMarkShare)
        return min(1, max(loss, oddShare * 4))
    }

    /// A digit read for a letter: between letters (`I6sning`, `utd6ver`) or
    /// before two lower-case letters (`6ka`). Dnr and dates mix digits and
    /// letters in separate runs (`2017:54`, `KS-2025`, `1a`) and do not count.
    static func hasDigitForLetter(_ word: Substring) -> Bool {
        let characters = Array(word)
        for (index, character) in characters.enumerated() where character.isNumber {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            let next = index + 2 < characters.count ? characters[index + 2] : nil
            if before?.isLetter == true && after?.isLetter == true { return true }
            if after?.isLowercase == true && next?.isLowercase == true { return true }
        }
        return false
    }
}
