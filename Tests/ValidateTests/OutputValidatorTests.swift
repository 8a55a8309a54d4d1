import Foundation
@testable import Validate
import XCTest
import XMLSupport

final class OutputValidatorTests: XCTestCase {
    let validator = try! OutputValidator()

    func failures(_ data: Data, _ format: OutputFormat) -> [ValidationFailure] {
        validator.validate(data, format: format, name: "edited.\(format.rawValue)")
    }

    func testBundledSchemasAreThePublishedOnes() throws {
        for name in [SchemaLocation.xsdName, SchemaLocation.jsonSchemaName, SchemaLocation.aknSchemaName, "akoma-ntoso-NOTICE.md"]
            + SchemaLocation.aknImportNames {
            XCTAssertEqual(try SchemaLocation.bundled.data(name),
                           try Data(contentsOf: Good.root.appendingPathComponent("Schemas/\(name)")),
                           "Sources/Validate/Resources/\(name) must be a copy of Schemas/\(name)")
        }
    }

    func testGoodOutputIsValid() throws {
        XCTAssertEqual(failures(try Data(contentsOf: Good.xml), .xml), [])
        XCTAssertEqual(failures(try Data(contentsOf: Good.json), .json), [])
    }

    func testProtocolOutputIsValid() throws {
        XCTAssertEqual(failures(try Data(contentsOf: Good.protocolXML), .xml), [])
        XCTAssertEqual(failures(try Data(contentsOf: Good.protocolJSON), .json), [])
    }

