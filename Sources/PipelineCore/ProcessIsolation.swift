import DocumentModel
import Foundation

/// Runs a document's stages in child processes, as Apache Tika's fork
/// parser does: a crash or a hang in poppler, Tesseract or Hunspell then
/// costs one document, not the batch. The child is `diarium stage-worker`;
/// it reads the stage's input document from a file (a source stage reads the
/// PDF) and writes the resulting document as JSON to a file the parent reads
/// back. The output stage renders in a child too (a document a reader mangled
/// can still trip the formatting) and sends the rendered files back; the parent
/// writes them, atomically and recorded in the cache, as without isolation.
public struct ProcessIsolation: Sendable {
    public var executable: URL
    /// Seconds a stage may take on one document before its child is killed.
    public var timeout: Double
    public var scratchFolder: URL
    /// Megabytes of address space each child may take (0: no limit).
    public var memoryLimit: Int

    public init(executable: URL, timeout: Double, scratchFolder: URL, memoryLimit: Int = 0) {
        self.executable = executable
        self.timeout = timeout
        self.scratchFolder = scratchFolder
        self.memoryLimit = memoryLimit
    }

    /// The arguments the worker command understands; `document` is the input
    /// document's file for a stage that transforms one. Each value is joined
    /// to its option (`--name=-x`): a file named `-x.pdf` given as a separate
    /// argument would be read as an option of its own.
    public static func workerArguments(stage: String, settingsJSON: Data, source: SourceFile, output: URL,
                                       document: URL? = nil, decisions: URL? = nil, memoryLimit: Int = 0) -> [String] {
        var options: [(String, String)] = [
            ("stage", stage), ("settings", String(decoding: settingsJSON, as: UTF8.self)),
            ("input", source.url.path), ("name", source.name), ("display-path", source.displayPath),
            ("sha256", source.sha256), ("byte-count", String(source.byteCount)), ("output", output.path),
        ]
        if let document { options.append(("document", document.path)) }
        if let decisions { options.append(("decisions", decisions.path)) }
        if memoryLimit > 0 { options.append(("memory-limit", String(memoryLimit))) }
        options.append(("parent", String(getpid())))
        return ["stage-worker"] + options.map { "--\($0.0)=\($0.1)" }
    }

    private static let timedOut = "timed out"
    public static var timedOutPhrase: String { timedOut }
    private static let crashed = "crashed with signal"

    /// True for the message of a child that crashed or was stopped for its
    /// time: the document would do the same again, so it is not retried.
    public static func isFatal(_ message: String) -> Bool {
        message.hasPrefix(timedOut) || message.hasPrefix(crashed) || message.hasPrefix(crashedEarlier)
    }

    /// Opens the message of a document that brought its process down and then failed in a child.
    public static let crashedEarlier = "crashed in an earlier run"

    /// The stage with its work moved to a child process; an output stage's
    /// rendering too, its files still written by this process.
    public func isolating(_ stage: ConfiguredStage) -> ConfiguredStage {
        var isolated = stage
        let (id, settings) = (stage.id, stage.settingsJSON)
        switch stage.work {
        case .source:
            isolated.work = .source { source, _ in try run(stage: id, settingsJSON: settings, source: source) }
        case .transform:
            isolated.work = .transform { document, context in
                try run(stage: id, settingsJSON: settings, document: document, context: context)
            }
        case .output:
            isolated.work = .output { document, context in
                try render(stage: id, settingsJSON: settings, document: document, context: context)
            }
        }
        return isolated
    }

    func run(stage: String, settingsJSON: Data, source: SourceFile) throws -> Document {
        try decoded(Document.self, stage: stage, source: source,
                    from: runChild(stage: stage, settingsJSON: settingsJSON, source: source, input: nil))
    }

    /// A transforming stage in a child: the context's source URL is the PDF
    /// (OCR renders its pages again), the document goes over as a file.
    func run(stage: String, settingsJSON: Data, document: Document, context: StageContext) throws -> Document {
        let source = Self.source(of: document, context: context)
        return try decoded(Document.self, stage: stage, source: source,
                           from: runChild(stage: stage, settingsJSON: settingsJSON, source: source, input: document,
                                          decisions: context.decisions))
    }

    /// An output stage in a child: the document goes over as a file, the
    /// rendered files come back as one JSON list.
    func render(stage: String, settingsJSON: Data, document: Document, context: StageContext) throws -> [RenderedOutput] {
        let source = Self.source(of: document, context: context)
        return try decoded([RenderedOutput].self, stage: stage, source: source,
                           from: runChild(stage: stage, settingsJSON: settingsJSON, source: source, input: document))
    }

    private static func source(of document: Document, context: StageContext) -> SourceFile {
        let url = context.sourceURL ?? URL(fileURLWithPath: document.source.file)
        return SourceFile(url: url, name: context.documentName, displayPath: context.documentName,
                          sha256: document.source.sha256, byteCount: document.source.byteCount)
    }

