import DocumentModel
@testable import Emit
import Foundation
import XCTest

/// The emitted files against the shipped schemas, checked by the tools a
/// user would run: xmllint (libxml2) and Python's jsonschema.
final class SchemaConformanceTests: XCTestCase {
    func testFixtureXMLValidatesWithXmllint() throws {
        for document in [Fixtures.utlatande, Self.bare, Fixtures.protokoll] {
            let file = try Tool.temporaryFile(XMLRenderer.render(OutputDocument(document)), name: "d.xml")
            let result = try Tool.xmllint(file)
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    func testFixtureJSONValidatesWithPythonJSONSchema() throws {
        for document in [Fixtures.utlatande, Self.bare, Fixtures.protokoll] {
            let file = try Tool.temporaryFile(JSONRenderer.render(OutputDocument(document)), name: "d.json")
            let result = try Tool.pythonJSONSchema(file)
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    func testProtocolPartsAreWrittenAndTheSchemasCheckThem() throws {
        let output = OutputDocument(Fixtures.protokoll)
        let xml = try XMLRenderer.render(output)
        let text = String(decoding: xml, as: UTF8.self)
        XCTAssertTrue(text.contains(#"number="KS § 31" dnr="KS 2024/12""#) && text.contains(#"number="39 §""#), text)
        XCTAssertTrue(text.contains(#"<vote yes="2" no="1" abstain="1">"#), text)
        XCTAssertTrue(text.contains(#"<memberVote name="Olof Ek" vote="avstår"/>"#), text)
        XCTAssertTrue(text.contains("<organ>Kommunstyrelsen</organ>") && text.contains("<adjuster>Per Nilsson</adjuster>"), text)
        XCTAssertTrue(text.contains("<line>Sammanträdesdatum 2024-03-21</line>"), text)
        XCTAssertTrue(text.contains(#"<entry depth="2" page="2">Omröstning</entry>"#), text)
        XCTAssertTrue(text.contains(#"<entry depth="1">Underskrifter</entry>"#), text)
        let json = try JSONRenderer.render(output)
        let decoded = try JSONDecoder().decode(OutputDocument.self, from: json)
        XCTAssertEqual(decoded.metadata.meeting?.decisionMakers.map(\.party), ["S", "M", "V"])
        XCTAssertEqual(decoded.sections[1].sections[2].vote?.votes.map(\.vote), ["ja", "ja", "nej", "avstår"])
        XCTAssertEqual(decoded.source.outline.map(\.depth), [1, 1, 2, 1, 1])
        let lines = PlainTextRenderer.render(Fixtures.protokoll).split(separator: "\n")
        for heading in ["§ 8 Val av justerare", "KS § 31 Budget 2025", "39 § Anmälan av delegationsbeslut"] {
            XCTAssertTrue(lines.contains(Substring(heading)), "the text output prints an item's number with its title: \(heading)")
        }
        XCTAssertFalse(lines.contains("Sammanträdesdatum 2024-03-21"), "the letterhead is not body text")

        // Values the schemas refuse: a count that is not a non-negative
        // integer, an unknown kind, a bookmark at depth 0.
        let jsonText = String(decoding: json, as: UTF8.self)
        for (old, new) in [(#""yes" : 2"#, #""yes" : "many""#), (#""no" : 1"#, #""no" : 1.5"#),
                           (#""kind" : "omrostning""#, #""kind" : "vote""#), (#""depth" : 2"#, #""depth" : 0"#)] {
            XCTAssertTrue(jsonText.contains(old), old)
            let bad = jsonText.replacingOccurrences(of: old, with: new)
            XCTAssertNotEqual(try Tool.pythonJSONSchema(Tool.temporaryFile(Data(bad.utf8), name: "bad.json")).status, 0, new)
        }
        for (old, new) in [(#"kind="omrostning""#, #"kind="vote""#), (#"yes="2""#, #"yes="-1""#),
                           (#"no="1""#, #"no="one""#), (#"depth="2""#, #"depth="0""#)] {
            XCTAssertTrue(text.contains(old), old)
            let bad = text.replacingOccurrences(of: old, with: new)
            XCTAssertNotEqual(try Tool.xmllint(Tool.temporaryFile(Data(bad.utf8), name: "bad.xml")).status, 0, new)
        }
    }

    /// The schemas spell out the model's enumerations; a new section kind or
    /// document type must reach them (and raise the schema's minor version).
    func testSchemasListEveryKindAndDocumentType() throws {
        let xsd = try String(contentsOf: Fixtures.xsd, encoding: .utf8)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.jsonSchema)) as? [String: Any])
        let defs = try XCTUnwrap(json["$defs"] as? [String: Any])
        let sectionKinds = ((defs["section"] as? [String: Any])?["properties"] as? [String: Any])?["kind"] as? [String: Any]
        let documentTypes = ((defs["metadata"] as? [String: Any])?["properties"] as? [String: Any])?["documentType"] as? [String: Any]
        XCTAssertEqual(sectionKinds?["enum"] as? [String], SectionKind.allCases.map(\.rawValue))
        XCTAssertEqual(documentTypes?["enum"] as? [String], DocumentType.allCases.map(\.rawValue))
        for value in SectionKind.allCases.map(\.rawValue) + DocumentType.allCases.map(\.rawValue) {
            XCTAssertTrue(xsd.contains("<xs:enumeration value=\"\(value)\"/>"), value)
        }
        XCTAssertTrue(xsd.contains("targetNamespace=\"\(PublishedFormat.xmlNamespace)\""))
        XCTAssertEqual(json["$id"] as? String, PublishedFormat.jsonSchemaID)
    }

    /// Only the extract stage ran: no metadata, sections, repair or quality.
    static var bare: Document {
        let line = TextLine(page: 1, text: "Hej", box: Box(x: 0, y: 0, width: 10, height: 10), spans: [])
        return Document(source: SourceInfo(file: "a.pdf", sha256: String(repeating: "0", count: 64), byteCount: 1),
                        info: PDFInfo(pageCount: 1), pages: [],
                        blocks: [TextBlock(lines: [line], text: "Hej", hyphenations: [], fontSize: 10, bold: false)])
    }
}