    /// The 1.1 additions are typed, not just allowed: the meeting, item
    /// numbers, votes and the outline each reject a wrong value.
    func testProtocolXMLEditsThatBreakTheSchema() throws {
        func path(_ old: String, _ new: String) throws -> [String?] {
            failures(try Good.edited(Good.protocolXML, old, new), .xml).map { $0.path ?? "" }
        }
        XCTAssertEqual(try path(#"kind="paragraf""#, #"kind="item""#), ["/diarium/body/section[1]/@kind"])
        XCTAssertEqual(try path(#"yes="2""#, #"yes="two""#), ["/diarium/body/section[2]/section[3]/vote/@yes"])
        XCTAssertEqual(try path(#"abstain="1""#, #"abstain="-1""#), ["/diarium/body/section[2]/section[3]/vote/@abstain"])
        XCTAssertEqual(try path(#" vote="avstår""#, ""), ["/diarium/body/section[2]/section[3]/vote/memberVote[4]"])
        XCTAssertEqual(try path(#"<meeting date="2024-03-21""#, #"<meeting date="21 mars 2024""#), ["/diarium/meta/meeting/@date"])
        XCTAssertEqual(try path(#"depth="2""#, #"depth="0""#), ["/diarium/source/outline/entry[3]/@depth"])
        XCTAssertEqual(try path("<organ>Kommunstyrelsen</organ>", "<organ>Kommunstyrelsen</organ><chairman>x</chairman>").count, 1)
        // A decision maker's refersTo is checked like an author's.
        let reference = failures(try Good.edited(Good.protocolXML, #"decisionMaker refersTo="pers-lena-berg""#,
                                                 #"decisionMaker refersTo="pers-nobody""#), .xml)
        XCTAssertTrue(reference.contains { $0.message.contains("pers-nobody") }, "\(reference)")
    }

    /// The 1.2 tables: rows of th/td cells in XML, rows of typed cells in JSON.
    func testTableEditsThatBreakTheSchema() throws {
        XCTAssertTrue(failures(try Good.edited(Good.protocolXML, "<th>Ledamot</th>", "<cell>Ledamot</cell>"), .xml)
            .contains { $0.path?.hasSuffix("/table/tr[1]/cell") == true })
        XCTAssertFalse(failures(try Good.edited(Good.protocolXML, #"<table eId="sec-2.3-table1""#, "<table"), .xml).isEmpty,
                       "a table without its eId")
        XCTAssertFalse(failures(try Good.edited(Good.protocolJSON, #""header" : true"#, #""header" : "yes""#), .json).isEmpty)
        XCTAssertFalse(failures(try Good.edited(Good.protocolJSON, #""type" : "table""#, #""type" : "grid""#), .json).isEmpty)
        let json = try Data(contentsOf: Good.protocolJSON), xml = try Data(contentsOf: Good.protocolXML)
        XCTAssertTrue(failures(json, .json).isEmpty && failures(xml, .xml).isEmpty, "the snapshots with a table validate")
    }

    func testProtocolJSONEditsThatBreakTheSchema() throws {
        func failure(_ old: String, _ new: String) throws -> ValidationFailure? {
            failures(try Good.edited(Good.protocolJSON, old, new), .json).first
        }
        let kind = try failure(#""kind" : "paragraf""#, #""kind" : "item""#)
        XCTAssertEqual(kind?.path, "/sections/0/kind")
        XCTAssertEqual(kind?.rule.hasPrefix("enum at "), true)
        XCTAssertEqual(try failure(#""documentType" : "protokoll""#, #""documentType" : "minutes""#)?.path, "/metadata/documentType")
        XCTAssertEqual(try failure(#""depth" : 2"#, #""depth" : 0"#)?.path, "/source/outline/2/depth")
        // A vote and a meeting may be null, so a wrong value inside one fails
        // the oneOf at the object; the message names the member and the reason.
        let yes = try failure(#""yes" : 2"#, #""yes" : "2""#)
        XCTAssertEqual(yes?.path, "/sections/1/sections/2/vote")
        XCTAssertEqual(yes?.rule, "oneOf at #/$defs/section/properties/vote/oneOf")
        XCTAssertTrue(yes?.message.contains("/yes: ") == true, yes?.message ?? "")
        let no = try failure(#""no" : 1"#, #""no" : 1.5"#)
        XCTAssertTrue(no?.message.contains("/no: ") == true, no?.message ?? "")
        let date = try failure(#""adjustmentDate" : "2024-03-25""#, #""adjustmentDate" : "25 mars""#)
        XCTAssertEqual(date?.path, "/metadata/meeting")
        XCTAssertTrue(date?.message.contains("/adjustmentDate: ") == true, date?.message ?? "")
        let missing = try failure(#""secretary" : "Karin Lund","#, "")
        XCTAssertEqual(missing?.rule, "oneOf at #/$defs/metadata/properties/meeting/oneOf")
        XCTAssertTrue(missing?.message.contains("secretary") == true, missing?.message ?? "")
    }

    func testXMLEditsThatBreakTheSchemaAreNamedWithLineAndPath() throws {
        let level = failures(try Good.edited(Good.xml, #"level="2""#, #"level="0""#), .xml)
        XCTAssertEqual(level.count, 1)
        XCTAssertEqual(level.first?.file, "edited.xml")
        XCTAssertEqual(level.first?.rule, "xsd")
        XCTAssertEqual(level.first?.path, "/diarium/body/section[2]/section[1]/@level")
        XCTAssertEqual(level.first?.line, 45)
        XCTAssertTrue(level.first?.message.contains("xs:positiveInteger") == true, level.first?.message ?? "")

        let kind = failures(try Good.edited(Good.xml, #"kind="bilagor""#, #"kind="appendix""#), .xml)
        XCTAssertTrue(kind.first?.message.contains("[facet 'enumeration']") == true)
        XCTAssertEqual(kind.first?.path, "/diarium/body/section[5]/@kind")

        let heading = failures(try Good.edited(Good.xml, "<heading>Talita</heading>", ""), .xml)
        XCTAssertTrue(heading.first?.message.contains("Expected is ( {urn:diarium:1}heading )") == true,
                      heading.first?.message ?? "")

        // refersTo is an IDREF: a reference to nobody is caught.
        let reference = failures(try Good.edited(Good.xml, #"refersTo="org-talita">Talita"#, #"refersTo="org-nobody">Talita"#), .xml)
        XCTAssertTrue(reference.contains { $0.message.contains("org-nobody") }, "\(reference)")

        let duplicate = failures(try Good.edited(Good.xml, #"eId="sec-2""#, #"eId="sec-1""#), .xml)
        XCTAssertTrue(duplicate.contains { $0.message.contains("sec-1") }, "\(duplicate)")

        let date = failures(try Good.edited(Good.xml, "<date>2025-10-22</date>", "<date>22 oktober 2025</date>"), .xml)
        XCTAssertEqual(date.first?.path, "/diarium/meta/date")
    }

    func testJSONEditsThatBreakTheSchemaAreNamedWithPointerAndKeyword() throws {
        let level = failures(try Good.edited(Good.json, #""level" : 2"#, #""level" : 0"#), .json)
        XCTAssertEqual(level.count, 1)
        XCTAssertEqual(level.first?.path, "/sections/1/sections/0/level")
        XCTAssertEqual(level.first?.rule, "minimum at #/$defs/section/properties/level/minimum")

        let kind = failures(try Good.edited(Good.json, #""kind" : "bilagor""#, #""kind" : "appendix""#), .json)
        XCTAssertEqual(kind.first?.path, "/sections/4/kind")
        XCTAssertEqual(kind.first?.rule.hasPrefix("enum at "), true)

        let missing = failures(try Good.edited(Good.json, #""schemaVersion" : "1.5","#, ""), .json)
        XCTAssertEqual(missing.first?.path, "")
        XCTAssertEqual(missing.first?.rule, "required at #/required")

        let extra = failures(try Good.edited(Good.json, #""schemaVersion" : "1.5","#, #""schemaVersion" : "1.5", "color" : "red","#), .json)
        XCTAssertEqual(extra.first?.rule, "additionalProperties at #/additionalProperties")

        let type = failures(try Good.edited(Good.json, #""confidence" : 0.9732"#, #""confidence" : "high""#), .json)
        XCTAssertEqual(type.first?.path, "/corrections/0/confidence")
    }

    func testMalformedFilesAreReportedNotThrown() {
        let xml = failures(Data("<diarium xmlns=\"urn:diarium:1\">\n<source>".utf8), .xml)
        XCTAssertEqual(xml.first?.rule, "well-formed")
        XCTAssertEqual(xml.first?.line, 2)
        XCTAssertEqual(failures(Data(), .xml).first?.rule, "well-formed")
        let json = failures(Data("{\"a\": [1,}".utf8), .json)
        XCTAssertEqual(json.first?.rule, "well-formed")
        XCTAssertEqual(json.first?.line, 1)
        XCTAssertEqual(failures(Data(), .json).first?.rule, "well-formed")
    }

    func testNoDoctypeNoEntitiesNoOtherNamespace() throws {
        let secret = try Good.folder(["secret.txt": Data("top secret".utf8)]).appendingPathComponent("secret.txt")
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE diarium [<!ENTITY x SYSTEM "file://\(secret.path)">]>
        <diarium xmlns="urn:diarium:1" schemaVersion="1.0">&x;</diarium>
        """
        let failures = self.failures(Data(xxe.utf8), .xml)
        XCTAssertEqual(failures.map(\.rule), ["no-doctype"])
        XCTAssertFalse(failures.description.contains("top secret"))

        let other = self.failures(try Good.edited(Good.xml, "urn:diarium:1", "urn:other"), .xml)
        XCTAssertEqual(other.map(\.rule), ["namespace"])
    }

    /// libxml2's error handler is per thread: validations on several threads
    /// at once each report their own failures.
    func testConcurrentValidationsKeepTheirFailuresApart() throws {
        let bad = try Good.edited(Good.xml, #"kind="bilagor""#, #"kind="appendix""#)
        let good = try Data(contentsOf: Good.xml)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let validator = try! OutputValidator()
            var counts: [Int] = []
            for round in 0..<5 {
                let data = (index + round) % 2 == 0 ? bad : good
                counts.append(validator.validate(data, format: .xml, name: "x").count)
            }
            results.set(index, counts)
        }
        for index in 0..<8 {
            XCTAssertEqual(results.get(index), (0..<5).map { (index + $0) % 2 == 0 ? 1 : 0 }, "thread \(index)")
        }
    }

    func testAkomaNtosoOutputIsValidAgainstTheOfficialSchema() throws {
        XCTAssertEqual(failures(try Data(contentsOf: Good.akn), .akn), [])
        XCTAssertEqual(failures(try Data(contentsOf: Good.protocolAKN), .akn), [])
    }

    /// A broken Akoma Ntoso file is named with its line, the path to the
    /// element and libxml2's cause; a Diarium XML under the name is told by its namespace.
    func testAkomaNtosoEditsThatBreakTheSchemaAreNamedWithLineAndPath() throws {
        let country = failures(try Good.edited(Good.akn, #"<FRBRcountry value="se"/>"#, ""), .akn)
        XCTAssertEqual(country.count, 1, "\(country)")
        XCTAssertEqual(country.first?.file, "edited.akn")
        XCTAssertEqual(country.first?.rule, "xsd")
        XCTAssertEqual(country.first?.path, "/akomaNtoso/doc/meta/identification/FRBRWork/FRBRsubtype")
        XCTAssertTrue(country.first?.message.contains("FRBRcountry") == true, country.first?.message ?? "")
        XCTAssertNotNil(country.first?.line)

        let opinion = failures(try Good.edited(Good.akn, #"type="dissenting""#, #"type="against""#), .akn)
        XCTAssertTrue(opinion.first?.path?.hasSuffix("/opinion/@type") == true, "\(opinion)")
        XCTAssertTrue(opinion.first?.message.contains("[facet 'enumeration']") == true, "\(opinion)")

        let duplicate = failures(try Good.edited(Good.protocolAKN, #"eId="sec-2""#, #"eId="sec-1""#), .akn)
        XCTAssertTrue(duplicate.contains { $0.message.contains("sec-1") }, "\(duplicate)")

        let diarium = failures(try Data(contentsOf: Good.xml), .akn)
        XCTAssertEqual(diarium.map(\.rule), ["namespace"])
        XCTAssertTrue(diarium.first?.message.contains("akomantoso30.xsd") == true, "\(diarium)")
    }

    /// The Akoma Ntoso schema imports `./xml.xsd`: served from memory while it
    /// compiles, and nothing else. A schema importing a file that is not
    /// handed over fails, even when the file exists.
    func testSchemaImportsComeOnlyFromWhatIsHandedOver() throws {
        let other = Data(#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:o"><xs:attribute name="a"/></xs:schema>"#.utf8)
        let folder = try Good.folder(["other.xsd": other])
        let importing = Data("""
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:o" targetNamespace="urn:t">
          <xs:import namespace="urn:o" schemaLocation="\(folder.appendingPathComponent("other.xsd").path)"/>
          <xs:element name="t"><xs:complexType><xs:attribute ref="o:a"/></xs:complexType></xs:element>
        </xs:schema>
        """.utf8)
        XCTAssertThrowsError(try XMLSchema(data: importing, name: "t.xsd"))
        XCTAssertNoThrow(try XMLSchema(data: importing, name: "t.xsd", imports: ["other.xsd": other]))

        // Without the import it needs, the Akoma Ntoso schema fails each file with the cause; the other formats still validate.
        var files: [String: Data] = [:]
        for name in [SchemaLocation.xsdName, SchemaLocation.jsonSchemaName, SchemaLocation.aknSchemaName] {
            files[name] = try Data(contentsOf: Good.root.appendingPathComponent("Schemas/\(name)"))
        }
        let validator = try OutputValidator(schemas: .folder(try Good.folder(files)))
        let result = validator.validate(try Data(contentsOf: Good.akn), format: .akn, name: "a.akn.xml")
        XCTAssertEqual(result.map(\.rule), ["schema"])
        XCTAssertTrue(result.first?.message.contains("xml.xsd") == true, "\(result)")
        XCTAssertEqual(validator.validate(try Data(contentsOf: Good.xml), format: .xml, name: "a.xml"), [])
    }

    func testAttributePathFromLibxmlMessage() {
        XCTAssertEqual(OutputValidator.attributePath("/d/s", message: "Element '{urn:x}s', attribute 'level': bad"), "/d/s/@level")
        XCTAssertEqual(OutputValidator.attributePath("/d/s", message: "Element '{urn:x}s': Missing child"), "/d/s")
    }
}

/// Written from concurrentPerform's threads; the lock is what makes sharing it safe.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: [Int]] = [:]

    func set(_ index: Int, _ value: [Int]) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> [Int]? { lock.withLock { values[index] } }
}
