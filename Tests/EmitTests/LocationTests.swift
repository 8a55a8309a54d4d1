import DocumentModel
@testable import Emit
import Foundation
import XCTest

/// Corrections and review flags name the published block they are in and
/// their range in its printed and repaired text (schema 1.4); the XML marks
/// each located correction where it stands.
final class LocationTests: XCTestCase {
    /// The text a location points at, in code points as the JSON counts them.
    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        String(String.UnicodeScalarView(Array(text.unicodeScalars)[start..<end]))
    }

    /// Every located correction and flag, checked against the published text: the
    /// printed text holds the word, the repaired text the correction.
    static func checkLocations(_ document: OutputDocument, file: StaticString = #filePath, line: UInt = #line) -> Int {
        var texts: [String: (original: String, text: String)] = [:]
        func add(_ blocks: [OutputBlock]) {
            for block in blocks {
                switch block {
                case .paragraph(let paragraph): texts[paragraph.id] = (paragraph.original, paragraph.text)
                case .list(let list): for item in list.items { texts[item.id] = (item.original, item.text) }
                case .table: break
                }
            }
        }
        func visit(_ section: OutputSection) {
            texts[section.id] = (section.headingOriginal, section.heading)
            add(section.blocks)
            section.sections.forEach(visit)
        }
        add(document.preamble)
        document.sections.forEach(visit)
        var located = 0
        let words = document.corrections.map { ($0.original, $0.corrected, $0.location) }
            + document.reviewFlags.map { ($0.word, $0.word, $0.location) }
        for (original, corrected, location) in words {
            guard let location else { continue }
            located += 1
            guard let block = texts[location.block] else {
                XCTFail("no block \(location.block)", file: file, line: line)
                continue
            }
            XCTAssertEqual(slice(block.original, location.originalStart, location.originalEnd), original, file: file, line: line)
            XCTAssertEqual(slice(block.text, location.textStart, location.textEnd), corrected, file: file, line: line)
        }
        return located
    }

    func testFixtureCorrectionsAreLocatedInParagraphAndHeading() throws {
        let published = OutputDocument(Fixtures.utlatande)
        XCTAssertEqual(published.corrections.map(\.location), [
            OutputTextLocation(block: "sec-1-p1", originalStart: 0, originalEnd: 17, textStart: 0, textEnd: 17),
            OutputTextLocation(block: "sec-1-p1", originalStart: 35, originalEnd: 43, textStart: 35, textEnd: 43),
            OutputTextLocation(block: "sec-1", originalStart: 0, originalEnd: 7, textStart: 0, textEnd: 7),
        ])
        XCTAssertNil(published.reviewFlags[0].location, "Jarva is in no published text of the fixture")
        XCTAssertEqual(Self.checkLocations(published), 3)

        let xml = String(decoding: try XMLRenderer.render(published), as: UTF8.self)
        XCTAssertTrue(xml.contains(##"<p eId="sec-1-p1" pages="1" original="Kommunfullmaktige foreslas besluta féljande."><corr orig="Kommunfullmaktige" confidence="0.9732" reason="ocr.diacritic">Kommunfullmäktige</corr> föreslås besluta <corr orig="féljande" confidence="0.9" reason="ocr.confusion">följande</corr>.</p>"##), xml)
        XCTAssertTrue(xml.contains(##"<heading original="Férslag till beslut"><corr orig="Férslag" confidence="0.95" reason="ocr.confusion">Förslag</corr> till beslut</heading>"##), xml)
        XCTAssertTrue(xml.contains(##"reason="ocr.diacritic" block="sec-1-p1" originalStart="0" originalEnd="17" textStart="0" textEnd="17">"##), xml)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONRenderer.render(published)) as? [String: Any])
        let flag = try XCTUnwrap((json["reviewFlags"] as? [[String: Any]])?.first)
        XCTAssertTrue(flag["location"] is NSNull, "an unlocated flag says so with null")
    }

    /// A correction that changes the length moves the ones after it in the
    /// repaired text; the same word twice gets two places; a list item is named by its id.
    func testShiftsRepeatsAndListItems() throws {
        let printed = "bada myndighets- utövning och bada"
        let repaired = "båda myndighetsutövning och båda"
        var document = SchemaConformanceTests.bare
        document.blocks = [Fixtures.extracted(repaired, printed), Fixtures.extracted("1. Motionen avslås.", "1. Motionen avslas.")]
        document.sections = [Section(kind: .beslut, heading: "Beslut", headingOriginal: "Beslut", level: 1, firstPage: 1, lastPage: 1,
                                     blocks: [.paragraph(.init(text: repaired, original: printed, pages: [1])),
                                              .list(.init(ordered: true, items: [.init(marker: "1.", text: "Motionen avslås.",
                                                                                       original: "Motionen avslas.")]))])]
        document.corrections = [
            Correction(page: 1, block: 0, offset: 30, original: "bada", corrected: "båda", confidence: 0.9, reason: "ocr.context"),
            Correction(page: 1, block: 0, offset: 5, original: "myndighets- utövning", corrected: "myndighetsutövning",
                       confidence: 1, reason: "hyphenation.join"),
            Correction(page: 1, block: 0, offset: 0, original: "bada", corrected: "båda", confidence: 0.9, reason: "ocr.context"),
            Correction(page: 1, block: 1, offset: 12, original: "avslas", corrected: "avslås", confidence: 0.9, reason: "ocr.diacritic"),
        ]
        document.reviewFlags = [ReviewFlag(page: 1, block: 0, offset: 26, word: "och", reason: "test")]
        let published = OutputDocument(document)
        XCTAssertEqual(published.corrections.map(\.location), [
            OutputTextLocation(block: "sec-1-p1", originalStart: 30, originalEnd: 34, textStart: 28, textEnd: 32),
            OutputTextLocation(block: "sec-1-p1", originalStart: 5, originalEnd: 25, textStart: 5, textEnd: 23),
            OutputTextLocation(block: "sec-1-p1", originalStart: 0, originalEnd: 4, textStart: 0, textEnd: 4),
            OutputTextLocation(block: "sec-1-list1-i1", originalStart: 9, originalEnd: 15, textStart: 9, textEnd: 15),
        ])
        XCTAssertEqual(published.reviewFlags.map(\.location),
                       [OutputTextLocation(block: "sec-1-p1", originalStart: 26, originalEnd: 29, textStart: 24, textEnd: 27)])
        XCTAssertEqual(Self.checkLocations(published), 5)
        let file = try Tool.temporaryFile(XMLRenderer.render(published), name: "d.xml")
        let lint = try Tool.xmllint(file)
        XCTAssertEqual(lint.status, 0, lint.output)
        let json = try Tool.temporaryFile(JSONRenderer.render(published), name: "d.json")
        let check = try Tool.pythonJSONSchema(json)
        XCTAssertEqual(check.status, 0, check.output)
    }
}
