import Foundation
import PipelineCore
import XCTest

final class InputAndConcurrencyTests: XCTestCase {
    func testFoldersAreWalkedCaseInsensitivelyAndNamesNeverCollide() throws {
        let root = try temporaryFolder()
        for path in ["x/a.pdf", "x/sub/b.PDF", "x/c.txt", "x/.hidden.pdf", "y/a.pdf"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("%PDF-".utf8).write(to: url)
        }
        let found = try InputScanner.scan([root.appendingPathComponent("x").path, root.appendingPathComponent("y").path])
        let names = found.map(\.name)
        XCTAssertEqual(names.count, 3)
        XCTAssertTrue(names.contains("sub/b"))
        XCTAssertEqual(Set(names).count, 3, "two a.pdf from different folders must get different names: \(names)")
        XCTAssertTrue(names.filter { $0.hasPrefix("a-") }.count == 2)
    }

    func testSourcesAreRecordedRelativeToAnAbsoluteInputNeverByTheMachinesPath() throws {
        let root = try temporaryFolder()
        let file = root.appendingPathComponent("in/2025/a.pdf")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("%PDF-".utf8).write(to: file)
        XCTAssertEqual(try InputScanner.scan([root.appendingPathComponent("in").path]).map(\.displayPath), ["2025/a.pdf"])
        XCTAssertEqual(try InputScanner.scan([file.path]).map(\.displayPath), ["a.pdf"])
    }

    func testLinksToPDFsAreConvertedAndLinksToFoldersAreNotWalked() throws {
        let root = try temporaryFolder()
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("store"), withIntermediateDirectories: true)
        try manager.createDirectory(at: root.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data("%PDF-".utf8).write(to: root.appendingPathComponent("store/real.pdf"))
        try manager.createSymbolicLink(at: root.appendingPathComponent("in/linked.pdf"), withDestinationURL: root.appendingPathComponent("store/real.pdf"))
        try manager.createSymbolicLink(at: root.appendingPathComponent("in/dangling.pdf"), withDestinationURL: root.appendingPathComponent("store/gone.pdf"))
        try manager.createSymbolicLink(at: root.appendingPathComponent("in/loop"), withDestinationURL: root.appendingPathComponent("in"))
        XCTAssertEqual(try InputScanner.scan([root.appendingPathComponent("in").path]).map(\.displayPath), ["linked.pdf"])
    }

    /// What a folder holds that is not a readable PDF is named with its cause,
    /// and the rest is still found: a dangling link, a loop of links, a pipe
    /// named like a PDF (its read would block), and a path that is not there.
    func testInputsThatCannotBeTakenAreReportedEachWithItsCause() throws {
        let root = try temporaryFolder()
        let manager = FileManager.default
        let folder = root.appendingPathComponent("in")
        try manager.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("%PDF-".utf8).write(to: folder.appendingPathComponent("sub/good.pdf"))
        try manager.createSymbolicLink(at: folder.appendingPathComponent("dangling.pdf"), withDestinationURL: root.appendingPathComponent("gone.pdf"))
        try manager.createSymbolicLink(at: folder.appendingPathComponent("one.pdf"), withDestinationURL: folder.appendingPathComponent("two.pdf"))
        try manager.createSymbolicLink(at: folder.appendingPathComponent("two.pdf"), withDestinationURL: folder.appendingPathComponent("one.pdf"))
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe.pdf").path, 0o644), 0)
        let missing = root.appendingPathComponent("missing.pdf").path

        let scanned = InputScanner.scanReportingProblems([folder.path, missing])
        XCTAssertEqual(scanned.inputs.map(\.displayPath), ["sub/good.pdf"])
        let causes = Dictionary(uniqueKeysWithValues: scanned.problems.map { ($0.displayPath, $0.cause) })
        XCTAssertEqual(Set(causes.keys), ["dangling.pdf", "one.pdf", "two.pdf", "pipe.pdf", missing])
        XCTAssertTrue(causes["dangling.pdf"]?.hasPrefix("a dangling symbolic link (to \(root.path)/gone.pdf") ?? false, "\(causes)")
        XCTAssertEqual(causes["one.pdf"], "a symbolic link loop (too many levels of links)")
        XCTAssertEqual(causes["pipe.pdf"], "not a regular file (a device, pipe or socket)")
        XCTAssertEqual(causes[missing], "no such file or folder")
    }

