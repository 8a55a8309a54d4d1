import DiariumCommands
import DocumentModel
import Evaluation
import Foundation
import Logging
import PipelineCore
import XCTest

/// The shipped council pipeline on the sample corpus, scored against the
/// samples' ground truth: what a user gets from `diarium convert samples`.
final class CouncilPipelineTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let names = ["utlatande-ks-2025-364", "tjansteutlatande-2017-54"]

    /// One conversion of the good samples, shared by the tests below.
    nonisolated(unsafe) static var converted: (output: URL, summary: Batch.Summary)?

    static func convert() throws -> (output: URL, summary: Batch.Summary) {
        if let converted { return converted }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-e2e-\(UUID().uuidString)")
        let pipeline = try PipelineDefinition.load(from: root.appendingPathComponent("Pipelines/council.yaml"))
        let summary = try Batch(inputs: [root.appendingPathComponent("samples").path], outputFolder: output, pipeline: pipeline, jobs: 2)
            .run(registry: Stages.registry, logger: Logger(label: "test"))
        converted = (output, summary)
        return (output, summary)
    }

    /// The document as the last stage before emit left it.
    static func document(_ folder: String, _ name: String) throws -> Document {
        let (output, _) = try convert()
        let stages = try PipelineDefinition.load(from: root.appendingPathComponent("Pipelines/council.yaml")).stages.map(\.id)
        return try XCTUnwrap(ArtifactStore(outputFolder: output).latest(stages: stages, document: "\(folder)/\(name)"))
    }

    func testGoodSamplesConvertAndEachBadOneFailsWithItsCause() throws {
        let (output, summary) = try Self.convert()
        XCTAssertEqual(summary.outcomes.count, 10)
        XCTAssertEqual(summary.converted, 5)
        XCTAssertEqual(summary.failures.map(\.name).sorted(), ["bad/empty", "bad/encrypted", "bad/garbage", "bad/not-a-pdf", "bad/truncated"])
        for failure in summary.failures {
            guard case .failed(let stage, let message) = failure.status else { continue }
            XCTAssertEqual(stage, "extract")
            XCTAssertFalse(message.isEmpty)
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(failure.name).txt").path))
        }
        for folder in ["born-digital", "scanned-eng"] {
            for name in Self.names {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(folder)/\(name).txt").path))
            }
        }
    }

    /// Issue 3's bar: heading F1 ≥ 0.97 and every metadata field right, on
    /// born-digital PDFs and on `tesseract -l eng` scans alike.
    func testHeadingsAndMetadataOfBornDigitalAndScannedSamples() throws {
        for folder in ["born-digital", "scanned-eng"] {
            for name in Self.names {
                try check(folder, name)
            }
        }
    }

    private func check(_ folder: String, _ name: String) throws {
        let truth = try Outline.load(Self.root.appendingPathComponent("samples/\(name).outline.json"))
        let document = try Self.document(folder, name)
        let score = SegmentationScore(document: document, truth: truth)
        XCTAssertGreaterThanOrEqual(score.f1, 0.97, "\(folder)/\(name): found \(score.foundHeadings), expected \(score.truthHeadings)")
        for field in score.wrongFields {
            XCTFail("\(folder)/\(name): \(field.name): expected \(field.expected), found \(field.found)")
        }
        XCTAssertEqual(Self.listItems(document.sections) + Self.listItems(in: document.preamble), truth.counts?.listItems,
                       "\(folder)/\(name): list items")
    }

    private static func listItems(_ sections: [Section]) -> Int {
        sections.reduce(0) { $0 + listItems(in: $1.blocks) + listItems($1.sections) }
    }

    private static func listItems(in blocks: [ContentBlock]) -> Int {
        blocks.reduce(0) { count, block in
            if case .list(let list) = block { count + list.items.count } else { count }
        }
    }

    /// The consulted bodies' subsections of the utlåtande, with what their
    /// decisions and reports say (read off samples/sources by hand).
    func testRemissinstanserWithDecisionsAndReports() throws {
        for folder in ["born-digital", "scanned-eng"] {
            let document = try Self.document(folder, "utlatande-ks-2025-364")
            let summary = try XCTUnwrap(document.sections.first { $0.kind == .remissammanstallning }, folder)
            let bodies = summary.sections.filter { $0.kind == .remissinstans }
            XCTAssertEqual(bodies.map(\.heading), ["Stadsledningskontoret", "Socialnämnden", "Bromma stadsdelsnämnd"], folder)
            let details = bodies.compactMap(\.consultation)
            XCTAssertEqual(details.map(\.decisionDate), [nil, "2025-08-26", "2025-06-05"], folder)
            XCTAssertEqual(details.map(\.reportDate), ["2025-09-05", "2025-08-13", "2025-05-15"], folder)
            XCTAssertEqual(details.map(\.decisionPoints.count), [0, 2, 1], folder)
            XCTAssertEqual(details[1].decisionPoints.last, "Ärendet justeras omedelbart.", folder)
            let reservation = document.metadata?.reservations.first { $0.body == "Socialnämnden" }
            XCTAssertEqual(reservation?.authors, [Person(name: "Kristin Jacobsson", party: "C", role: "reservant")], folder)
            XCTAssertEqual(document.metadata?.consultedBodies.count, 8, folder)
        }
    }
}
