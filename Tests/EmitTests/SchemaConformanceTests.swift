import DocumentModel
@testable import Emit
import Foundation
import XCTest

/// The emitted files against the shipped schemas, checked by the tools a
/// user would run: xmllint (libxml2) and Python's jsonschema.
final class SchemaConformanceTests: XCTestCase {
    func testFixtureXMLValidatesWithXmllint() throws {
        for document in [Fixtures.utlatande, Self.bare, Self.minutes] {
            let file = try Tool.temporaryFile(XMLRenderer.render(OutputDocument(document)), name: "d.xml")
            let result = try Tool.xmllint(file)
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    func testFixtureJSONValidatesWithPythonJSONSchema() throws {
        for document in [Fixtures.utlatande, Self.bare, Self.minutes] {
            let file = try Tool.temporaryFile(JSONRenderer.render(OutputDocument(document)), name: "d.json")
            let result = try Tool.pythonJSONSchema(file)
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    /// A protocol: letterhead metadata, the meeting with its people, and a
    /// numbered item with its Dnr, a vote and member votes.
    static var minutes: Document {
        var document = Document(source: SourceInfo(file: "protokoll.pdf", sha256: String(repeating: "cd", count: 32), byteCount: 900),
                                info: PDFInfo(pageCount: 2), pages: [], blocks: [])
        document.metadata = Metadata(
            documentType: .protokoll, title: "Kommunstyrelsen", date: "2024-03-21", organisation: "Umeå kommun",
            unit: "Kommunstyrelsen", label: "Sammanträdesprotokoll", designation: nil,
            letterhead: ["Umeå kommun", "Sammanträdesprotokoll", "2024-03-21"],
            meeting: Meeting(organ: "Kommunstyrelsen", date: "2024-03-21", time: "kl. 13.00–15.30", place: "Stadshuset",
                             decisionMakers: [Person(name: "Anna Andersson", party: "S", role: "ordförande"),
                                              Person(name: "Per Nilsson", party: "M")],
                             others: [Person(name: "Karin Lund", role: "kommunsekreterare")],
                             chair: "Anna Andersson", secretary: "Karin Lund", adjusters: ["Per Nilsson"],
                             adjustmentDate: "2024-03-25", adjustmentPlace: "Kommunkansliet"))
        let vote = VoteResult(yes: 8, no: 5, abstain: 0,
                              votes: [.init(name: "Anna Andersson", party: "S", vote: "ja"), .init(name: "Per Nilsson", party: "M", vote: "nej")])
        document.sections = [
            Section(kind: .paragraf, heading: "Budget 2025", headingOriginal: "KS § 31 Budget 2025", level: 1, firstPage: 2, lastPage: 2,
                    blocks: [Fixtures.paragraph("Dnr KS 2024/12", pages: [2])],
                    sections: [Section(kind: .omrostning, heading: "Omröstning", headingOriginal: "Omröstning", level: 2,
                                       firstPage: 2, lastPage: 2, blocks: [Fixtures.paragraph("Ja-röster: 8, Nej-röster: 5", pages: [2])],
                                       vote: vote)],
                    number: "KS § 31", dnr: "KS 2024/12"),
        ]
        return document
    }

    func testProtocolPartsAreWrittenAndTheSchemasCheckThem() throws {
        let output = OutputDocument(Self.minutes)
        let xml = try XMLRenderer.render(output)
        let text = String(decoding: xml, as: UTF8.self)
        XCTAssertTrue(text.contains(#"number="KS § 31""#) && text.contains(#"dnr="KS 2024/12""#), text)
        XCTAssertTrue(text.contains(#"<vote yes="8" no="5" abstain="0">"#), text)
        XCTAssertTrue(text.contains("<organ>Kommunstyrelsen</organ>") && text.contains("<adjuster>Per Nilsson</adjuster>"), text)
        let json = try JSONRenderer.render(output)
        let decoded = try JSONDecoder().decode(OutputDocument.self, from: json)
        XCTAssertEqual(decoded.metadata.meeting?.decisionMakers.map(\.party), ["S", "M"])
        XCTAssertEqual(decoded.sections.first?.sections.first?.vote?.votes.map(\.vote), ["ja", "nej"])
        XCTAssertEqual(PlainTextRenderer.render(Self.minutes).split(separator: "\n").first, "KS § 31 Budget 2025",
                       "the text output prints an item's number with its title")

        // A vote count that is not a count, and an unknown kind, are refused by both schemas.
        let badVote = String(decoding: json, as: UTF8.self).replacingOccurrences(of: #""yes" : 8"#, with: #""yes" : "many""#)
        XCTAssertNotEqual(try Tool.pythonJSONSchema(Tool.temporaryFile(Data(badVote.utf8), name: "bad.json")).status, 0)
        let badKind = text.replacingOccurrences(of: #"kind="omrostning""#, with: #"kind="vote""#)
        XCTAssertNotEqual(try Tool.xmllint(Tool.temporaryFile(Data(badKind.utf8), name: "bad.xml")).status, 0)
        let badCount = text.replacingOccurrences(of: #"yes="8""#, with: #"yes="-1""#)
        XCTAssertNotEqual(try Tool.xmllint(Tool.temporaryFile(Data(badCount.utf8), name: "bad.xml")).status, 0)
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
