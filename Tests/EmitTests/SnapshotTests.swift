import DocumentModel
@testable import Emit
import Foundation
import Installation
import Logging
import PipelineCore
import XCTest

/// The published formats of a small hand-built document, byte for byte.
/// After an intended change: DIARIUM_RECORD=1 swift test --filter EmitTests,
/// then review the diff of Tests/EmitTests/Snapshots/.
final class SnapshotTests: XCTestCase {
    func testXMLSnapshot() throws {
        try Fixtures.assertSnapshot(XMLRenderer.render(OutputDocument(Fixtures.utlatande)), named: "utlatande.xml")
    }

    func testJSONSnapshot() throws {
        try Fixtures.assertSnapshot(JSONRenderer.render(OutputDocument(Fixtures.utlatande)), named: "utlatande.json")
    }

    /// The id is the documented formula over the source's own fields, so a reader can
    /// recompute it; another path or other content gives another id.
    func testTheDocumentIDIsTheHashOfPathAndContent() throws {
        let source = OutputDocument(Fixtures.utlatande).source
        XCTAssertEqual(source.id, String(ContentHash.sha256("\(source.file)\u{0}\(source.sha256)").prefix(16)))
        XCTAssertEqual(source.id.count, 16)
        XCTAssertNotEqual(ContentHash.documentID(relativePath: "a/x.pdf", sourceSHA256: source.sha256),
                          ContentHash.documentID(relativePath: "b/x.pdf", sourceSHA256: source.sha256))
        XCTAssertNotEqual(ContentHash.documentID(relativePath: source.file, sourceSHA256: String(repeating: "0", count: 64)), source.id)
        let xml = String(decoding: try XMLRenderer.render(OutputDocument(Fixtures.utlatande)), as: UTF8.self)
        XCTAssertTrue(xml.contains("<source id=\"\(source.id)\""), xml)
    }

