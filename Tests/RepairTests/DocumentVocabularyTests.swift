import XCTest
@testable import Repair

/// Words past the confusion model's reach, read from the document's own words.
final class DocumentVocabularyTests: XCTestCase {
    private let bodies = "Socialnamnden anser att frågan är viktig. Socialnamnden beslutade att Jarva stadsdelsnamnd och " +
        "Skarpnacks stadsdelsnamnd ska svara."

    func testGarbledCapitalsTakeTheDocumentsTitle() {
        assertRepairs("Innehåll [SOCIAINAMNUEN=>Socialnämnden] 7", evidence: bodies)
    }

    func testBrokenCaseTakesTheDocumentsWord() {
        assertRepairs("Innehåll Järva [stadsdelSNEmNd=>stadsdelsnämnd] 10", evidence: bodies)
    }

    func testGarbledCapitalsWithoutADocumentWordStay() {
        assertRepairs("Innehåll SOCIAINAMNUEN 7")
    }

    func testStrayStrokeInALongCompound() {
        assertRepairs("[Remissammanstallining=>Remissammanställning]")
    }

    func testCompoundJointIsNoStrayStroke() {
        assertRepairs("Regionskoordinatorerna hemvist är inom förvaltningen.")
    }
}
