import Foundation
import Logging
import PipelineCore
import XCTest

/// The output folder as a shared resource: its run lock.
final class OutputFolderTests: XCTestCase {
    private func pipeline() throws -> PipelineDefinition {
        try PipelineDefinition.parse("""
            name: t
            version: 1
            stages:
              - id: read
              - id: write
            """, origin: "t.yaml")
    }

    private func run(into output: URL) throws -> Batch.Summary {
        let input = output.deletingLastPathComponent().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("alpha".utf8).write(to: input.appendingPathComponent("a.pdf"))
        return try Batch(inputs: [input.path], outputFolder: output, pipeline: pipeline(), jobs: 1)
            .run(registry: testRegistry(), logger: Logger(label: "test"))
    }

    /// flock locks held through separate opens exclude each other even in one
    /// process, so the rules can be tried here: one unsharded run alone, shards
    /// side by side, never the same shard twice or shards beside an unsharded run.
    func testTheRunLockLetsShardsShareAndRefusesEverythingElse() throws {
        let output = try temporaryFolder()
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".diarium"), withIntermediateDirectories: true)
        func refused(_ shard: Shard?) -> Bool {
            do { _ = try RunLock(outputFolder: output, shard: shard) } catch let error as PipelineError {
                XCTAssertEqual(error.description, "another diarium convert is using \(output.path); wait for it or use another -o")
                return true
            } catch { XCTFail("\(error)") }
            return false
        }
        let whole = try RunLock(outputFolder: output, shard: nil)
        XCTAssertTrue(refused(nil))
        XCTAssertTrue(refused(Shard("1/2")))
        whole.release()

        let first = try RunLock(outputFolder: output, shard: Shard("1/2"))
        let second = try RunLock(outputFolder: output, shard: Shard("2/2"))
        XCTAssertTrue(refused(Shard("1/2")), "the same shard twice")
        XCTAssertTrue(refused(nil), "an unsharded run beside shards")
        first.release()
        second.release()
        XCTAssertFalse(refused(nil), "free again once released")
    }

    /// A batch into a folder another run holds fails as a whole, converting nothing.
    func testABatchIntoALockedFolderFailsBeforeConvertingAnything() throws {
        let output = try temporaryFolder().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".diarium"), withIntermediateDirectories: true)
        let held = try RunLock(outputFolder: output, shard: nil)
        XCTAssertThrowsError(try run(into: output)) { error in
            XCTAssertEqual(error as? PipelineError, .outputInUse(output.path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("a.txt").path))
        held.release()
        XCTAssertEqual(try run(into: output).converted, 1)
    }
}
