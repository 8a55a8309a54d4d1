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

private final class Gauge: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0

    func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
    func leave() { lock.withLock { current -= 1 } }
}
