import DocumentModel
import Evaluation
import Extract
import XCTest
@testable import OCR

/// The pieces around the engine: page lines recovered from a document,
/// the damage measure that decides re-reading.
final class LayoutTests: XCTestCase {
    /// Taking a document's lines apart by page and assembling them again
    /// gives back the document: what lets the OCR stage swap one page's lines.
    func testPageLinesRoundTripThroughAssembly() throws {
        for relative in ["born-digital/utlatande-ks-2025-364.pdf", "scanned-eng/tjansteutlatande-2017-54.pdf"] {
            let document = try OCRFixtures.extracted(relative)
            let lines = PageAssembly.pageLines(of: document)
            XCTAssertEqual(lines.count, document.pages.count)
            let assembled = PageAssembly.assemble(pageLines: lines, pages: document.pages, settings: .init())
            XCTAssertEqual(assembled.blocks, document.blocks, relative)
            XCTAssertEqual(assembled.pages, document.pages, relative)
        }
    }

    func testDamageSeparatesSwedishFromTextReadWithoutIt() throws {
        let clean = try OCRFixtures.truth("utlatande-ks-2025-364")
        XCTAssertLessThan(PageDamage.estimate(clean), 0.1)
        let english = TextScore.bodyText(try OCRFixtures.extracted("scanned-eng/utlatande-ks-2025-364.pdf"))
        XCTAssertGreaterThan(PageDamage.estimate(english), 0.8)
        // Too little text to judge by the share of å/ä/ö.
        XCTAssertEqual(PageDamage.estimate("Sida 2 (14)"), 0)
        // Digits read for letters count; dates and case numbers do not.
        XCTAssertTrue(PageDamage.hasDigitForLetter("6ka"))
        XCTAssertTrue(PageDamage.hasDigitForLetter("I6sning"))
        XCTAssertFalse(PageDamage.hasDigitForLetter("2017:54"))
        XCTAssertFalse(PageDamage.hasDigitForLetter("3.1.2-712/2017"))
        XCTAssertFalse(PageDamage.hasDigitForLetter("1a"))
    }
}
