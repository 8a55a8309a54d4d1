import XCTest
@testable import Repair

/// Printed forms that are themselves words: context decides.
final class ContextTests: XCTestCase {
    func testModalBeforeInfinitive() {
        assertRepairs("Arbetet [bor=>bör] [fortsatta=>fortsätta] och [bor=>bör] vara en central del.")
    }

    func testFarIllaStays() {
        assertRepairs("Barn som far illa ska uppmärksammas.")
    }

    func testInfinitiveAfterKommerAtt() {
        assertRepairs("Kartläggningen kommer att vara klar under [varen=>våren].")
    }

    func testCommonWordInsideASentenceInLowerCase() {
        assertRepairs("De informerar om att det inte [Ar=>är] tillåtet.")
    }

    func testBorBeforeAPlaceStays() {
        assertRepairs("De personer som bor i området.")
    }

    func testHarAsDemonstrative() {
        assertRepairs("Den [har=>här] motionen belyser viktiga frågor.")
    }

    func testHarBeforeAFiniteVerb() {
        assertRepairs("[Har=>Här] [ar=>är] det uppenbart att staden brister.")
    }

    func testHarAsAuxiliaryStays() {
        assertRepairs("Staden har tagit fram en metod.")
    }

    func testInfinitiveAfterAtt() {
        assertRepairs("Det gäller att [starka=>stärka] det arbete som bedrivs.")
    }

    func testAdjectiveStays() {
        assertRepairs("Det finns starka skäl.")
    }

    func testPossessiveAfterPreposition() {
        assertRepairs("Poängen i [vart=>vårt] [forslag=>förslag] missas.")
    }

    func testFrequentFunctionWords() {
        assertRepairs("Ett fokus [pa=>på] brottsoffer [ar=>är] viktigt [for=>för] staden.")
    }

    func testBadaBeforeParty() {
        assertRepairs("Motion av Kristin Jacobsson och Jonas Naddebo ([bada=>båda] C).")
    }

    func testSaAndFa() {
        assertRepairs("Socialtjänsten ska [sa=>så] snart som möjligt [fa=>få] kännedom.")
    }

    func testFarAfterSubject() {
        assertRepairs("Se till att de [far=>får] tillgång till stöd.")
    }

    func testManStays() {
        assertRepairs("Stadens svar visar att man missar poängen.")
    }

    func testYearAfterNumeral() {
        assertRepairs("Projektet har pågått i tre [ar=>år].")
    }

    func testStodAsNounWithDocumentEvidence() {
        assertRepairs("De ska få tillgång till [stod=>stöd] och skydd.", evidence: "Ge dem stéd.")
    }
}
