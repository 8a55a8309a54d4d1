import DocumentModel
import Evaluation
import Extract
import Foundation
import OCR
import OCRText
import PipelineCore
import XCTest

final class OCRStageTests: XCTestCase {
    /// The bar: the image-only sample reads with at most 3 % word errors.
    func testImageOnlySampleReadsWithinThreePercentWordErrors() throws {
        let extracted = try OCRFixtures.extracted("image-only/tjansteutlatande-2017-54.pdf")
        XCTAssertTrue(extracted.blocks.isEmpty)
        let document = try OCRFixtures.ocr(extracted)

        let score = TextScore(document: document, truth: try OCRFixtures.truth("tjansteutlatande-2017-54"))
        XCTAssertLessThanOrEqual(score.wordErrorRate, 0.03, "\(score.errors) errors in \(score.truthWords) words")

        for page in document.pages {
            let info = try XCTUnwrap(page.ocr, "page \(page.number)")
            XCTAssertEqual(info.reason, .noTextLayer)
            XCTAssertEqual(info.language, "swe")
            XCTAssertEqual(info.dpi, 300)
            XCTAssertGreaterThan(info.meanConfidence, 80)
            XCTAssertGreaterThan(info.seconds, 0)
            XCTAssertFalse(page.hasTextLayer, "the PDF still has no text layer; `ocr` says where the text came from")
            // The running header and the page number are furniture again, as on born-digital pages.
            XCTAssertTrue(page.furniture.contains { $0.text.hasPrefix("Sida \(page.number)") }, "page \(page.number)")
        }
        XCTAssertEqual(document.pages.first?.label, "Sida 1 (5)")
        XCTAssertFalse(document.diagnostics.contains { $0.id == "extract.page.no-text" })
        XCTAssertEqual(document.diagnostics.filter { $0.id == "ocr.page.read" }.count, 5)

        let line = try XCTUnwrap(document.blocks.first?.lines.first)
        XCTAssertEqual(line.font, "OCR:tesseract-swe")
        // Faces as the born-digital sample sets them, measured from the image.
        let lines = document.blocks.flatMap(\.lines)
        for (text, bold) in [("Sammanfattning", true), ("Förvaltningens förslag till beslut", true), ("Gillis Hammar", false),
                             ("Kommunstyrelsen har överlämnat motion", false)] {
            XCTAssertEqual(lines.first { $0.text.hasPrefix(text) }?.isBold, bold, text)
        }
        let words = try XCTUnwrap(line.words)
        XCTAssertEqual(words.map(\.text).joined(separator: " "), line.text)
        XCTAssertTrue(words.allSatisfy { (0...100).contains($0.confidence) && $0.box.width > 0 })
        // Sizes in points, from the 11 pt body of the sample.
        let bodySizes = document.blocks.flatMap(\.lines).map(\.size).sorted()
        XCTAssertEqual(bodySizes[bodySizes.count / 2], 11, accuracy: 1.5)
    }

    func testImagePagesAreLeftAloneWhenSwitchedOff() throws {
        let extracted = OCRFixtures.firstPage(of: try OCRFixtures.extracted("image-only/tjansteutlatande-2017-54.pdf"))
        let document = try OCRFixtures.ocr(extracted) { $0.imagePages = false }
        XCTAssertEqual(document, extracted)
    }

    /// Born-digital text is the source itself: not even a threshold of 0 makes the stage read it again.
    func testBornDigitalTextIsNeverTouched() throws {
        let extracted = try OCRFixtures.extracted("born-digital/tjansteutlatande-2017-54.pdf")
        let document = try OCRFixtures.ocr(extracted) {
            $0.reocr = .damaged
            $0.reocrDamage = 0
        }
        XCTAssertEqual(document, extracted)
    }

    func testDamagedOCRLayerIsReadAgainOnlyWhenEnabled() throws {
        let extracted = OCRFixtures.firstPage(of: try OCRFixtures.extracted("scanned-eng/tjansteutlatande-2017-54.pdf"))
        let printed = TextScore.bodyText(extracted)
        XCTAssertFalse(printed.contains("för"), "the sample's layer was written without Swedish")

        let left = try OCRFixtures.ocr(extracted) { $0.measureWeight = false }
        XCTAssertEqual(left.blocks, extracted.blocks)
        XCTAssertNil(left.pages[0].ocr)
        XCTAssertEqual(left.diagnostics.filter { $0.id == "ocr.page.damaged" }.map(\.page), [1])

        let reread = try OCRFixtures.ocr(extracted) { $0.reocr = .damaged }
        let info = try XCTUnwrap(reread.pages[0].ocr)
        XCTAssertEqual(info.reason, .damagedTextLayer)
        XCTAssertGreaterThan(try XCTUnwrap(info.replacedDamage), 0.5)
        XCTAssertTrue(reread.pages[0].hasTextLayer)
        XCTAssertEqual(reread.diagnostics.filter { $0.id == "ocr.page.reread" }.map(\.page), [1])
        let text = TextScore.bodyText(reread)
        XCTAssertTrue(text.contains("Kommunstyrelsen har överlämnat motion (2017:54)"), text)
        XCTAssertTrue(text.contains("åtgärder för att öka tryggheten"), text)
    }

    /// Two documents in flight read at once, each with its own engine, and
    /// get the same result as one alone: Tesseract's handles share nothing.
    func testConcurrentDocumentsReadTheSameAsOne() throws {
        let extracted = OCRFixtures.firstPage(of: try OCRFixtures.extracted("image-only/tjansteutlatande-2017-54.pdf"))
        let stage = try OCRStage(settings: .init())
        let results = BatchRunner.run([extracted, extracted], jobs: 2) { document in
            try? stage.run(document, context: OCRFixtures.context)
        }
        let first = try XCTUnwrap(results[0]), second = try XCTUnwrap(results[1])
        XCTAssertEqual(first.blocks, second.blocks)
        XCTAssertEqual(first.pages.map(\.furniture), second.pages.map(\.furniture))
    }

    func testMissingModelIsReportedAtStartWithItsPackage() {
        var settings = OCRStage.Settings()
        settings.languages = "swe+xyz_qq"
        XCTAssertThrowsError(try OCRStage(settings: settings)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("`xyz_qq`"), message)
            XCTAssertTrue(message.contains("install tesseract-ocr-xyz-qq"), message)
            XCTAssertFalse(message.contains("tesseract-ocr-swe"), "only the missing model is named: \(message)")
        }
    }

    func testEmptyTessdataFolderNamesTheDebianPackages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tessdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try Tessdata.check("swe+eng", environment: ["TESSDATA_PREFIX": folder.path])) { error in
            let ocrError = error as? OCRError
            XCTAssertEqual(ocrError?.code, .missingModel)
            XCTAssertTrue(ocrError?.message.contains("install tesseract-ocr-swe tesseract-ocr-eng") == true, "\(error)")
        }
    }

    func testBadSettingsAreRejected() {
        var settings = OCRStage.Settings()
        settings.dpi = 20
        XCTAssertThrowsError(try OCRStage(settings: settings))
        settings = OCRStage.Settings()
        settings.reocrDamage = 1.5
        XCTAssertThrowsError(try OCRStage(settings: settings))
    }
}
