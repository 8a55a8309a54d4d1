import ArgumentParser
import DiariumCommands
import Foundation
import Validate
import XCTest

/// `diarium validate` as users run it: exit status 0 on good output, 1 on
/// any invalid or malformed file.
final class ValidateCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> Int32 {
        var command = try DiariumCommand.parseAsRoot(["validate", "-q"] + arguments)
        do {
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        }
    }

    func testGoodOutputPasses() throws {
        let folder = try Good.folder(["a.xml": try Data(contentsOf: Good.xml), "a.json": try Data(contentsOf: Good.json)])
        XCTAssertEqual(try run([folder.path]), 0)
        XCTAssertEqual(try run([folder.path, "--schemas", Good.root.appendingPathComponent("Schemas").path]), 0)
    }

    func testProtocolOutputPassesAndABrokenVoteFails() throws {
        let xml = try Data(contentsOf: Good.protocolXML), json = try Data(contentsOf: Good.protocolJSON)
        XCTAssertEqual(try run([Good.folder(["p.xml": xml, "p.json": json]).path]), 0)
        let brokenJSON = try Good.edited(Good.protocolJSON, #""yes" : 2"#, #""yes" : "2""#)
        XCTAssertEqual(try run([Good.folder(["p.xml": xml, "p.json": brokenJSON]).path]), 1)
        let brokenXML = try Good.edited(Good.protocolXML, #"yes="2""#, #"yes="two""#)
        XCTAssertEqual(try run([Good.folder(["p.xml": brokenXML, "p.json": json]).path]), 1)
    }

    /// Akoma Ntoso files are found in folders and checked; a broken one fails the run and is named
    /// with its line, path and cause.
    func testAkomaNtosoFilesAreCheckedAndABrokenOneIsNamed() throws {
        let good = try Data(contentsOf: Good.akn), protocolAKN = try Data(contentsOf: Good.protocolAKN)
        XCTAssertEqual(try run([Good.folder(["a.akn.xml": good, "p.akn.xml": protocolAKN, "a.xml": Data(contentsOf: Good.xml)]).path]), 0)
        let broken = try Good.edited(Good.akn, #"<FRBRlanguage language="swe"/>"#, "")
        let folder = try Good.folder(["a.akn.xml": good, "sub/b.akn.xml": broken])
        XCTAssertEqual(try run([folder.path]), 1)
        let files = try InputFile.collect([folder.path])
        XCTAssertEqual(files.map(\.format), [.akn, .akn])
        let report = try OutputValidator().validate(files)
        XCTAssertEqual(report.invalidCount, 1)
        let failure = try XCTUnwrap(report.failures.first)
        XCTAssertTrue(failure.description.hasPrefix("\(folder.path)/sub/b.akn.xml:"), failure.description)
        XCTAssertTrue(failure.description.contains(": /akomaNtoso/doc/meta/identification/FRBRExpression: xsd: "), failure.description)
        XCTAssertTrue(failure.message.contains("FRBRlanguage"), failure.message)
    }

    func testAnyBrokenFileFailsTheRun() throws {
        let good = try Data(contentsOf: Good.json)
        for broken in [try Good.edited(Good.xml, #"level="1""#, #"level="one""#), Data("<diarium".utf8)] {
            let folder = try Good.folder(["a.json": good, "b.xml": broken])
            XCTAssertEqual(try run([folder.path]), 1)
        }
        let folder = try Good.folder(["a.json": Data("[".utf8)])
        XCTAssertEqual(try run([folder.appendingPathComponent("a.json").path]), 1)
    }

    /// A missing file is a problem found while running (status 2 from the command line, without the usage).
    func testBadArgumentsFailWithTheirCause() throws {
        XCTAssertThrowsError(try run(["/no/such/file.xml"])) { error in
            XCTAssertTrue("\(error)".contains("/no/such/file.xml"), "\(error)")
            XCTAssertNotEqual(DiariumCommand.exitCode(for: error), .success)
        }
        XCTAssertThrowsError(try run([Good.root.path + "/Package.swift"]))
        XCTAssertThrowsError(try run([Good.xml.path, "--schemas", "/no/such/folder"]))
    }
}