    /// A child that exited 0 but left no readable result failed the stage, not the batch.
    private func decoded<T: Decodable>(_ type: T.Type, stage: String, source: SourceFile, from result: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: result)
        } catch {
            throw StageError(stage: stage, document: source.displayPath, message: "the child process's result could not be read: \(error)")
        }
    }

    /// Runs the worker and returns the bytes it wrote as its result.
    private func runChild(stage: String, settingsJSON: Data, source: SourceFile, input: Document?,
                          decisions: DocumentDecisions? = nil) throws -> Data {
        try FileManager.default.createDirectory(at: scratchFolder, withIntermediateDirectories: true)
        let output = scratchFolder.appendingPathComponent("\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        var inputFile: URL?
        if let input {
            let url = scratchFolder.appendingPathComponent("\(UUID().uuidString).in.json")
            try DirectJSONEncoder().encode(input).write(to: url)
            inputFile = url
        }
        defer { if let inputFile { try? FileManager.default.removeItem(at: inputFile) } }
        var decisionsFile: URL?
        if let decisions {
            let url = scratchFolder.appendingPathComponent("\(UUID().uuidString).decisions.json")
            try JSONEncoder().encode(decisions).write(to: url)
            decisionsFile = url
        }
        defer { if let decisionsFile { try? FileManager.default.removeItem(at: decisionsFile) } }

        let process = Process()
        process.executableURL = executable
        process.arguments = Self.workerArguments(stage: stage, settingsJSON: settingsJSON, source: source, output: output,
                                                 document: inputFile, decisions: decisionsFile, memoryLimit: memoryLimit)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Read stderr while waiting so a chatty child cannot block on a full pipe.
        let messages = ErrorCollector()
        let reader = Thread {
            // A read error (not an interruption: those are retried) loses only the child's messages.
            messages.data = (try? DescriptorReading.readToEnd(errors.fileHandleForReading.fileDescriptor, what: "the child's errors")) ?? Data()
        }
        reader.start()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw StageError(stage: stage, document: source.displayPath,
                             message: "\(Self.timedOut) after \(String(format: "%g", timeout)) s; the child process was killed")
        }
        // The pipe closes when the child exits; the bound only guards against a
        // descendant that inherited it and lives on.
        let readDeadline = Date().addingTimeInterval(5)
        while !messages.isComplete, Date() < readDeadline { usleep(1000) }
        let detail = String(decoding: messages.data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch process.terminationReason {
        case .uncaughtSignal:
            throw StageError(stage: stage, document: source.displayPath,
                             message: "\(Self.crashed) \(process.terminationStatus) in the child process\(detail.isEmpty ? "" : ": \(detail)")")
        case .exit where process.terminationStatus != 0:
            throw StageError(stage: stage, document: source.displayPath, message: detail.isEmpty ? "failed with exit status \(process.terminationStatus)" : detail)
        default:
            do {
                return try Data(contentsOf: output)
            } catch {
                throw StageError(stage: stage, document: source.displayPath,
                                 message: "the child process ended without its result: \(error.localizedDescription)")
            }
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

/// Ties a worker's life to its parent's: a parent killed with `kill -9`
/// runs no code to stop its children, which would go on converting (and
/// holding memory) for nobody.
public enum ParentDeath {
    /// Asks the kernel to send SIGKILL to this process when its parent dies.
    /// Linux means the parent *thread*: `runChild` blocks the thread that
    /// started the child until the child ends, so the signal comes only with the process.
    /// Returns false if the parent is already gone (`expectedParent` is the pid
    /// the parent gave; without it, being adopted by init, pid 1, says so).
    public static func dieWithParent(expectedParent: Int32?) -> Bool {
        // prctl is variadic in C, so Swift does not import it; the symbol is
        // called through a fixed signature, which passes integers alike on Linux's ABIs.
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        let prSetPdeathsig: Int32 = 1 // PR_SET_PDEATHSIG, from <linux/prctl.h>
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "prctl") {
            _ = unsafeBitCast(symbol, to: Prctl.self)(prSetPdeathsig, UInt(SIGKILL), 0, 0, 0)
        }
        // The parent may have died before the request: then no signal will come.
        let parent = getppid()
        return expectedParent.map { parent == $0 } ?? (parent != 1)
    }
}

/// Limits a worker sets on itself as it starts: Foundation's `Process` offers
/// no hook between fork and exec where the parent could set them.
public enum ResourceLimit {
    /// Caps the address space, so a runaway allocation fails in this process
    /// (and the parent reports it) rather than pushing the machine into swap.
    public static func capAddressSpace(megabytes: Int) {
        let bytes = rlim_t(clamping: megabytes) * 1_048_576
        var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
        _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }
}
