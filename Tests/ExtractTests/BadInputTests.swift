import DocumentModel
import Extract
import Foundation
import PDFText
import PipelineCore
import XCTest

/// Each kind of unusable input gives its own typed error naming the cause.
final class BadInputTests: XCTestCase {
    private func code(of relative: String) -> PDFError.Code? {
        do {
            _ = try Samples.extract(relative)
            return nil
        } catch let error as PDFError {
            XCTAssertTrue(error.path.hasSuffix(URL(fileURLWithPath: relative).lastPathComponent))
            XCTAssertFalse(error.description.isEmpty)
            return error.code
        } catch {
            XCTFail("\(relative): untyped error \(error)")
            return nil
        }
    }

    func testEachBadSampleFailsWithItsCause() {
        XCTAssertEqual(code(of: "bad/empty.pdf"), .empty)
        XCTAssertEqual(code(of: "bad/not-a-pdf.pdf"), .notPDF)
        XCTAssertEqual(code(of: "bad/encrypted.pdf"), .encrypted)
        XCTAssertEqual(code(of: "bad/truncated.pdf"), .damaged)
        XCTAssertEqual(code(of: "bad/garbage.pdf"), .damaged)
        XCTAssertEqual(code(of: "bad/no-such-file.pdf"), .unreadable)
    }

    /// report.json's errorCode is read from the failure's message (it must survive a child process and the
    /// journal): each PDFError's description gives its own code, named as PDFError names it.
    func testEachPDFErrorGivesItsReportErrorCode() {
        for code in PDFError.Code.allCases {
            let message = PDFError(code: code, path: "/x/a.pdf", detail: "a.pdf: cannot open").description
            XCTAssertEqual(FailureCode(stage: "extract", message: message).rawValue, code.rawValue, message)
            let notTriedAgain = message + " (not tried again on the same file with the same settings; --retry-failed tries it)"
            XCTAssertEqual(FailureCode(stage: "extract", message: notTriedAgain).rawValue, code.rawValue)
        }
        XCTAssertEqual(FailureCode(stage: "ocr", message: "timed out after 5 s (--timeout)"), .timeout)
        XCTAssertEqual(FailureCode(stage: "ocr", message: "crashed with signal 11 in the child process"), .crash)
        XCTAssertEqual(FailureCode(stage: "ocr", message: "crashed with signal 5 in the child process: Fatal error: out of memory"), .memory)
        XCTAssertEqual(FailureCode(stage: "scan", message: "no such file or folder"), .scan)
        XCTAssertEqual(FailureCode(stage: "output", message: "its outputs (a.*) hold b.pdf"), .output)
        XCTAssertEqual(FailureCode(stage: "segment", message: "the document has no pages"), .stage)
    }

    /// Page sizes come from the file: checked as numbers before any becomes a pixel count.
    func testRenderResolutionFitsThePixelLimit() throws {
        XCTAssertEqual(PDFPage.fittedDPI(width: 595, height: 842, dpi: 300), 300)
        // A3 at 600 dpi is the largest ordinary request and still fits.
        XCTAssertEqual(PDFPage.fittedDPI(width: 842, height: 1191, dpi: 600), 600)
        let large = try XCTUnwrap(PDFPage.fittedDPI(width: 7200, height: 7200, dpi: 300))
        XCTAssertLessThan(large, 300)
        XCTAssertLessThanOrEqual(Int(7200 / 72 * large) * Int(7200 / 72 * large), PDFPage.pixelLimit)
        XCTAssertEqual(large, large.rounded(), "OCR takes a whole-number resolution")
        // A long thin page is bounded by cairo's side limit, not its area.
        let strip = try XCTUnwrap(PDFPage.fittedDPI(width: 100_000, height: 10, dpi: 300))
        XCTAssertLessThan(100_000 / 72 * strip, 32_768)
        for (width, height) in [(1e20, 1e20), (0, 842), (-595, 842), (.nan, 842), (.infinity, 1), (1e300, 1e300)] {
            XCTAssertLessThan(PDFPage.fittedDPI(width: width, height: height, dpi: 300) ?? 0, PDFPage.smallestUsefulDPI,
                              "\(width) × \(height)")
        }
    }

    func testImageOnlyPagesAreFlaggedForOCR() throws {
        let folder = Samples.url("image-only")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let document = try Samples.extract("image-only/\(file)")
            XCTAssertTrue(document.pages.allSatisfy { !$0.hasTextLayer }, file)
            XCTAssertEqual(document.diagnostics.filter { $0.id == "extract.page.no-text" }.count, document.pages.count)
            XCTAssertTrue(document.blocks.isEmpty)
        }
    }
}
