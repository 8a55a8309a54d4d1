import Dispatch
import Foundation
import Spelling
import XCTest

/// The batch's workers share one Hunspell handle: it must answer as a
/// handle used alone does, and open once however many ask at the start.
final class SharedHunspellTests: XCTestCase {
    private static let words = ["kommunfullmäktige", "stadsledningskontoret", "borgarrådsberedningen", "foreslar",
                         "förslag", "remissinstanserna", "xqzvy", "nämnderna", "utlatandet", "äldreomsorgsnämnden"]

    func testConcurrentCallersGetTheVerdictsOfASingleThread() throws {
        let alone = try Hunspell(language: "sv_SE")
        let words = Self.words
        let expected = words.map { alone.spell($0) }
        XCTAssertTrue(expected[4], "förslag is Swedish")
        XCTAssertFalse(expected[6], "xqzvy is no word")

        let shared = try Hunspell(language: "sv_SE")
        let answers = Answers()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20 {
                answers.add(words.map { shared.spell($0) })
                _ = shared.stems("nämnderna")
            }
        }
        XCTAssertEqual(answers.all.count, 160)
        for answer in answers.all { XCTAssertEqual(answer, expected) }
    }

    func testLookupsCountOnlyUncachedVerdicts() throws {
        let hunspell = try Hunspell(language: "sv_SE")
        var lookups = 0
        _ = hunspell.spell("remissinstanserna", lookups: &lookups)
        _ = hunspell.spell("remissinstanserna", lookups: &lookups)
        _ = hunspell.spell("nämnderna", lookups: &lookups)
        XCTAssertEqual(lookups, 2)
    }

    func testOpensOnceForCallersArrivingTogether() throws {
        let opens = Answers()
        let shared = SharedHunspell {
            opens.add([true])
            return try Hunspell(language: "sv_SE")
        }
        let handles = HandleList()
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            if index == 0 { shared.prewarm() }
            if let handle = try? shared.handle() { handles.add(handle) }
        }
        XCTAssertEqual(opens.all.count, 1)
        XCTAssertEqual(handles.all.count, 4)
        XCTAssertTrue(handles.all.allSatisfy { $0 === handles.all[0] })
    }

    func testAFailureToOpenReachesEveryCaller() {
        let shared = SharedHunspell { try Hunspell(language: "xx_NOWHERE") }
        shared.prewarm()
        XCTAssertThrowsError(try shared.handle()) { error in
            XCTAssertTrue("\(error)".contains("xx_NOWHERE"), "\(error)")
        }
    }
}

private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [[Bool]] = []
    func add(_ answer: [Bool]) { lock.withLock { list.append(answer) } }
    var all: [[Bool]] { lock.withLock { list } }
}

private final class HandleList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Hunspell] = []
    func add(_ handle: Hunspell) { lock.withLock { list.append(handle) } }
    var all: [Hunspell] { lock.withLock { list } }
}
