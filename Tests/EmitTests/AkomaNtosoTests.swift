import ArgumentParser
@testable import DiariumCommands
import DocumentModel
@testable import Emit
import Foundation
import Logging
import PipelineCore
import XCTest

/// `--formats akn`: Akoma Ntoso 3.0 from the published model, valid against
/// the official OASIS schema as xmllint checks it offline.
final class AkomaNtosoTests: XCTestCase {
    static func akn(_ document: Document) throws -> String {
        String(decoding: try AkomaNtosoRenderer.render(OutputDocument(document)), as: UTF8.self)
    }

    /// What the schema makes hard: no metadata, no sections, a protocol without
    /// items, an empty list and table, a reservation nobody is named for.
    static var edges: [Document] {
        var bareProtocol = SchemaConformanceTests.bare
        bareProtocol.metadata = Metadata(documentType: .protokoll)
        var emptyProtocol = bareProtocol
        emptyProtocol.blocks = []
        var empty = Fixtures.utlatande
        empty.metadata = nil
        empty.preamble = []
        empty.sections[0].blocks = [.list(.init(ordered: false, items: [])), .table(.init(rows: [[]], pages: [1]))]
        empty.sections[2].reservation?.authors = []
        return [SchemaConformanceTests.bare, bareProtocol, emptyProtocol, empty, Fixtures.hostile]
    }