    /// `source` says which release wrote the output (the number `--version` prints, never its
    /// commit, which would change the bytes from build to build) and carries the PDF's Info
    /// producer, creator and creation date: null in JSON and no attribute in XML when absent.
    func testTheSourceCarriesTheVersionAndThePDFsInfo() throws {
        XCTAssertTrue(InstalledFiles.versionDescription.hasPrefix(InstalledFiles.version + " "))
        let protocolSource = OutputDocument(Fixtures.protokoll).source
        XCTAssertEqual(protocolSource.diariumVersion, InstalledFiles.version)
        XCTAssertEqual(protocolSource.producer, "Microsoft® Word för Microsoft 365")
        XCTAssertEqual(protocolSource.creator, "Microsoft® Word för Microsoft 365")
        XCTAssertEqual(protocolSource.creationDate, "2024-03-22T09:41:07Z")
        let protocolXML = String(decoding: try XMLRenderer.render(OutputDocument(Fixtures.protokoll)), as: UTF8.self)
        XCTAssertTrue(protocolXML.contains(" diariumVersion=\"\(InstalledFiles.version)\" producer=\"Microsoft® Word för Microsoft 365\" "
                                           + "creator=\"Microsoft® Word för Microsoft 365\" creationDate=\"2024-03-22T09:41:07Z\""), protocolXML)
        XCTAssertFalse(protocolXML.contains("commit"))

        // The utlåtande fixture's PDF has a title and nothing else.
        let xml = String(decoding: try XMLRenderer.render(OutputDocument(Fixtures.utlatande)), as: UTF8.self)
        let sourceTag = try XCTUnwrap(xml.components(separatedBy: "\n").first { $0.contains("<source ") })
        XCTAssertTrue(sourceTag.contains(" diariumVersion=\"\(InstalledFiles.version)\""), sourceTag)
        for absent in ["producer=", "creator=", "creationDate="] { XCTAssertFalse(sourceTag.contains(absent), sourceTag) }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONRenderer.render(OutputDocument(Fixtures.utlatande))) as? [String: Any])
        let source = try XCTUnwrap(json["source"] as? [String: Any])
        XCTAssertEqual(source["diariumVersion"] as? String, InstalledFiles.version)
        for absent in ["producer", "creator", "creationDate"] { XCTAssertTrue(source[absent] is NSNull, absent) }
    }

    func testTextSnapshot() throws {
        try Fixtures.assertSnapshot(Data(PlainTextRenderer.render(Fixtures.utlatande).utf8), named: "utlatande.txt")
    }

    func testProtocolSnapshots() throws {
        let published = OutputDocument(Fixtures.protokoll)
        try Fixtures.assertSnapshot(XMLRenderer.render(published), named: "protokoll.xml")
        try Fixtures.assertSnapshot(JSONRenderer.render(published), named: "protokoll.json")
        try Fixtures.assertSnapshot(Data(PlainTextRenderer.render(Fixtures.protokoll).utf8), named: "protokoll.txt")
    }

    func testSameDocumentGivesByteIdenticalFiles() throws {
        let stage = try EmitStage(settings: .init())
        let context = StageContext(documentName: "x", logger: Logger(label: "test"))
        let first = try stage.render(Fixtures.utlatande, context: context)
        // A round trip through the cache's encoding must not change a byte either.
        let cached = try JSONDecoder().decode(Document.self, from: JSONEncoder().encode(Fixtures.utlatande))
        let second = try stage.render(cached, context: context)
        XCTAssertEqual(first.map(\.fileExtension), ["xml", "json", "txt"])
        XCTAssertEqual(first, second)
    }

    func testFormatsFollowTheSettingsOnceEach() throws {
        var settings = EmitStage.Settings()
        settings.formats = [.json, .txt, .json]
        let outputs = try EmitStage(settings: settings)
            .render(Fixtures.utlatande, context: StageContext(documentName: "x", logger: Logger(label: "test")))
        XCTAssertEqual(outputs.map(\.fileExtension), ["json", "txt"])
        settings.formats = []
        XCTAssertThrowsError(try EmitStage(settings: settings))
    }

    func testJSONDecodesBackToTheSamePublishedModel() throws {
        for document in [Fixtures.utlatande, Fixtures.protokoll] {
            let published = OutputDocument(document)
            let decoded = try JSONDecoder().decode(OutputDocument.self, from: JSONRenderer.render(published))
            XCTAssertEqual(decoded, published)
        }
    }

    func testEveryKeyIsWrittenEvenWhenEmpty() throws {
        var document = Fixtures.utlatande
        document.metadata = nil
        document.quality = nil
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONRenderer.render(OutputDocument(document))) as? [String: Any])
        XCTAssertTrue(json["quality"] is NSNull)
        let metadata = try XCTUnwrap(json["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["documentType"] as? String, "other")
        XCTAssertTrue(metadata["title"] is NSNull)
        XCTAssertTrue(metadata["presenter"] is NSNull)
        XCTAssertEqual((metadata["dnr"] as? [Any])?.count, 0)
        XCTAssertTrue(metadata["meeting"] is NSNull)
        XCTAssertEqual((metadata["letterhead"] as? [Any])?.count, 0)
        let section = try XCTUnwrap((json["sections"] as? [[String: Any]])?.first)
        XCTAssertTrue(section["number"] is NSNull && section["dnr"] is NSNull && section["vote"] is NSNull)
        XCTAssertEqual(((json["source"] as? [String: Any])?["outline"] as? [Any])?.count, 0)

        let protocolJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONRenderer.render(OutputDocument(Fixtures.protokoll))) as? [String: Any])
        let meeting = try XCTUnwrap((protocolJSON["metadata"] as? [String: Any])?["meeting"] as? [String: Any])
        XCTAssertEqual(Set(meeting.keys), ["organ", "date", "time", "place", "decisionMakers", "others", "chair", "secretary",
                                           "adjusters", "adjustmentDate", "adjustmentPlace"])
        let outline = try XCTUnwrap((protocolJSON["source"] as? [String: Any])?["outline"] as? [[String: Any]])
        XCTAssertTrue(outline.last?["page"] is NSNull)
    }

    /// Depth and page are positive in both schemas: an outline that says
    /// otherwise is published within them instead of breaking them.
    func testOutlineDepthAndPageStayPositive() {
        var document = Fixtures.protokoll
        document.info.outline = [OutlineEntry(title: "A", depth: 0, page: 0), OutlineEntry(title: "B", depth: -2, page: -1)]
        document.metadata?.meeting?.date = "21 mars 2024"
        let published = OutputDocument(document)
        XCTAssertEqual(published.source.outline.map(\.depth), [1, 1])
        XCTAssertEqual(published.source.outline.map(\.page), [nil, nil])
        XCTAssertNil(published.metadata.meeting?.date)
        XCTAssertEqual(published.metadata.meeting?.adjustmentDate, "2024-03-25")
    }

    func testSectionAndBlockIdsFollowTheTree() {
        let published = OutputDocument(Fixtures.utlatande)
        XCTAssertEqual(published.sections.map(\.id), ["sec-1", "sec-2", "sec-3", "sec-4", "sec-5"])
        XCTAssertEqual(published.sections[1].sections.map(\.id), ["sec-2.1", "sec-2.2"])
        guard case .paragraph(let first) = published.sections[0].blocks[0],
              case .list(let list) = published.sections[0].blocks[1],
              case .paragraph(let preamble) = published.preamble[0] else {
            return XCTFail("unexpected blocks")
        }
        XCTAssertEqual([first.id, list.id, preamble.id], ["sec-1-p1", "sec-1-list1", "preamble-p1"])
    }

    func testFractionsAreRoundedAndBadDatesBecomeNull() {
        var document = Fixtures.utlatande
        document.metadata?.date = "2025-02-30"
        document.sections[1].sections[0].consultation?.reportDate = "13 augusti 2025"
        let published = OutputDocument(document)
        XCTAssertEqual(published.corrections[0].confidence, 0.9732)
        XCTAssertEqual(published.quality?.damage, 0.3123)
        XCTAssertNil(published.metadata.date)
        XCTAssertNil(published.sections[1].sections[0].consultation?.reportDate)
        XCTAssertEqual(published.sections[1].sections[0].consultation?.decisionDate, "2025-08-26")
        XCTAssertTrue(ISODate.isValid("2024-02-29"))
        XCTAssertFalse(ISODate.isValid("2025-02-29"))
        XCTAssertFalse(ISODate.isValid("2025-1-01"))
    }
}
