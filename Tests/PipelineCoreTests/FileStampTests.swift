import Foundation
import Logging
@testable import PipelineCore
import XCTest

/// A re-run trusts `stat` to say a file is the one hashed before; these
/// tests check that every kind of change still makes it read the file.
final class FileStampTests: XCTestCase {
    private func rewriteInPlace(_ url: URL, _ text: String) throws {
        // Past the file system's clock tick, so the new times differ from the old.
        Thread.sleep(forTimeInterval: 0.02)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.truncate(atOffset: UInt64(text.utf8.count))
        try handle.close()
    }

    func testStampReadsBackFromItsText() throws {
        let file = try temporaryFolder().appendingPathComponent("a.pdf")
        try Data("one".utf8).write(to: file)
        let stamp = try XCTUnwrap(FileStamp(path: file.path))
        XCTAssertEqual(stamp.size, 3)
        XCTAssertEqual(FileStamp(stamp.description), stamp)
        XCTAssertNil(FileStamp("3:4:5"))
        XCTAssertNil(FileStamp(path: file.path + ".missing"))
    }

    func testHashIsReusedOnlyWhileTheStampHolds() throws {
        let file = try temporaryFolder().appendingPathComponent("a.pdf")
        try Data("one".utf8).write(to: file)
        let first = try HashedFile.hash(fileAt: file, known: nil, settling: 0)
        XCTAssertFalse(first.reused)
        XCTAssertNotNil(first.file.stamp)
        XCTAssertEqual(first.file.sha256, ContentHash.sha256("one"))

        XCTAssertTrue(try HashedFile.hash(fileAt: file, known: first.file, settling: 0).reused)

        try rewriteInPlace(file, "two")  // same size, same inode
        let edited = try HashedFile.hash(fileAt: file, known: first.file, settling: 0)
        XCTAssertFalse(edited.reused)
        XCTAssertEqual(edited.file.sha256, ContentHash.sha256("two"))

        Thread.sleep(forTimeInterval: 0.02)
        var times = [timeval(tv_sec: 1_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000, tv_usec: 0)]
        XCTAssertEqual(utimes(file.path, &times), 0)
        let touched = try HashedFile.hash(fileAt: file, known: edited.file, settling: 0)
        XCTAssertFalse(touched.reused, "a changed time means reading the file again")
        XCTAssertEqual(touched.file.sha256, edited.file.sha256)
    }

    func testAFileJustWrittenGetsNoStamp() throws {
        let file = try temporaryFolder().appendingPathComponent("a.pdf")
        try Data("one".utf8).write(to: file)
        XCTAssertNil(try HashedFile.hash(fileAt: file, known: nil).file.stamp,
                     "a second write in the same clock tick could go unseen")
    }

    func testRerunNoticesEditedSourcesAndOutputsThroughTheirStamps() throws {
        runCounter.reset()
        let root = try temporaryFolder()
        let input = root.appendingPathComponent("in"), output = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (name, text) in ["a.pdf": "one", "b.pdf": "two", "c.pdf": "six"] {
            try Data(text.utf8).write(to: input.appendingPathComponent(name))
        }
        Thread.sleep(forTimeInterval: 2.1)  // settled: the first run keeps their stamps
        let batch = Batch(inputs: [input.path], outputFolder: output, pipeline: try PipelineDefinition.parse("""
            name: t
            version: 1
            stages:
              - id: read
              - id: case
              - id: write
            """, origin: "t.yaml"), jobs: 2)
        XCTAssertEqual(try batch.run(registry: testRegistry(), logger: Logger(label: "t")).converted, 3)
        XCTAssertEqual(Set(try Journal(outputFolder: output).sourceFiles().keys),
                       Set(["a", "b", "c"].map { input.appendingPathComponent("\($0).pdf").standardizedFileURL.path }))

        try rewriteInPlace(input.appendingPathComponent("a.pdf"), "ten")
        try rewriteInPlace(output.appendingPathComponent("b.txt"), "TWX")
        var times = [timeval(tv_sec: 1_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000, tv_usec: 0)]
        XCTAssertEqual(utimes(output.appendingPathComponent("c.txt").path, &times), 0)
        runCounter.reset()
        let rerun = try batch.run(registry: testRegistry(), logger: Logger(label: "t"))
        XCTAssertEqual(rerun.outcomes.map(\.status), [.converted, .converted, .upToDate],
                       "a: edited source; b: edited output; c: output only touched, content as written")
        XCTAssertEqual(runCounter.count("read"), 1)
        XCTAssertEqual(runCounter.count("write"), 2)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("a.txt"), encoding: .utf8), "TEN")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("b.txt"), encoding: .utf8), "TWO")
    }

    func testOutputRecordsWithoutStampsAreCheckedByContent() {
        let old = ArtifactStore.RecordedOutput(line: "abc12 sub dir/a b.xml")
        XCTAssertEqual(old, ArtifactStore.RecordedOutput(path: "sub dir/a b.xml", sha256: "abc12", stamp: nil))
        let new = ArtifactStore.RecordedOutput(path: "a b.xml", sha256: "abc12", stamp: FileStamp("1:2:3:4"))
        XCTAssertEqual(ArtifactStore.RecordedOutput(line: new.line), new)
        let unstamped = ArtifactStore.RecordedOutput(path: "x.xml", sha256: "abc12", stamp: nil)
        XCTAssertEqual(ArtifactStore.RecordedOutput(line: unstamped.line), unstamped)
    }
}
