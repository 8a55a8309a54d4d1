import DocumentModel
import Evaluation
import Extract
import PDFText
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

/// Table-of-contents leaders are erased before recognition; other dots stay.
final class LeaderDotsTests: XCTestCase {
    private let width = 600, height = 100

    private func paint(_ pixels: inout [UInt8], x: Int, y: Int, size: Int) {
        for row in y..<(y + size) {
            for column in x..<(x + size) { pixels[row * width + column] = 0 }
        }
    }

    func testARowOfEvenDotsIsErasedAndIrregularDotsStay() {
        var pixels = [UInt8](repeating: 230, count: width * height)
        // A leader: twenty 6 px dots, 16 px apart, on one baseline.
        for index in 0..<20 { paint(&pixels, x: 100 + index * 16, y: 60, size: 6) }
        // Dots of `i`, `ä` and full stops on another line: uneven gaps.
        for x in [20, 27, 61, 140, 150, 230, 300] { paint(&pixels, x: x, y: 20, size: 5) }
        // A letter-sized blob.
        paint(&pixels, x: 450, y: 40, size: 30)

        let found = LeaderDots.erase(pixels: &pixels, width: width, height: height, dpi: 300)
        XCTAssertEqual(found, 1)
        XCTAssertEqual(pixels[62 * width + 102], 255, "leader dot erased")
        XCTAssertEqual(pixels[22 * width + 22], 0, "an i-dot stays")
        XCTAssertEqual(pixels[50 * width + 460], 0, "a letter stays")
    }

    func testTheScannedTableOfContentsHasItsSevenLeadersFound() throws {
        let pdf = try PDFDocument(path: OCRFixtures.samples.appendingPathComponent("scanned-eng/utlatande-ks-2025-364.pdf").path)
        let image = try XCTUnwrap(pdf.page(at: 3)).renderGray(dpi: 300)
        var pixels = image.pixels
        XCTAssertEqual(LeaderDots.erase(pixels: &pixels, width: image.width, height: image.height, dpi: 300), 7)
    }
}
