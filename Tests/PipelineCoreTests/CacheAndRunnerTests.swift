import DocumentModel
import Foundation
import Logging
@testable import PipelineCore
import XCTest

final class CacheAndRunnerTests: XCTestCase {
    private func pipeline(upper: Bool = true, failOn: String = "") throws -> PipelineDefinition {
        try PipelineDefinition.parse("""
            name: t
            version: 1
            stages:
              - id: read
                settings: {failOn: "\(failOn)"}
              - id: case
                settings: {upper: \(upper)}
              - id: write
            """, origin: "t.yaml")
    }

    private func makeInputs(_ folder: URL, _ files: [String: String]) throws {
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func testSecondRunIsServedFromCacheAndSettingChangeRerunsFromThatStage() throws {
        runCounter.reset()
        let root = try temporaryFolder()
        let input = root.appendingPathComponent("in"), output = root.appendingPathComponent("out")
        try makeInputs(input, ["a.pdf": "alpha\nbeta", "sub/b.PDF": "gamma", "notes.txt": "ignored"])
        let logger = Logger(label: "test")

        let first = try Batch(inputs: [input.path], outputFolder: output, pipeline: pipeline(), jobs: 2)
            .run(registry: testRegistry(), logger: logger)
        XCTAssertEqual(first.converted, 2)
        XCTAssertEqual(runCounter.count("read"), 2)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("a.txt"), encoding: .utf8), "ALPHA\nBETA")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("sub/b.txt"), encoding: .utf8), "GAMMA")

        runCounter.reset()
        let second = try Batch(inputs: [input.path], outputFolder: output, pipeline: pipeline(), jobs: 2)
            .run(registry: testRegistry(), logger: logger)
        XCTAssertEqual(second.upToDate, 2)
        XCTAssertEqual(runCounter.count("read") + runCounter.count("case") + runCounter.count("write"), 0)

        runCounter.reset()
        let changed = try Batch(inputs: [input.path], outputFolder: output, pipeline: pipeline(upper: false), jobs: 1)
            .run(registry: testRegistry(), logger: logger)
        XCTAssertEqual(changed.converted, 2)
        XCTAssertEqual(runCounter.count("read"), 0, "the read stage's settings did not change: its artifact is reused")
        XCTAssertEqual(runCounter.count("case"), 2)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("a.txt"), encoding: .utf8), "alpha\nbeta")
    }

    func testEditedInputAndTamperedOutputAreRedone() throws {
        runCounter.reset()
        let root = try temporaryFolder()
        let input = root.appendingPathComponent("in"), output = root.appendingPathComponent("out")
        try makeInputs(input, ["a.pdf": "one", "b.pdf": "two"])
        let batch = Batch(inputs: [input.path], outputFolder: output, pipeline: try pipeline(), jobs: 1)
        _ = try batch.run(registry: testRegistry(), logger: Logger(label: "t"))

        try makeInputs(input, ["a.pdf": "three"])
        try "tampered".write(to: output.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        runCounter.reset()
        let summary = try batch.run(registry: testRegistry(), logger: Logger(label: "t"))
        XCTAssertEqual(summary.converted, 2)
        XCTAssertEqual(runCounter.count("read"), 1, "only the edited input is read again")
        XCTAssertEqual(runCounter.count("write"), 2)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("b.txt"), encoding: .utf8), "TWO")
    }

    func testStagesWarmUpOnlyWhenARunHasWorkForThem() throws {
        let root = try temporaryFolder()
        let input = root.appendingPathComponent("in"), output = root.appendingPathComponent("out")
        try makeInputs(input, ["a.pdf": "one", "b.pdf": "two"])
        let batch = Batch(inputs: [input.path], outputFolder: output, pipeline: try pipeline(), jobs: 2)
        func warmUps(after seconds: Double) -> Int {
            let deadline = Date().addingTimeInterval(seconds)
            while runCounter.count("case.warmUp") == 0, Date() < deadline { usleep(10_000) }
            return runCounter.count("case.warmUp")
        }
        runCounter.reset()
        _ = try batch.run(registry: testRegistry(), logger: Logger(label: "t"))
        XCTAssertEqual(warmUps(after: 2), 1, "a fresh output folder: once, however many documents")

        runCounter.reset()
        XCTAssertEqual(try batch.run(registry: testRegistry(), logger: Logger(label: "t")).upToDate, 2)
        XCTAssertEqual(warmUps(after: 0.2), 0, "nothing to do: nothing loaded")

        try makeInputs(input, ["b.pdf": "three"])
        runCounter.reset()
        _ = try batch.run(registry: testRegistry(), logger: Logger(label: "t"))
        XCTAssertEqual(warmUps(after: 2), 1, "one edited document brings the warm-up back")
    }

    func testCorruptArtifactIsNotTrusted() throws {
        let root = try temporaryFolder()
        let store = ArtifactStore(outputFolder: root)
        let document = Document(source: SourceInfo(file: "x", sha256: "s", byteCount: 1), info: PDFInfo(pageCount: 1),
                                pages: [], blocks: [])
        try store.save(document, stage: "read", name: "x", key: "k1")
        XCTAssertEqual(store.load(stage: "read", document: "x", key: "k1"), document)
        XCTAssertNil(store.load(stage: "read", document: "x", key: "k2"))
        var bytes = try Data(contentsOf: store.artifactFile("read", "x"))
        bytes[bytes.count - 2] ^= 0x01  // one flipped bit in the body, the header intact
        try bytes.write(to: store.artifactFile("read", "x"))
        XCTAssertNil(store.load(stage: "read", document: "x", key: "k1"), "content hash mismatch must be a miss")
        try Data("k1\n".utf8).write(to: store.artifactFile("read", "x"))
        XCTAssertNil(store.load(stage: "read", document: "x", key: "k1"), "a file without a whole header must be a miss")
    }

    func testOneFailingDocumentDoesNotStopTheBatch() throws {
        let root = try temporaryFolder()
        let input = root.appendingPathComponent("in")
        try makeInputs(input, ["a.pdf": "fine", "b.pdf": "poison", "c.pdf": "fine too"])
        let summary = try Batch(inputs: [input.path], outputFolder: root.appendingPathComponent("out"),
                                pipeline: pipeline(failOn: "poison"), jobs: 2)
            .run(registry: testRegistry(), logger: Logger(label: "t"))
        XCTAssertEqual(summary.converted, 2)
        XCTAssertEqual(summary.failures.map(\.name), ["b"])
        guard case .failed(let stage, let message) = summary.failures[0].status else { return XCTFail() }
        XCTAssertEqual(stage, "read")
        XCTAssertTrue(message.contains("refused"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/b.txt").path))
    }

    /// `--timeout` bounds the document, not each stage: a stage that cannot stop early
    /// (here one that takes longer than the whole limit) finishes, and no stage starts
    /// after the deadline; the failure is a timeout, not tried again on the same file.
    func testTheTimeoutBoundsTheWholeDocument() throws {
        let root = try temporaryFolder()
        let input = root.appendingPathComponent("in"), output = root.appendingPathComponent("out")
        try makeInputs(input, ["a.pdf": "alpha"])
        let slow = try PipelineDefinition.parse("""
            name: t
            version: 1
            stages:
              - id: read
              - id: case
                settings: {pause: 1.0}
              - id: write
            """, origin: "t.yaml")
        let summary = try Batch(inputs: [input.path], outputFolder: output, pipeline: slow, jobs: 1, timeout: 0.2)
            .run(registry: testRegistry(), logger: Logger(label: "t"))
        XCTAssertEqual(summary.failures.count, 1)
        guard case .failed(let stage, let message) = summary.failures.first?.status else { return XCTFail("the document should fail") }
        XCTAssertEqual(stage, "write")
        XCTAssertEqual(message, "timed out after 0.2 s (--timeout)")
        XCTAssertEqual(FailureCode(stage: stage, message: message), .timeout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("a.txt").path))

        // The same document with time enough converts, from the cached result of `case`.
        let roomy = try Batch(inputs: [input.path], outputFolder: output, pipeline: slow, jobs: 1, retryFailed: true, timeout: 60)
            .run(registry: testRegistry(), logger: Logger(label: "t"))
        XCTAssertEqual(roomy.converted, 1, "\(roomy.failures.map(\.status))")
    }

    func testAtomicWriteLeavesNoTemporaryFiles() throws {
        let root = try temporaryFolder()
        let target = root.appendingPathComponent("deep/er/file.txt")
        try AtomicFile.write(Data("one".utf8), to: target)
        try AtomicFile.write(Data("two".utf8), to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "two")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path), ["file.txt"])
    }
}
