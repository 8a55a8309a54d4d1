import Foundation
import PipelineCore
import XCTest

/// Set by the signal handler; only read after the signal was delivered.
nonisolated(unsafe) private var interruptions = 0

final class DescriptorReadingTests: XCTestCase {
    /// A signal whose handler is installed without SA_RESTART makes a blocked
    /// read(2) fail with EINTR; the reader must carry on and return every byte.
    func testAReadInterruptedByASignalIsRetriedAndLosesNothing() throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptions += 1 }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        var previous = sigaction()
        XCTAssertEqual(sigaction(SIGUSR2, &action, &previous), 0)
        defer { sigaction(SIGUSR2, &previous, nil) }

        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        let reading = ReaderState()
        let descriptor = ends[0]
        Thread {
            reading.thread = pthread_self()
            reading.started.signal()
            reading.result = Result { try DescriptorReading.readToEnd(descriptor, what: "the pipe") }
            reading.finished.signal()
        }.start()
        XCTAssertEqual(reading.started.wait(timeout: .now() + 5), .success)
        // Let the reader block in read(2) before it is interrupted, twice.
        for _ in 0..<2 {
            usleep(100_000)
            pthread_kill(reading.thread, SIGUSR2)
        }
        usleep(100_000)
        let message = Array("all of it\n".utf8)
        XCTAssertEqual(write(ends[1], message, message.count), message.count)
        close(ends[1])
        XCTAssertEqual(reading.finished.wait(timeout: .now() + 5), .success)
        close(ends[0])
        XCTAssertEqual(interruptions, 2, "the signal reached the reading thread")
        XCTAssertEqual(try reading.result?.get(), Data(message))
    }

    func testAFileIsHashedThroughTheSameReader() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-hash-\(UUID().uuidString)")
        let bytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let hashed = try ContentHash.sha256(fileAt: file)
        XCTAssertEqual(hashed.byteCount, bytes.count)
        XCTAssertEqual(hashed.hash, ContentHash.sha256(bytes))
        XCTAssertThrowsError(try ContentHash.sha256(fileAt: file.appendingPathExtension("gone"))) { error in
            XCTAssertTrue("\(error)".contains("No such file"), "\(error)")
        }
    }
}

/// What the reading thread shares: its pthread for `pthread_kill`, and what it read.
/// `@unchecked Sendable`: `thread` is set before `started` is signalled,
/// `result` before `finished`, and each is read only after its semaphore.
private final class ReaderState: @unchecked Sendable {
    let started = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    var thread = pthread_self()
    var result: Result<Data, Error>?
}
