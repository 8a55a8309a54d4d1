import DocumentModel
@testable import Emit
import Foundation
import XCTest

/// The emitted files against the shipped schemas, checked by the tools a
/// user would run: xmllint (libxml2) and Python's jsonschema.
final class SchemaConformanceTests: XCTestCase {
    func testFixtureXMLValidatesWithXmllint() throws {
        for document in [Fixtures.utlatande, Self.bare] {
            let file = try Tool.temporaryFile(XMLRenderer.render(OutputDocument(document)), name: "d.xml")
            let result = try Tool.xmllint(file)
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    func testFixtureJSONValidatesWithPythonJSONSchema() throws {
        for document in [Fixtures.utlatande, Self.bare] {
            let file = try Tool.temporaryFile(JSONRenderer.render(OutputDocument(document)), name: "d.json")
            let result = try Tool.pythonJSONSchema(file)
            XCTAssertEqual(result.status, 0, result.output)
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
