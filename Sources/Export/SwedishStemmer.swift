import Foundation

/// The suffix-stripping steps of the Snowball Swedish stemmer (steps 1 and
/// 2), for search queries: `nämnden` → `nämnd`, which as a prefix finds
/// `nämnd`, `Nämnden`, `nämndens` and `nämnder`. Only the query is stemmed;
/// the index keeps the words as printed, so snippets and phrases stay exact.
public enum SwedishStemmer {
    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "ä", "å", "ö"]

    /// Longest first: the first that fits is taken.
    private static let step1Suffixes = [
        "heterna", "hetens", "anden", "andes", "andet", "arens", "arnas", "ernas", "heten", "heter", "ornas",
        "ande", "ades", "aren", "arna", "arne", "aste", "erna", "erns", "orna",
        "ade", "are", "ast", "ens", "ern", "het",
        "ad", "ar", "as", "at", "en", "er", "es", "or",
        "a", "e",
    ]
    /// A final `s` goes only after one of these (`nämndens` → `nämnden`, but `hus` stays).
    private static let sEndings: Set<Character> = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "o", "p", "r", "t", "v", "y"]
    private static let step2Endings = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"]

    /// `word` lower-cased and stripped of one inflectional suffix within its R1
    /// region (what follows the first consonant after a vowel, at least three letters in).
    public static func stem(_ word: String) -> String {
        var letters = Array(word.lowercased())
        guard letters.allSatisfy(\.isLetter) else { return String(letters) }
        let r1 = regionOne(letters)
        guard r1 < letters.count else { return String(letters) }
        let region = String(letters[r1...])
        if let suffix = step1Suffixes.first(where: { region.hasSuffix($0) }) {
            letters.removeLast(suffix.count)
        } else if region.hasSuffix("s"), letters.count >= 2, sEndings.contains(letters[letters.count - 2]) {
            letters.removeLast()
        }
        let regionAfter = letters.count > r1 ? String(letters[r1...]) : ""
        if step2Endings.contains(where: { regionAfter.hasSuffix($0) }) {
            letters.removeLast()
        }
        return String(letters)
    }

    private static func regionOne(_ letters: [Character]) -> Int {
        var index = 1
        while index < letters.count {
            if !vowels.contains(letters[index]), vowels.contains(letters[index - 1]) { return max(index + 1, 3) }
            index += 1
        }
        return letters.count
    }
}
