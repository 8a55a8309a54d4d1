import Foundation
import Logging
import PipelineCore
import XCTest

/// The output folder as a shared, fallible resource: its run lock and its
/// check for writes before a run.
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

    /// Where `.diarium` cannot be made (a file holds its name) the run fails
    /// at once with the reason, and nothing is remembered against the documents.
    func testAnOutputFolderThatTakesNoCacheFailsTheRunNotTheDocuments() throws {
        let output = try temporaryFolder().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data().write(to: output.appendingPathComponent(".diarium"))
        XCTAssertThrowsError(try run(into: output)) { error in
            XCTAssertTrue("\(error)".contains("cannot create \(output.path)/.diarium"), "\(error)")
            XCTAssertTrue("\(error)".contains("a run needs an output folder it can write"), "\(error)")
        }
        try FileManager.default.removeItem(at: output.appendingPathComponent(".diarium"))
        XCTAssertEqual(try run(into: output).converted, 1, "a later run with a usable folder converts the document")
    }

    /// The write check itself: its file cannot be created here (a folder holds
    /// its name, which works as root too, where permissions do not stop writes).
    func testAFolderThatRefusesAFileFailsTheRun() throws {
        let output = try temporaryFolder().appendingPathComponent("out")
        let blocker = output.appendingPathComponent(".diarium/.write-check-\(getpid())")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
        XCTAssertThrowsError(try run(into: output)) { error in
            XCTAssertTrue("\(error)".contains("cannot write in \(output.path)/.diarium (Is a directory)"), "\(error)")
        }
        try FileManager.default.removeItem(at: blocker)
        XCTAssertEqual(try run(into: output).converted, 1)
    }

    /// A path that is not there or cannot be followed fails as a document with
    /// stage `scan`; the batch goes on with the rest and reports every input.
    func testInputsThatCannotBeScannedFailAsDocumentsAndTheBatchGoesOn() throws {
        let output = try temporaryFolder().appendingPathComponent("out")
        let input = output.deletingLastPathComponent().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("alpha".utf8).write(to: input.appendingPathComponent("a.pdf"))
        try FileManager.default.createSymbolicLink(at: input.appendingPathComponent("b.pdf"), withDestinationURL: input.appendingPathComponent("gone.pdf"))
        let missing = input.appendingPathComponent("missing.pdf").path
        let summary = try Batch(inputs: [input.path, missing], outputFolder: output, pipeline: pipeline(), jobs: 1)
            .run(registry: testRegistry(), logger: Logger(label: "test"))
        XCTAssertEqual(summary.converted, 1)
        XCTAssertEqual(summary.report.documents.total, 3)
        XCTAssertEqual(summary.report.failures.map(\.file), ["b.pdf", missing])
        XCTAssertEqual(Set(summary.report.failures.map(\.stage)), ["scan"])
        XCTAssertEqual(summary.report.failures.last?.message, "no such file or folder")
    }

    /// A disk that fills during a run (a 256 KiB tmpfs, where this user may
    /// mount one): the document fails with the folder's cause, is not
    /// remembered as failing, and converts once there is room.
    func testADiskThatFillsMidRunFailsTheDocumentWithoutMarkingIt() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        guard Self.shell("mount -t tmpfs -o size=256k diarium-test '\(output.path)'") == 0 else {
            throw XCTSkip("cannot mount a small tmpfs here")
        }
        defer { _ = Self.shell("umount '\(output.path)'") }
        let input = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let text = (0..<12_000).map { "line \($0) of a long document" }.joined(separator: "\n")
        try Data(text.utf8).write(to: input.appendingPathComponent("big.pdf"))
        func convert() throws -> Batch.Summary {
            try Batch(inputs: [input.path], outputFolder: output, pipeline: pipeline(), jobs: 1)
                .run(registry: testRegistry(), logger: Logger(label: "test"))
        }
        let full = try convert()
        guard case .failed(_, let message) = full.outcomes.first?.status else { return XCTFail("expected the write to fail") }
        XCTAssertTrue(message.hasPrefix("the output folder took no write"), message)
        XCTAssertTrue(message.contains("No space left on device"), message)
        XCTAssertEqual(Self.shell("mount -o remount,size=8m '\(output.path)'"), 0)
        XCTAssertEqual(try convert().converted, 1, "tried again, and converted, once there is room")
    }

    private static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>/dev/null"]
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A read-only folder (chmod 0555); skipped as root, whom permissions do not stop.
    func testAReadOnlyOutputFolderFailsTheRun() throws {
        let output = try temporaryFolder().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        chmod(output.path, 0o555)
        defer { chmod(output.path, 0o755) }
        if access(output.path, W_OK) == 0 { throw XCTSkip("permissions do not stop this user's writes (root)") }
        XCTAssertThrowsError(try run(into: output)) { error in
            XCTAssertTrue("\(error)".contains("Permission denied"), "\(error)")
        }
    }
}
