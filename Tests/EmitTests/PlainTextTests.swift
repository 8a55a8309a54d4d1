import DocumentModel
@testable import Emit
import XCTest

final class PlainTextTests: XCTestCase {
    func testHeadingsOnTheirOwnLinesParagraphsApartNoImplicitHeadingTwice() {
        let text = PlainTextRenderer.render(Fixtures.utlatande)
        XCTAssertTrue(text.hasPrefix("Utlåtande Rotel I (Dnr KS 2025/364)\n\nFörslag till beslut\n\nKommunfullmäktige föreslås besluta följande.\n\n1. Motionen avslås.\n\n"))
        XCTAssertFalse(text.contains("Reservation av Jonas Naddebo (C)\n\nReservation av"))
        XCTAssertTrue(text.hasSuffix("\n"))
        XCTAssertFalse(text.hasSuffix("\n\n"))
    }

    func testWithoutSectionsTheBlocksAreTheText() {
        XCTAssertEqual(PlainTextRenderer.render(SchemaConformanceTests.bare), "Hej\n")
    }
}
