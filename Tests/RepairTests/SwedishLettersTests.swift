import XCTest
@testable import Repair

/// The byte-level fast paths must count and fold exactly as the
/// character-wise definitions do, whatever the Unicode form.
final class SwedishLettersTests: XCTestCase {
    private let samples = ["för", "FÖRVALTNINGEN", "Ärendet", "ålder", "naïve", "fóljande", "sa\u{0308}rskilt",
                           "a\u{030A}tgärder", "å\u{0301}", "plain", "Ø", "ÅÄÖåäö", "ǻ", "São"]

    func testDiacriticCountMatchesTheCharacterWiseCount() {
        for word in samples {
            let expected = word.reduce(0) { $0 + (SwedishLetters.diacritics.contains($1) ? 1 : 0) }
            XCTAssertEqual(SwedishLetters.diacriticCount(word), expected, word)
        }
        XCTAssertEqual(SwedishLetters.diacriticCount("ÅÄÖåäö"), 6)
        XCTAssertEqual(SwedishLetters.diacriticCount("sa\u{0308}rskilt"), 1, "a decomposed ä is still ä")
        XCTAssertEqual(SwedishLetters.diacriticCount("å\u{0301}"), 0, "å with an acute is another character")
    }

    func testFoldOfPlainWordsIsTheirLowerCase() {
        XCTAssertEqual(SwedishLetters.fold("Kommunstyrelsen"), "kommunstyrelsen")
        XCTAssertEqual(SwedishLetters.fold("FÖRSLAG"), "forslag")
        XCTAssertEqual(SwedishLetters.fold("Ärendet"), "arendet")
    }
}
