import DocumentModel
import Extract
import Foundation
import PDFText
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
