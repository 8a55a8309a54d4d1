import DocumentModel
import Evaluation
import Extract
import Foundation
import PDFText
import XCTest

/// The extract stage on the born-digital samples, against their source texts.
final class BornDigitalTests: XCTestCase {
    func testBodyTextMatchesTheSourceWordForWord() throws {
        for name in Samples.bornDigital {
            let document = try Samples.extract("born-digital/\(name).pdf")
            let reference = WordTokenizer.words(try Samples.text("\(name).txt"))
            let extracted = WordTokenizer.words(document.blocks.map(\.text).joined(separator: "\n\n"))
            let alignment = WordAlignment(reference: reference, hypothesis: extracted)
            XCTAssertGreaterThan(reference.count, 1000, name)
            XCTAssertGreaterThanOrEqual(alignment.accuracy, 0.995, "\(name): \(alignment.errors) word errors of \(reference.count)")
            XCTAssertLessThanOrEqual(alignment.wordErrorRate, 0.005, name)
        }
    }

    func testRunningHeadersFootersAndPageNumbersStayOutOfTheBody() throws {
        for name in Samples.bornDigital {
            let document = try Samples.extract("born-digital/\(name).pdf")
            let body = document.blocks.map(\.text).joined(separator: "\n")
            let headers = try ["header-left", "header-right", "header-left-2", "header-right-2"].flatMap { try Samples.meta(name, $0) }
            XCTAssertFalse(headers.isEmpty, name)
            for page in document.pages {
                let furniture = page.furniture.map(\.text)
                XCTAssertEqual(page.label, "Sida \(page.number) (\(document.pages.count))", "\(name) page \(page.number)")
                for header in headers {
                    XCTAssertTrue(furniture.contains(header), "\(name) page \(page.number): header \(header) not set apart: \(furniture)")
                }
            }
            XCTAssertNil(body.firstMatch(of: /Sida \d+ \(\d+\)/), name)
            // Header words may occur in sentences (`Stockholms stad`), but never as a printed line of the body.
            let bodyLines = Set(document.blocks.flatMap(\.lines).map(\.text))
            for header in headers {
                XCTAssertFalse(bodyLines.contains(header), "\(name): header line \(header) leaked into the body")
            }
        }
    }

    func testHyphenatedLineEndsAreJoined() throws {
        struct Break: Decodable {
            var joined: String
            var kind: String
        }
        for name in Samples.bornDigital {
            let breaks = try JSONDecoder().decode([Break].self, from: Data(contentsOf: Samples.url("born-digital/\(name).hyphens.json")))
            XCTAssertGreaterThanOrEqual(breaks.count, 10, "\(name): the sample should exercise hyphenation")
            let document = try Samples.extract("born-digital/\(name).pdf")
            let words = Set(WordTokenizer.words(document.blocks.map(\.text).joined(separator: "\n\n")))
            for item in breaks {
                XCTAssertTrue(words.contains(item.joined), "\(name): \(item.joined) (\(item.kind) break) not rebuilt")
            }
            let joinedDecisions = document.blocks.flatMap(\.hyphenations).filter { $0.decision == .joined }
            XCTAssertGreaterThanOrEqual(joinedDecisions.count, breaks.filter { $0.kind == "soft" }.count, name)
        }
    }

    func testMetadataFontsAndPositions() throws {
        let document = try Samples.extract("born-digital/utlatande-ks-2025-364.pdf")
        XCTAssertEqual(document.info.pageCount, document.pages.count)
        XCTAssertEqual(document.info.title, try Samples.meta("utlatande-ks-2025-364", "pdf-title").first)
        XCTAssertNotNil(document.info.creationDate)
        XCTAssertTrue(document.pages.allSatisfy { $0.hasTextLayer && abs($0.width - 595.3) < 1 && abs($0.height - 841.9) < 1 })
        // Headings are set bold and larger than the body; the body is not.
        let heading = try XCTUnwrap(document.blocks.first { $0.text == "Förslag till beslut" })
        let paragraph = try XCTUnwrap(document.blocks.first { $0.text.hasPrefix("Kommunstyrelsen föreslår") })
        XCTAssertTrue(heading.bold)
        XCTAssertFalse(paragraph.bold)
        XCTAssertGreaterThan(heading.fontSize, paragraph.fontSize)
        XCTAssertLessThan(heading.lines[0].box.y, paragraph.lines[0].box.y, "top-left origin: the heading is above")
        XCTAssertTrue(heading.lines[0].font.contains("Bold"), heading.lines[0].font)
        XCTAssertFalse(paragraph.lines[0].font.isEmpty)
    }

    func testExtractionIsDeterministic() throws {
        let first = try Samples.extract("born-digital/tjansteutlatande-2017-54.pdf")
        let second = try Samples.extract("born-digital/tjansteutlatande-2017-54.pdf")
        XCTAssertEqual(first, second)
    }
}

/// A tagged PDF's structure tree gives its headings with their levels.
final class TaggedStructureTests: XCTestCase {
    func testChromiumTaggedHeadingsComeWithLevelsAndTheirLetters() throws {
        // Printed by headless Chromium from HTML: `<h2>` under `<h1>`, Swedish letters in the titles.
        let relative = "../corpus/pdf/html/hultsfred-ks-remissvar-upphandlingspolicy-2013.pdf"
        let document = try Samples.extract(relative)
        let tagged = document.info.taggedHeadings.map { "\($0.depth) \($0.title)" }
        XCTAssertEqual(Array(tagged.prefix(4)), ["1 Sammanfattning", "1 Bakgrund", "1 Synpunkter", "2 Lokala och mindre leverantörer"])
        XCTAssertEqual(tagged.last, "1 Övrigt")
    }

    func testUntaggedPDFsHaveNoTaggedHeadings() throws {
        let document = try Samples.extract("born-digital/tjansteutlatande-2017-54.pdf")
        XCTAssertEqual(document.info.taggedHeadings, [])
    }

    /// poppler-glib hands the structure's UTF-8 back read as PDFDocEncoding.
    func testDoublyDecodedStructureTextIsRestored() {
        XCTAssertEqual(PDFDocument.undoingDoubleDecoding("ÃŒvrigt"), "Övrigt")
        XCTAssertEqual(PDFDocument.undoingDoubleDecoding("MiljÃ¶mÃ¤ssiga krav \u{E2}\u{2022}\u{FB01} fÃ¶rslag"), "Miljömässiga krav – förslag")
        for right in ["Övrigt", "Miljömässiga krav – förslag", "Plain", "Ã"] {
            XCTAssertEqual(PDFDocument.undoingDoubleDecoding(right), right)
        }
    }
}
