import Evaluation
import XCTest

final class WordAlignmentTests: XCTestCase {
    func testTokensKeepInnerPunctuationAndCase() {
        XCTAssertEqual(WordTokenizer.words("Dnr KS 2025/364-1, motion (2017:54) om OTTO-teamet."),
                       ["Dnr", "KS", "2025/364-1", "motion", "2017:54", "om", "OTTO-teamet"])
        XCTAssertEqual(WordTokenizer.words("Här är det — 19-29 år"), ["Här", "är", "det", "19-29", "år"])
    }

    func testAlignmentCountsEachKindOfError() {
        let alignment = WordAlignment(reference: ["Här", "är", "det", "uppenbart", "att"],
                                      hypothesis: ["Har", "ar", "det", "uppenbart", "att", "extra"])
        XCTAssertEqual(alignment.matches, 3)
        XCTAssertEqual(alignment.errors, 3)
        XCTAssertEqual(alignment.wordErrorRate, 3.0 / 5.0, accuracy: 1e-9)
        XCTAssertEqual(alignment.steps.first, .substitute(0, 0))
        XCTAssertEqual(alignment.steps.last, .insert(5))
    }

    func testDeletionsMapToNil() {
        let alignment = WordAlignment(reference: ["a", "b", "c"], hypothesis: ["a", "c"])
        XCTAssertEqual(alignment.hypothesisIndexForReference, [0, nil, 1])
        XCTAssertEqual(alignment.accuracy, 2.0 / 3.0, accuracy: 1e-9)
    }

    func testEmptySequences() {
        XCTAssertEqual(WordAlignment(reference: [], hypothesis: []).wordErrorRate, 0)
        XCTAssertEqual(WordAlignment(reference: [], hypothesis: ["x"]).wordErrorRate, 1)
        XCTAssertEqual(WordAlignment(reference: ["x"], hypothesis: []).errors, 1)
    }
}
