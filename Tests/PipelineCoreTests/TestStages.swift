import DocumentModel
import Foundation
import PipelineCore
import XCTest

/// Counts how often each fake stage really ran, to tell cache hits from misses.
final class RunCounter: @unchecked Sendable {
    // Guarded by `lock`; the stages run on Dispatch worker threads.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func record(_ stage: String) { lock.withLock { counts[stage, default: 0] += 1 } }
    func count(_ stage: String) -> Int { lock.withLock { counts[stage, default: 0] } }
    func reset() { lock.withLock { counts = [:] } }
}

let runCounter = RunCounter()

/// Reads the file as UTF-8 text, one block per line.
struct FakeReadStage: SourceStage {
    static let id = "read"
    static let version = 1
    static let summary = "test source"
    struct Settings: StageSettings {
        var failOn: String = ""
        init() {}
    }
    let settings: Settings
    init(settings: Settings) { self.settings = settings }

    func run(_ source: SourceFile, context: StageContext) throws -> Document {
        runCounter.record(Self.id)
        let text = try String(contentsOf: source.url, encoding: .utf8)
        if !settings.failOn.isEmpty, text.contains(settings.failOn) {
            throw StageError(stage: Self.id, document: source.displayPath, message: "refused")
        }
        let blocks = text.split(separator: "\n").map {
            TextBlock(lines: [], text: String($0), hyphenations: [], fontSize: 10, bold: false)
        }
        return Document(source: SourceInfo(file: source.displayPath, sha256: source.sha256, byteCount: source.byteCount),
                        info: PDFInfo(pageCount: 1), pages: [], blocks: blocks)
    }
}

/// Upper-cases every block (or lower-cases, by setting).
struct FakeCaseStage: DocumentStage {
    static let id = "case"
    static let version = 1
    static let summary = "test transform"
    struct Settings: StageSettings {
        var upper: Bool = true
        /// Seconds the stage takes, not stopping at any deadline (as repair or segment).
        var pause: Double = 0
        init() {}
    }
    let settings: Settings
    init(settings: Settings) { self.settings = settings }

    func warmUp() {
        runCounter.record("case.warmUp")
    }

    func run(_ document: Document, context: StageContext) throws -> Document {
        runCounter.record(Self.id)
        if settings.pause > 0 { Thread.sleep(forTimeInterval: settings.pause) }
        var copy = document
        for index in copy.blocks.indices {
            copy.blocks[index].text = settings.upper ? copy.blocks[index].text.uppercased() : copy.blocks[index].text.lowercased()
        }
        return copy
    }
}

/// Writes the blocks as text.
struct FakeWriteStage: OutputStage {
    static let id = "write"
    static let version = 1
    static let summary = "test output"
    struct Settings: StageSettings { init() {} }
    init(settings: Settings) {}

    func render(_ document: Document, context: StageContext) throws -> [RenderedOutput] {
        runCounter.record(Self.id)
        return [RenderedOutput(fileExtension: "txt", data: Data(document.blocks.map(\.text).joined(separator: "\n").utf8))]
    }
}

func testRegistry() -> StageRegistry {
    var registry = StageRegistry()
    registry.register(FakeReadStage.self)
    registry.register(FakeCaseStage.self)
    registry.register(FakeWriteStage.self)
    return registry
}

extension XCTestCase {
    /// A fresh folder, removed when the test ends.
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
