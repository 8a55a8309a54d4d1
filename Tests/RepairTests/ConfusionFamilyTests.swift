import XCTest
@testable import Repair

/// One case per OCR confusion family of the damage catalogue.
final class ConfusionFamilyTests: XCTestCase {
    func testDroppedDiacriticsOnSmallLetters() {
        assertRepairs("Ett [forvaltningsovergripande=>förvaltningsövergripande] arbete mot [valfardsbrottslighet=>välfärdsbrottslighet] [tillsammans=>tillsammans] med [namnderna=>nämnderna].")
    }

    func testDroppedDiacriticsOnCapitals() {
        assertRepairs("[Arendet=>Ärendet] har remitterats. [Overgripande=>Övergripande] [mal=>mål] saknas.")
    }

    func testAcuteForSmallO() {
        assertRepairs("Kommunstyrelsen beslutar [féljande=>följande].")
    }

    func testAcuteForSmallA() {
        assertRepairs("Vad som [ségs=>sägs] i [utlatandet=>utlåtandet].")
    }

    func testAcuteWithExtraGlyphForA() {
        assertRepairs("Att skapa [béattre=>bättre] villkor i [kommunfullmé&ktige=>kommunfullmäktige].")
    }

    func testSixForO() {
        assertRepairs("Att [6ka=>öka] tryggheten.")
    }

    func testAmpersandForA() {
        assertRepairs("Det [&r=>är] [&ven=>även] en fråga.")
    }

    func testLetterDForO() {
        assertRepairs("Arbetet [utdver=>utöver] det vanliga.")
    }

    func testCapitalGForO() {
        assertRepairs("Kriminella [aktGrer=>aktörer] i staden.")
    }

    func testPipeForCapitalI() {
        assertRepairs("Utlåtande Rotel [|=>I] (Dnr KS 2025/364). [|=>I] motionen föreslås ett fokus.")
    }

    func testDigitOneForL() {
        assertRepairs("Under en [1&ngre=>längre] tid.")
    }

    func testCapitalIForLInsideAWord() {
        assertRepairs("Stadens [I6sning=>lösning] på problemet.")
    }

    func testMixedCaseNoise() {
        assertRepairs("Stockholms [StadShUS=>Stadshus] AB svarar.")
    }

    func testRnForM() {
        // `rn` read for `m`: a rare confusion, taken only when nothing likelier explains the word.
        assertRepairs("Beslut i [kornmunstyrelsen=>kommunstyrelsen] idag.")
    }

    func testLongWordsStayBounded() {
        let lexiconWord = String(repeating: "forvaltningsovergripande", count: 3)
        let started = Date()
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions())
            .repair([RepairInput(text: lexiconWord + " " + Fixtures.damagedCarrier, pageStarts: [(0, 1)])])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertLessThan(result.hunspellCalls, 2000)
    }
}
