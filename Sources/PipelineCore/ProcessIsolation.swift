import DocumentModel
import Foundation

/// Runs a document's stages in child processes, as Apache Tika's fork
/// parser does: a crash or a hang in poppler, Tesseract or Hunspell then
/// costs one document, not the batch. The children are `diarium stage-worker`
/// processes, each kept for many documents (`WorkerPool`); for each stage a
/// worker reads the input document from a file (a source stage reads the
/// PDF) and writes the resulting document as JSON to a file the parent reads
/// back. The output stage renders in a child too (a document a reader mangled
/// can still trip the formatting) and sends the rendered files back; the parent
/// writes them, atomically and recorded in the cache, as without isolation.
public struct ProcessIsolation: Sendable {
    public var executable: URL
    /// Seconds a child may run when the document brings no deadline of its own
    /// (`StageContext.deadline`, which bounds all its stages together).
    public var timeout: Double
    public var scratchFolder: URL
    /// Megabytes of address space each child may take (0: no limit).
    public var memoryLimit: Int
    private let workers: WorkerPool

    public init(executable: URL, timeout: Double, scratchFolder: URL, memoryLimit: Int = 0) {
        self.executable = executable
        self.timeout = timeout
        self.scratchFolder = scratchFolder
        self.memoryLimit = memoryLimit
        workers = WorkerPool(executable: executable, memoryLimit: memoryLimit)
    }

    /// One request to a worker, as the arguments of its `StageRequest`; `document`
    /// is the input document's file for a stage that transforms one. Each value is
    /// joined to its option (`--name=-x`): a file named `-x.pdf` given as a separate
    /// argument would be read as an option of its own.
    public static func requestArguments(stage: String, settingsJSON: Data, source: SourceFile, output: URL,
                                        document: URL? = nil, decisions: URL? = nil, pipelineHash: String? = nil) -> [String] {
        var options: [(String, String)] = [
            ("stage", stage), ("settings", String(decoding: settingsJSON, as: UTF8.self)),
            ("input", source.url.path), ("name", source.name), ("display-path", source.displayPath),
            ("sha256", source.sha256), ("byte-count", String(source.byteCount)), ("output", output.path),
        ]
        if let document { options.append(("document", document.path)) }
        if let decisions { options.append(("decisions", decisions.path)) }
        if let pipelineHash { options.append(("pipeline-hash", pipelineHash)) }
        return options.map { "--\($0.0)=\($0.1)" }
    }

    private static let timedOut = "timed out"
    public static var timedOutPhrase: String { timedOut }
    private static let crashed = "crashed with signal"
    static var crashedPhrase: String { crashed }

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
            isolated.work = .source { source, context in try run(stage: id, settingsJSON: settings, source: source, context: context) }
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

    func run(stage: String, settingsJSON: Data, source: SourceFile, context: StageContext) throws -> Document {
        try decoded(Document.self, stage: stage, source: source,
                    from: runChild(stage: stage, settingsJSON: settingsJSON, source: source, input: nil, context: context))
    }

    /// A transforming stage in a child: the context's source URL is the PDF
    /// (OCR renders its pages again), the document goes over as a file.
    func run(stage: String, settingsJSON: Data, document: Document, context: StageContext) throws -> Document {
        let source = Self.source(of: document, context: context)
        return try decoded(Document.self, stage: stage, source: source,
                           from: runChild(stage: stage, settingsJSON: settingsJSON, source: source, input: document, context: context))
    }

    /// An output stage in a child: the document goes over as a file, the
    /// rendered files come back as one JSON list.
    func render(stage: String, settingsJSON: Data, document: Document, context: StageContext) throws -> [RenderedOutput] {
        let source = Self.source(of: document, context: context)
        return try decoded([RenderedOutput].self, stage: stage, source: source,
                           from: runChild(stage: stage, settingsJSON: settingsJSON, source: source, input: document, context: context))
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

    /// Runs the stage in a worker and returns the bytes it wrote as its result; the
    /// worker is killed at the document's deadline, or after `timeout` without one.
    private func runChild(stage: String, settingsJSON: Data, source: SourceFile, input: Document?, context: StageContext) throws -> Data {
        let limit = context.deadline ?? StageContext.deadline(after: timeout)
        if context.millisecondsLeft == 0 { throw context.timedOut(stage: stage) }
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
        if let decisions = context.decisions {
            let url = scratchFolder.appendingPathComponent("\(UUID().uuidString).decisions.json")
            try JSONEncoder().encode(decisions).write(to: url)
            decisionsFile = url
        }
        defer { if let decisionsFile { try? FileManager.default.removeItem(at: decisionsFile) } }

        let request = Self.requestArguments(stage: stage, settingsJSON: settingsJSON, source: source, output: output,
                                            document: inputFile, decisions: decisionsFile, pipelineHash: context.pipelineHash)
        switch try workers.perform(request, until: limit.at) {
        case .timedOut:
            throw StageError(stage: stage, document: source.displayPath,
                             message: "\(Self.timedOut) after \(String(format: "%g", limit.seconds)) s; the child process was killed")
        case .died(let message), .failed(let message):
            throw StageError(stage: stage, document: source.displayPath, message: message)
        case .done:
            do {
                return try Data(contentsOf: output)
            } catch {
                throw StageError(stage: stage, document: source.displayPath,
                                 message: "the child process ended without its result: \(error.localizedDescription)")
            }
        }
    }

    /// Lets the idle workers end; called when a run is over.
    public func shutDown() {
        workers.shutDown()
    }
}

/// Ties a worker's life to its parent's: a parent killed with `kill -9`
/// runs no code to stop its children, which would go on converting (and
/// holding memory) for nobody.
public enum ParentDeath {
    /// Watches, on a thread of its own, that the parent is still there, and ends
    /// this process at once when it is not (a worker is adopted by another process
    /// then). Not PR_SET_PDEATHSIG: Linux sends that when the parent *thread* ends,
    /// and a worker serves requests from whichever thread of its parent is free.
    /// Returns false if the parent is already gone.
    public static func watch(expectedParent: Int32) -> Bool {
        guard getppid() == expectedParent else { return false }
        Thread {
            while getppid() == expectedParent { usleep(100_000) }
            _exit(3)
        }.start()
        return true
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