    func testFixturesValidateAgainstTheOfficialSchema() throws {
        var files: [URL] = []
        for (index, document) in ([Fixtures.utlatande, Fixtures.protokoll] + Self.edges).enumerated() {
            files.append(try Tool.temporaryFile(AkomaNtosoRenderer.render(OutputDocument(document)), name: "d\(index).akn.xml"))
        }
        let result = try Tool.xmllintAKN(files)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output.components(separatedBy: " validates").count - 1, files.count, result.output)
    }

    func testSnapshots() throws {
        try Fixtures.assertSnapshot(AkomaNtosoRenderer.render(OutputDocument(Fixtures.utlatande)), named: "utlatande.akn.xml")
        try Fixtures.assertSnapshot(AkomaNtosoRenderer.render(OutputDocument(Fixtures.protokoll)), named: "protokoll.akn.xml")
    }

    func testAnUtlatandeIsADocAndItsReservationADissentingOpinion() throws {
        let text = try Self.akn(Fixtures.utlatande)
        XCTAssertTrue(text.contains(#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">"#), text)
        XCTAssertTrue(text.contains(#"<doc name="utlatande">"#), text)
        XCTAssertTrue(text.contains(#"<hcontainer name="reservation" eId="sec-3">"#), text)
        XCTAssertTrue(text.contains(##"<p eId="sec-3-p1"><opinion type="dissenting" by="#pers-jonas-naddebo">Reservation av Jonas Naddebo (C) enligt följande.</opinion></p>"##), text)
        XCTAssertTrue(text.contains(#"<TLCPerson eId="pers-jonas-naddebo" href="/ontology/person/se/jonas-naddebo" showAs="Jonas Naddebo"/>"#), text)
        // The preface lists what the metadata records, with the claims.
        XCTAssertTrue(text.contains(##"<p><opinion type="dissenting" by="#pers-jonas-naddebo">Reservation av Jonas Naddebo (C) i Kommunstyrelsen: Att tillstyrka motionen</opinion></p>"##), text)
        // Other sections' text is nobody's opinion; a consulted body's section refers to the body.
        XCTAssertTrue(text.contains(#"<p eId="sec-1-p1">Kommunfullmäktige föreslås besluta följande.</p>"#), text)
        XCTAssertTrue(text.contains(##"<hcontainer name="remissinstans" eId="sec-2.1" refersTo="#org-socialnamnden">"##), text)
        XCTAssertTrue(text.contains(#"<TLCOrganization eId="org-socialnamnden" href="/ontology/organization/se/socialnamnden" showAs="Socialnämnden"/>"#), text)
        XCTAssertEqual(text.components(separatedBy: "<opinion ").count - 1, 2, "one in the preface, one for the reservation's paragraph")

        // `by` is one agent: with two reservants the second is in refersTo.
        var two = Fixtures.utlatande
        two.sections[2].reservation?.authors.append(Person(name: "Kristin Jacobsson", party: "C", role: "reservant"))
        XCTAssertTrue(try Self.akn(two).contains(##"<opinion type="dissenting" by="#pers-jonas-naddebo" refersTo="#pers-jonas-naddebo #pers-kristin-jacobsson">Reservation av"##))
        // Without a named author there is no agent, so no opinion: the text stays.
        var nobody = Fixtures.utlatande
        nobody.sections[2].reservation?.authors = []
        nobody.metadata?.reservations = []
        let plain = try Self.akn(nobody)
        XCTAssertFalse(plain.contains("<opinion"), plain)
        XCTAssertTrue(plain.contains(#"<p eId="sec-3-p1">Reservation av Jonas Naddebo (C) enligt följande.</p>"#), plain)
    }

    func testAProtocolIsADebateWithItsItems() throws {
        let text = try Self.akn(Fixtures.protokoll)
        XCTAssertTrue(text.contains(#"<debate name="protokoll">"#), text)
        XCTAssertTrue(text.contains("<debateBody>"), text)
        let items = text.components(separatedBy: "\n").filter { $0.contains(#"<debateSection name="paragraf""#) }
        XCTAssertEqual(items.map { $0.trimmingCharacters(in: .whitespaces) }, [
            #"<debateSection name="paragraf" eId="sec-1">"#, #"<debateSection name="paragraf" eId="sec-2">"#,
            #"<debateSection name="paragraf" eId="sec-3">"#,
        ])
        for number in ["§ 8", "KS § 31", "39 §"] { XCTAssertTrue(text.contains("<num>\(number)</num>"), number) }
        let tags = text.replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
        XCTAssertTrue(tags.contains("<num>KS § 31</num><heading>Budget 2025</heading><p eId=\"sec-2-p1\">Dnr KS 2024/12</p>"), tags)
        XCTAssertTrue(text.contains(#"<debateSection name="omrostning" eId="sec-2.3">"#), text)
        XCTAssertTrue(tags.contains("<th><p>Röst</p></th></tr><tr><td><p>Anna Andersson</p></td>"), tags)
        XCTAssertTrue(tags.contains("<td><p>M</p></td><td><p/></td></tr></table>"), "an empty cell keeps its place: \(tags)")
        XCTAssertTrue(text.contains(#"<item eId="sec-2.4-list1-i1">"#) && text.contains("<num>1.</num>"), text)
        // A debate has no preamble: the text before the first item opens the preface.
        let opening = try XCTUnwrap(text.range(of: #"<p eId="preamble-p1">Plats och tid"#))
        let prefaceEnd = try XCTUnwrap(text.range(of: "</preface>"))
        XCTAssertLessThan(opening.lowerBound, prefaceEnd.lowerBound)
        XCTAssertFalse(text.contains("<preamble>"))
        // The meeting's people are in the references.
        for person in ["Anna Andersson", "Per Nilsson", "Lena Berg", "Karin Lund", "Olof Ek"] {
            XCTAssertTrue(text.contains("showAs=\"\(person)\"/>"), person)
        }
    }

    func testFRBRIdentificationCarriesTheIDTypeDateAndAuthor() throws {
        let id = OutputDocument(Fixtures.utlatande).source.id
        var document = Fixtures.utlatande
        document.metadata?.organisation = "Stockholms stad"
        let text = try Self.akn(document)
        let work = "/akn/se/doc/utlatande/2025-10-22/\(id)"
        for expected in [
            ##"<identification source="#diarium">"##,
            "<FRBRthis value=\"\(work)/!main\"/>", "<FRBRuri value=\"\(work)\"/>",
            "<FRBRthis value=\"\(work)/swe@/!main\"/>", "<FRBRuri value=\"\(work)/swe@\"/>",
            "<FRBRthis value=\"\(work)/swe@/!main.xml\"/>", "<FRBRuri value=\"\(work)/swe@.akn\"/>",
            #"<FRBRalias value="KS 2025/364" name="dnr"/>"#, #"<FRBRalias value="2025:12" name="motion"/>"#,
            #"<FRBRcountry value="se"/>"#, #"<FRBRsubtype value="utlatande"/>"#, "<FRBRnumber value=\"\(id)\"/>",
            #"<FRBRname value="Motion om att ta Otto till Stockholm"/>"#, #"<FRBRlanguage language="swe"/>"#,
            ##"<FRBRauthor href="#org-stockholms-stad"/>"##, ##"<FRBRauthor href="#diarium"/>"##,
            #"<TLCOrganization eId="org-stockholms-stad" href="/ontology/organization/se/stockholms-stad" showAs="Stockholms stad"/>"#,
            #"<TLCOrganization eId="diarium" href="/ontology/organization/diarium" showAs="Diarium"/>"#,
            #"<p><docDate date="2025-10-22">2025-10-22</docDate></p>"#,
            ##"<p><docProponent refersTo="#pers-kristin-jacobsson" as="#role-motionar">Kristin Jacobsson (C)</docProponent></p>"##,
            #"<TLCRole eId="role-motionar" href="/ontology/role/se/motionar" showAs="motionär"/>"#,
        ] {
            XCTAssertTrue(text.contains(expected), expected)
        }
        XCTAssertEqual(text.components(separatedBy: #"<FRBRdate date="2025-10-22" name="document"/>"#).count - 1, 3)
        XCTAssertEqual(text.components(separatedBy: ##"<FRBRauthor href="#org-stockholms-stad"/>"##).count - 1, 2,
                       "the work and the expression are the organisation's, the manifestation Diarium's")

        // The protocol: its organisation, its designation (no Dnr), its type.
        let protocolText = try Self.akn(Fixtures.protokoll)
        XCTAssertTrue(protocolText.contains("/akn/se/debate/protokoll/2024-03-21/"), protocolText)
        XCTAssertTrue(protocolText.contains(##"<FRBRauthor href="#org-umea-kommun"/>"##), protocolText)
        XCTAssertTrue(protocolText.contains(#"<p><docNumber>Protokoll 3/2024</docNumber></p>"#), protocolText)

        // The work date falls back on the meeting's, the PDF's creation, and a named unknown.
        func frbrDate(_ document: Document) -> [String] {
            let date = AkomaNtosoRenderer.FRBRDate(OutputDocument(document))
            return [date.value, date.name]
        }
        var dated = Fixtures.protokoll
        dated.metadata?.date = nil
        XCTAssertEqual(frbrDate(dated), ["2024-03-21", "meeting"])
        dated.metadata?.meeting = nil
        XCTAssertEqual(frbrDate(dated), ["2024-03-22", "pdfCreation"])
        dated.info.creationDate = nil
        XCTAssertEqual(frbrDate(dated), ["0001-01-01", "unknown"])
        XCTAssertTrue(try Self.akn(dated).contains(#"<FRBRdate date="0001-01-01" name="unknown"/>"#))
    }

    func testAknIsWrittenOnlyWhenAskedAsAkn_xml() throws {
        XCTAssertFalse(EmitStage.Settings().formats.contains(.akn), "the default outputs stay as they were")
        var settings = EmitStage.Settings()
        settings.formats = [.akn, .json]
        let outputs = try EmitStage(settings: settings)
            .render(Fixtures.protokoll, context: StageContext(documentName: "x", logger: Logger(label: "test")))
        XCTAssertEqual(outputs.map(\.fileExtension), ["akn.xml", "json"])
        XCTAssertEqual(outputs.first?.data, try AkomaNtosoRenderer.render(OutputDocument(Fixtures.protokoll)))
        XCTAssertEqual(try ConvertCommand.formats("xml,AKN"), [.xml, .akn])
    }
}
