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
        let artifacts = output.appendingPathComponent(".diarium/artifacts/\(folder)/\(name)")
        let stage = try PipelineDefinition.load(from: root.appendingPathComponent("Pipelines/council.yaml")).stages
            .map(\.id).last { FileManager.default.fileExists(atPath: artifacts.appendingPathComponent("\($0).json").path) }
        let data = try Data(contentsOf: artifacts.appendingPathComponent("\(try XCTUnwrap(stage)).json"))
        return try JSONDecoder().decode(Document.self, from: data)
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

    func testHeadingsAndMetadataOfBornDigitalSamples() throws {
        for name in Self.names {
            let truth = try Outline.load(Self.root.appendingPathComponent("samples/\(name).outline.json"))
            let score = SegmentationScore(document: try Self.document("born-digital", name), truth: truth)
            XCTAssertGreaterThanOrEqual(score.f1, 0.97, "\(name): found \(score.foundHeadings), expected \(score.truthHeadings)")
            XCTAssertEqual(score.foundHeadings, score.truthHeadings, name)
            for field in score.wrongFields {
                XCTFail("\(name): \(field.name): expected \(field.expected), found \(field.found)")
            }
        }
    }
}
