import XCTest
@testable import Repair

/// Tables of contents whose dot leaders OCR read as letters.
final class LeaderTests: XCTestCase {
    private func repaired(_ blocks: [String]) -> (texts: [String], reasons: [String]) {
        let inputs = (blocks + [Fixtures.damagedCarrier]).map { RepairInput(text: $0, pageStarts: [(0, 1)]) }
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions()).repair(inputs)
        return (Array(result.texts.dropLast()), result.corrections.map(\.reason))
    }

    func testLeaderJunkAfterTheHeadingGoes() {
        let (texts, reasons) = repaired([
            "Innehallsforteckning",
            "Stadsledningskontoret 7... «ac es eerie ee ee oe one nee 5 Jarva stadsdelsnamnd ......... 2. eee ee en aee 10",
            "Skarpnacks stadsdelsnamnd ..... 2.0... ccc .....",
            "cc cee ee nes 13",
            "Remissammanstallning",
        ])
        let words = texts.map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertEqual(words[1], "Stadsledningskontoret 5 Järva stadsdelsnämnd 10")
        XCTAssertEqual(words[2], "Skarpnäcks stadsdelsnämnd")
        XCTAssertEqual(words[3], "13")
        XCTAssertEqual(words[4], "Remissammanställning")
        XCTAssertTrue(reasons.contains("ocr.leader"))
    }

    func testPageNumbersThatGoBackAreJunk() {
        let (texts, _) = repaired(["Innehallsforteckning",
                                   "Stadshus AB .... 14 Talita ... 3 Sian mis ssa 25 Ud ain Oe Hic S es ne oan 15"])
        XCTAssertEqual(texts[1].split(separator: " ").joined(separator: " "), "Stadshus AB 14 Talita 15")
    }

    func testProseWithNumbersIsNoTableOfContents() {
        let text = "Nämnden beslutade den 26 augusti och satte upp 3 mål som ska nås inom 2 år."
        XCTAssertEqual(repaired([text]).texts[0], text)
    }
}
