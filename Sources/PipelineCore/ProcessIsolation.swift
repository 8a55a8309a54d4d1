import DocumentModel
import Foundation

/// Runs a source stage (extraction through a C library) in a child process,
/// as Apache Tika's fork parser does: a crash or a hang in poppler then costs
/// one document, not the batch. The child is `diarium stage-worker`; it
/// writes the resulting document as JSON to a file the parent reads back.
public struct ProcessIsolation: Sendable {
    public var executable: URL
    /// Seconds a document may take before its child is killed.
    public var timeout: Double
    public var scratchFolder: URL

    public init(executable: URL, timeout: Double, scratchFolder: URL) {
        self.executable = executable
        self.timeout = timeout
        self.scratchFolder = scratchFolder
    }

    /// The arguments the worker command understands.
    public static func workerArguments(stage: String, settingsJSON: Data, source: SourceFile, output: URL) -> [String] {
        ["stage-worker", "--stage", stage, "--settings", String(decoding: settingsJSON, as: UTF8.self),
         "--input", source.url.path, "--name", source.name, "--display-path", source.displayPath,
         "--sha256", source.sha256, "--byte-count", String(source.byteCount), "--output", output.path]
    }

    func run(stage: String, settingsJSON: Data, source: SourceFile) throws -> Document {
        try FileManager.default.createDirectory(at: scratchFolder, withIntermediateDirectories: true)
        let output = scratchFolder.appendingPathComponent("\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }

        let process = Process()
        process.executableURL = executable
        process.arguments = Self.workerArguments(stage: stage, settingsJSON: settingsJSON, source: source, output: output)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Read stderr while waiting so a chatty child cannot block on a full pipe.
        let messages = ErrorCollector()
        let reader = Thread { messages.data = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw StageError(stage: stage, document: source.displayPath,
                             message: "timed out after \(Int(timeout)) s; the child process was killed")
        }
        // The pipe closes when the child exits; the bound only guards against a
        // descendant that inherited it and lives on.
        let readDeadline = Date().addingTimeInterval(5)
        while !messages.isComplete, Date() < readDeadline { usleep(1000) }
        let detail = String(decoding: messages.data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch process.terminationReason {
        case .uncaughtSignal:
            throw StageError(stage: stage, document: source.displayPath,
                             message: "crashed with signal \(process.terminationStatus) in the child process\(detail.isEmpty ? "" : ": \(detail)")")
        case .exit where process.terminationStatus != 0:
            throw StageError(stage: stage, document: source.displayPath, message: detail.isEmpty ? "failed with exit status \(process.terminationStatus)" : detail)
        default:
            return try JSONDecoder().decode(Document.self, from: Data(contentsOf: output))
        }
    }
}

/// Filled by the reader thread, read by the waiting one after it is set.
/// `@unchecked Sendable`: the lock guards both fields.
private final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?

    var data: Data? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    var isComplete: Bool { data != nil }
}
