import ArgumentParser
@testable import DiariumCommands
import Emit
import Foundation
import Logging
import PipelineCore
import XCTest

/// The sample corpus through `diarium convert` with every format, then the
/// outputs through the tools a user would check them with.
final class SampleConversionTests: XCTestCase {
    static let samples = Fixtures.root.appendingPathComponent("samples")

    /// One conversion of the whole corpus, shared by the tests below.
    nonisolated(unsafe) static var converted: URL?

    static func convert(_ inputs: [String], to output: URL) throws {
        var command = try DiariumCommand.parseAsRoot(
            ["convert"] + inputs + ["-o", output.path, "--formats", "xml,json,txt,akn", "--jobs", "2", "-q",
                                    "--pipeline", Fixtures.root.appendingPathComponent("Pipelines/council.yaml").path])
        do {
            try command.run()
        } catch let exit as ExitCode where exit.rawValue == 1 {
            // samples/bad/ holds PDFs that must fail; each good one is checked below.
        }
    }

    static func corpus() throws -> URL {
        if let converted { return converted }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("emit-samples-\(UUID().uuidString)")
        try convert([samples.path], to: output)
        converted = output
        return output
    }

    /// Every good sample, as `folder/name` without extension.
    static func goodSamples() throws -> [String] {
        var names: [String] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted() where folder != "bad" {
            let url = samples.appendingPathComponent(folder)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            names += files.filter { $0.lowercased().hasSuffix(".pdf") }.sorted()
                .map { "\(folder)/\(($0 as NSString).deletingPathExtension)" }
        }
        return names
    }

    func testEverySampleGivesXMLJSONTextAndAkomaNtosoThatTheStandardToolsAccept() throws {
        let output = try Self.corpus()
        let names = try Self.goodSamples()
        XCTAssertGreaterThanOrEqual(names.count, 4)
        for name in names {
            for format in ["xml", "json", "txt", "akn.xml"] {
                let file = output.appendingPathComponent("\(name).\(format)")
                XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "missing \(name).\(format)")
            }
        }
        let xml = names.map { output.appendingPathComponent("\($0).xml").path }
        let lint = try Tool.run(["xmllint", "--noout", "--nonet", "--schema", Fixtures.xsd.path] + xml)
        XCTAssertEqual(lint.status, 0, lint.output)
        for name in names {
            let result = try Tool.pythonJSONSchema(output.appendingPathComponent("\(name).json"))
            XCTAssertEqual(result.status, 0, "\(name).json: \(result.output)")
        }
        let akn = try Tool.xmllintAKN(names.map { output.appendingPathComponent("\($0).akn.xml") })
        XCTAssertEqual(akn.status, 0, akn.output)
        XCTAssertEqual(akn.output.components(separatedBy: " validates").count - 1, names.count, akn.output)
        // diarium validate takes every format it wrote (a failure throws ExitCode 1).
        var validate = try DiariumCommand.parseAsRoot(["validate", "-q", output.path])
        XCTAssertNoThrow(try validate.run())
    }

    /// The utlåtande's reservation reaches the Akoma Ntoso as its reservant's dissenting opinion, born-digital and scanned.
    func testSampleReservationsBecomeDissentingOpinions() throws {
        let output = try Self.corpus()
        for folder in ["born-digital", "scanned-eng"] {
            let text = try String(contentsOf: output.appendingPathComponent("\(folder)/utlatande-ks-2025-364.akn.xml"), encoding: .utf8)
            XCTAssertTrue(text.contains(#"<doc name="utlatande">"#), folder)
            XCTAssertTrue(text.contains(##"<opinion type="dissenting" by="#pers-jonas-naddebo">"##), folder)
            XCTAssertTrue(text.contains(#"<FRBRdate date="2025-10-22" name="document"/>"#), folder)
        }
    }

    /// The scanned samples' corrections and flags (over a thousand) name their block, and the
    /// range there holds the printed word in `original` and the correction in `text`; nearly
    /// all are found (a word in the letterhead or page furniture is in no block).
    func testSampleCorrectionsAreLocatedInTheirBlocks() throws {
        let output = try Self.corpus()
        var corrections = 0, located = 0
        for name in try Self.goodSamples() where !name.hasPrefix("born-digital/") {
            let document = try JSONDecoder().decode(OutputDocument.self, from: Data(contentsOf: output.appendingPathComponent("\(name).json")))
            corrections += document.corrections.count + document.reviewFlags.count
            located += LocationTests.checkLocations(document)
            let xml = try String(contentsOf: output.appendingPathComponent("\(name).xml"), encoding: .utf8)
            XCTAssertEqual(xml.components(separatedBy: "<corr ").count - 1,
                           document.corrections.filter { $0.location.map { $0.textStart < $0.textEnd } ?? false }.count, name)
        }
        XCTAssertGreaterThan(corrections, 1000)
        XCTAssertGreaterThanOrEqual(Double(located), Double(corrections) * 0.99, "\(located) of \(corrections) located")
    }

    func testTextHasNoPageFurnitureAndHeadingsOnTheirOwnLines() throws {
        let output = try Self.corpus()
        let text = try String(contentsOf: output.appendingPathComponent("born-digital/utlatande-ks-2025-364.txt"), encoding: .utf8)
        XCTAssertFalse(text.contains("Sida 2 ("), "page numbers are furniture")
        XCTAssertTrue(text.contains("\n\nFörslag till beslut\n\n"), "a heading stands on its own line")
        XCTAssertFalse(text.contains("\n\n\n"))
    }

    func testTheSameInputGivesByteIdenticalFiles() throws {
        let first = try Self.corpus()
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("emit-again-\(UUID().uuidString)")
        // The same folder given again: outputs record sources relative to it.
        try Self.convert([Self.samples.path], to: second)
        for name in try Self.goodSamples() where name.hasPrefix("born-digital/") {
            for format in ["xml", "json", "txt", "akn.xml"] {
                let relative = "\(name).\(format)"
                XCTAssertEqual(try Data(contentsOf: first.appendingPathComponent(relative)),
                               try Data(contentsOf: second.appendingPathComponent(relative)), relative)
            }
        }
    }

    func testChangingTheFormatsReRunsOnlyEmitFromTheCache() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("emit-formats-\(UUID().uuidString)")
        let input = Self.samples.appendingPathComponent("born-digital").path
        try Self.convert([input], to: output)
        let pipeline = try PipelineDefinition.load(from: Fixtures.root.appendingPathComponent("Pipelines/council.yaml"))
            .overridingFormats([.json])
        let summary = try Batch(inputs: [input], outputFolder: output, pipeline: pipeline, jobs: 1)
            .run(registry: Stages.registry, logger: Logger(label: "test"))
        XCTAssertFalse(summary.outcomes.isEmpty)
        for outcome in summary.outcomes {
            XCTAssertEqual(Array(outcome.stageSeconds.keys), [EmitStage.id], outcome.name)
        }
    }

    func testUnknownFormatIsAUsageError() {
        XCTAssertThrowsError(try DiariumCommand.parseAsRoot(["convert", "x.pdf", "-o", "out", "--formats", "xml,pdf"])) { error in
            XCTAssertTrue(DiariumCommand.message(for: error).contains("unknown format 'pdf'"), DiariumCommand.message(for: error))
        }
    }
}
