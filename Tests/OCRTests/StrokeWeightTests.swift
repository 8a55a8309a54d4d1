import DocumentModel
import Foundation
@testable import OCR
import PDFText
import XCTest

final class StrokeWeightTests: XCTestCase {
    /// Rows of vertical stems `stem` pixels wide, 8 pixels apart, inside `box` (72 dpi: 1 pt = 1 px).
    private func stems(_ stem: Int, in box: Box, on image: inout PDFGrayImage) {
        for y in Int(box.y)..<Int(box.maxY) {
            var x = Int(box.x)
            while x + stem <= Int(box.maxX) {
                for dx in 0..<stem { image.pixels[y * image.bytesPerRow + x + dx] = 0 }
                x += 8
            }
        }
    }

    func testStrokeWidthOverSizeTellsBoldFromRegular() throws {
        var image = PDFGrayImage(width: 300, height: 100, bytesPerRow: 300, pixels: Array(repeating: 255, count: 30_000), dpi: 72)
        let regular = Box(x: 10, y: 10, width: 200, height: 10)
        let bold = Box(x: 10, y: 50, width: 200, height: 10)
        stems(2, in: regular, on: &image)
        stems(4, in: bold, on: &image)
        let thin = try XCTUnwrap(StrokeWeight.measure(image, box: regular, size: 10))
        let thick = try XCTUnwrap(StrokeWeight.measure(image, box: bold, size: 10))
        XCTAssertEqual(thin, 0.2, accuracy: 0.01)
        XCTAssertEqual(thick, 0.4, accuracy: 0.01)
        // The same stems in type twice the size are a lighter face.
        XCTAssertEqual(try XCTUnwrap(StrokeWeight.measure(image, box: bold, size: 20)), 0.2, accuracy: 0.01)
    }

    func testBlankOrDegenerateBoxesSayNothing() {
        let image = PDFGrayImage(width: 100, height: 100, bytesPerRow: 100, pixels: Array(repeating: 255, count: 10_000), dpi: 72)
        XCTAssertNil(StrokeWeight.measure(image, box: Box(x: 10, y: 10, width: 50, height: 10), size: 10))
        XCTAssertNil(StrokeWeight.measure(image, box: Box(x: 10, y: 10, width: .nan, height: 10), size: 10))
        XCTAssertNil(StrokeWeight.measure(image, box: Box(x: -500, y: 1e12, width: 50, height: 10), size: 10))
        XCTAssertNil(StrokeWeight.measure(image, box: Box(x: 1e300, y: -1e300, width: 1e300, height: 1e300), size: 10))
        XCTAssertNil(StrokeWeight.measure(image, box: Box(x: 10, y: 10, width: 50, height: 10), size: .infinity))
        XCTAssertNil(StrokeWeight.measure(image, box: Box(x: 10, y: 10, width: 50, height: 0), size: 0))
    }

    /// Each page is its own measure: a darker scan of page 2 does not make its body bold.
    func testWeightsAreRelativeToEachPagesBody() throws {
        var weights: [(page: Int, weight: Double?, characters: Int)] = []
        for _ in 0..<6 { weights.append((0, 0.10, 80)) }
        weights.append((0, 0.17, 15))
        for _ in 0..<6 { weights.append((1, 0.14, 80)) }
        weights.append((1, 0.23, 15))
        weights.append((1, nil, 3))
        let relative = StrokeWeight.relativeWeights(weights)
        XCTAssertEqual(try XCTUnwrap(relative[0]), 1, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(relative[6]), 1.7, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(relative[7]), 1, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(relative[13]), 0.23 / 0.14, accuracy: 0.001)
        XCTAssertNil(relative[14])
    }
}

/// The stage on a scan whose OCR text layer has no faces: its bold headings at body size come back bold.
final class ScannedWeightTests: XCTestCase {
    func testBoldHeadingsOfAScanAreMeasuredFromItsImage() throws {
        let extracted = try OCRFixtures.extracted("../corpus/pdf/scan/vimmerby-tjansteskrivelse-2013-191-riktlinjer-skolskjutsar.pdf")
        XCTAssertFalse(extracted.blocks.flatMap(\.lines).contains(where: \.isBold), "an OCR text layer carries no bold")
        let document = try OCRFixtures.ocr(extracted)
        let lines = document.blocks.flatMap(\.lines)
        for heading in ["Bakgrund", "Växelvis boende", "Trafikfarlig väg", "Skolval", "Beslutsunderlag"] {
            let line = try XCTUnwrap(lines.first { $0.text == heading }, heading)
            XCTAssertTrue(line.isBold, heading)
        }
        let body = lines.filter { $0.text.count >= 50 }
        XCTAssertGreaterThan(body.count, 10)
        XCTAssertLessThanOrEqual(body.filter(\.isBold).count, body.count / 20, "body lines read as bold")
        // The text itself is untouched.
        XCTAssertEqual(lines.map(\.text), extracted.blocks.flatMap(\.lines).map(\.text))

        let unmeasured = try OCRFixtures.ocr(extracted) { $0.measureWeight = false }
        XCTAssertEqual(unmeasured, extracted)
    }
}