    /// A folder that cannot be listed is reported, not taken for empty
    /// (skipped as root, whom permissions do not stop).
    func testAnUnreadableFolderIsReported() throws {
        let root = try temporaryFolder()
        let locked = root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try Data("%PDF-".utf8).write(to: locked.appendingPathComponent("a.pdf"))
        chmod(locked.path, 0)
        defer { chmod(locked.path, 0o755) }
        if access(locked.path, R_OK) == 0 { throw XCTSkip("permissions do not stop this user's reads (root)") }
        let scanned = InputScanner.scanReportingProblems([root.path])
        XCTAssertEqual(scanned.problems.map(\.displayPath), ["locked"])
        XCTAssertTrue(scanned.problems.first?.cause.hasPrefix("cannot list the folder") ?? false)
        XCTAssertThrowsError(try InputScanner.scan([root.path]), "prune must not take its sources for gone")
    }

    func testASourceNamedLikeTheRunReportNeverOverwritesIt() throws {
        let root = try temporaryFolder()
        for path in ["report.pdf", "report-shard-1-of-2.pdf", "sub/report.pdf"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("%PDF-".utf8).write(to: url)
        }
        let names = try InputScanner.scan([root.path]).map(\.name)
        XCTAssertEqual(names.count, 3)
        XCTAssertTrue(names.contains("sub/report"), "only the top level holds the run's files: \(names)")
        XCTAssertFalse(names.contains("report"), "\(names)")
        XCTAssertFalse(names.contains("report-shard-1-of-2"), "\(names)")
        XCTAssertTrue(names.contains { $0.hasPrefix("report-") && !$0.hasPrefix("report-shard") }, "\(names)")
    }

    func testMissingInputIsNamed() {
        XCTAssertThrowsError(try InputScanner.scan(["/no/such/place.pdf"])) { error in
            XCTAssertTrue("\(error)".contains("/no/such/place.pdf"))
        }
    }

    func testBatchRunnerNeverExceedsJobsAndKeepsOrder() {
        let gauge = Gauge()
        let results = BatchRunner.run(Array(0..<40), jobs: 3) { item -> Int in
            gauge.enter()
            usleep(2000)
            gauge.leave()
            return item * 2
        }
        XCTAssertEqual(results, (0..<40).map { $0 * 2 })
        XCTAssertLessThanOrEqual(gauge.peak, 3)
        XCTAssertGreaterThanOrEqual(gauge.peak, 2, "work should overlap")
    }
}

extension InputAndConcurrencyTests {
    func testLargestItemsStartFirstAndResultsKeepTheirOrder() {
        let started = Started()
        let sizes = [3, 9, 1, 9, 5]
        let results = BatchRunner.run(Array(sizes.indices), jobs: 1, cost: { sizes[$0] }) { index -> Int in
            started.add(index)
            return sizes[index] * 10
        }
        XCTAssertEqual(started.order, [1, 3, 4, 0, 2], "largest first, ties in input order")
        XCTAssertEqual(results, [30, 90, 10, 90, 50])
    }

    func testTheFirstWorkerOutOfWorkIsHandedTheIdleTask() {
        let calls = Started()
        _ = BatchRunner.run([200_000, 1_000, 1_000], jobs: 2, whileOthersFinish: { calls.add(1) }) { micros -> Int in
            usleep(useconds_t(micros))
            return 0
        }
        XCTAssertEqual(calls.order, [1], "once, while the long item is still running")
        _ = BatchRunner.run([1_000, 1_000], jobs: 1, whileOthersFinish: { calls.add(2) }) { _ -> Int in 0 }
        XCTAssertEqual(calls.order, [1], "a single worker has no one to wait for")
    }
}

private final class Started: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var list: [Int] = []

    func add(_ index: Int) { lock.withLock { list.append(index) } }
    var order: [Int] { lock.withLock { list } }
}

private final class Gauge: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0

    func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
    func leave() { lock.withLock { current -= 1 } }
}
