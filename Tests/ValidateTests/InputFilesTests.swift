import Foundation
import Validate
import XCTest

final class InputFilesTests: XCTestCase {
    func testFoldersAreWalkedForXMLAndJSONSkippingTheCacheAndRunReports() throws {
        let folder = try Good.folder([
            "b/x.xml": Data(), "a.JSON": Data(), "a.txt": Data(), "report.json": Data("{\"pipeline\":\"council\"}".utf8),
            ".diarium/artifacts/a/segment.json": Data(), "sub/report.json": Data(),
        ])
        let files = try InputFile.collect([folder.path])
        XCTAssertEqual(files.map { String($0.displayPath.dropFirst(folder.path.count + 1)) }, ["a.JSON", "b/x.xml", "sub/report.json"])
        XCTAssertEqual(files.map(\.format), [.json, .xml, .json])
    }

    /// `a.akn.xml` is Akoma Ntoso, `a.xml` Diarium's XML, whichever way it is named.
    func testAkomaNtosoFilesAreToldByTheirDoubleExtension() throws {
        let folder = try Good.folder(["a.akn.xml": Data(), "a.xml": Data(), "b.AKN.XML": Data(), "c.akn": Data()])
        let files = try InputFile.collect([folder.path])
        XCTAssertEqual(files.map { String($0.displayPath.dropFirst(folder.path.count + 1)) }, ["a.akn.xml", "a.xml", "b.AKN.XML"])
        XCTAssertEqual(files.map(\.format), [.akn, .xml, .akn])
        XCTAssertEqual(try InputFile.collect([folder.appendingPathComponent("a.akn.xml").path]).map(\.format), [.akn])
        XCTAssertThrowsError(try InputFile.collect([folder.appendingPathComponent("c.akn").path]))
    }

    func testNamedFilesAreTakenAsTheyAreAndBadArgumentsAreErrors() throws {
        let folder = try Good.folder(["report.json": Data("{}".utf8), "notes.txt": Data(), "empty/.keep": Data()])
        XCTAssertEqual(try InputFile.collect([folder.appendingPathComponent("report.json").path]).count, 1)
        XCTAssertThrowsError(try InputFile.collect([folder.appendingPathComponent("notes.txt").path]))
        XCTAssertThrowsError(try InputFile.collect([folder.appendingPathComponent("missing.xml").path]))
        XCTAssertThrowsError(try InputFile.collect([folder.appendingPathComponent("empty").path]))
    }
}
