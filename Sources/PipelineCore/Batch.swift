import DocumentModel
import Foundation
import Logging

/// Which part of the inputs this process converts, so N machines can share
/// one input tree and one output tree: document names are hashed, so the
/// split is the same wherever and whenever it is computed.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    /// Parses `K/N`, 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
        index = parts[0]
        count = parts[1]
    }

    public func contains(_ name: String) -> Bool {
        let prefix = ContentHash.sha256(name).prefix(12)
        return Int(UInt64(prefix, radix: 16)! % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}

/// A whole run: scan the inputs, configure the pipeline, convert every
/// document on `jobs` workers, journal it, and summarise it in a report.
public struct Batch: Sendable {
    public var inputs: [String]
    public var outputFolder: URL
    public var pipeline: PipelineDefinition
    public var jobs: Int
    public var mode: RunMode
    public var shard: Shard?
    public var isolation: ProcessIsolation?
    /// How documents an earlier process died converting are run again when
    /// `isolation` is off: in child processes, so a fault they cause is theirs alone.
    /// With `isolation` on they run in its children, as every document does.
    public var recovery: ProcessIsolation?
    /// Try again documents that crashed or hung in a child in an earlier run.
    public var retryFailed: Bool
    /// Asked to stop: no document starts after it is set.
    public var stop: StopRequest?
    /// Seconds a document may take, all its stages together, in this process or in children.
    public var timeout: Double?

    public init(inputs: [String], outputFolder: URL, pipeline: PipelineDefinition, jobs: Int,
                mode: RunMode = .incremental, shard: Shard? = nil, isolation: ProcessIsolation? = nil,
                recovery: ProcessIsolation? = nil, retryFailed: Bool = false, stop: StopRequest? = nil, timeout: Double? = nil) {
        self.inputs = inputs
        self.outputFolder = outputFolder
        self.pipeline = pipeline
        self.jobs = jobs
        self.mode = mode
        self.shard = shard
        self.isolation = isolation
        self.recovery = recovery
        self.retryFailed = retryFailed
        self.stop = stop
        self.timeout = timeout
    }

    public struct Summary: Sendable {
        public var outcomes: [DocumentOutcome]
        public var seconds: Double
        public var report: RunReport

        public var failures: [DocumentOutcome] { outcomes.filter(\.failed) }
        public var converted: Int { outcomes.filter { $0.status == .converted }.count }
        public var upToDate: Int { outcomes.filter { $0.status == .upToDate }.count }
        /// Pages of the documents converted in this run.
        public var pages: Int { outcomes.filter { $0.status == .converted }.reduce(0) { $0 + $1.pages } }
    }

    /// What `run` would do with each document, without doing it or creating
    /// anything (`convert --dry-run`).
    public func plan(registry: StageRegistry) throws -> [(file: String, work: String)] {
        let stages = try registry.configure(pipeline, isolation: nil)
        let scanned = InputScanner.scanReportingProblems(inputs)
        var documents = scanned.inputs
        if let shard { documents = documents.filter { shard.contains($0.name) } }
        let problems = scanned.problems.filter { shard?.contains($0.displayPath) ?? true }
        var processor = DocumentProcessor(stages: stages, outputFolder: outputFolder, mode: mode, logger: Logger(label: "plan"))
        processor.decisions = try ReviewDecisionsStore.load(outputFolder: outputFolder).documents
        if FileManager.default.fileExists(atPath: Journal.file(in: outputFolder).path), let journal = try? Journal(outputFolder: outputFolder) {
            if let last = stages.last { processor.finished = journal.entries(stage: last.id) }
            processor.knownSources = journal.sourceFiles()
            processor.failedBefore = journal.failures()
            processor.earlierSources = journal.documentSources()
        }
        processor.retryFailed = retryFailed
        return problems.map { ($0.displayPath, "would fail: \($0.cause)") }
            + documents.map { ($0.displayPath, processor.plannedWork(url: $0.url, name: $0.name, displayPath: $0.displayPath)) }
    }

    /// `started` is called once with the number of documents; `progress` on
    /// one serial queue, once per finished document, with the count so far.
    public func run(registry: StageRegistry, logger: Logger,
                    started: @escaping @Sendable (Int) -> Void = { _ in },
                    progress: @escaping @Sendable (DocumentOutcome, Int, Int) -> Void = { _, _, _ in }) throws -> Summary {
        let stages = try registry.configure(pipeline, isolation: isolation)
        if let (option, id) = mode.namedStage, !stages.contains(where: { $0.id == id }) {
            throw PipelineError.pipelineFile(pipeline.origin, "\(option) \(id): the pipeline has no such stage (it has \(stages.map(\.id).joined(separator: ", ")))")
        }
        // Before anything is read or written: a folder this run cannot use, alone
        // and for writing, fails the run, not each document.
        do {
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.output(outputFolder.path, "cannot create the output folder: \(error.localizedDescription)")
        }
        try OutputFolderCheck.ensureWritable(outputFolder)
        let lock = try RunLock(outputFolder: outputFolder, shard: shard)
        defer { lock.release() }
        // A decisions file that cannot be read would silently drop the reviewer's work.
        let decisions = try ReviewDecisionsStore.load(outputFolder: outputFolder).documents
        // A fresh output folder or --force: every stage will run, so its
        // warm-up need not wait for the first document to say so.
        if mode == .force || !FileManager.default.fileExists(atPath: Journal.file(in: outputFolder).path) {
            for stage in stages { stage.warmUpOnce() }
        }
        let scanned = InputScanner.scanReportingProblems(inputs)
        var documents = scanned.inputs
        if let shard { documents = documents.filter { shard.contains($0.name) } }
        // Inputs that cannot be read as files are failed documents, not the batch's
        // end; each shard reports its share (they are split by path, as documents by name).
        let unscannable = scanned.problems.filter { shard?.contains($0.displayPath) ?? true }.map { problem in
            DocumentOutcome(name: problem.displayPath, displayPath: problem.displayPath,
                            status: .failed(stage: "scan", message: problem.cause), pages: 0, outputs: [],
                            stageSeconds: [:], diagnostics: [], corrections: 0, flagged: 0)
        }
        ScratchFolder.removeAbandoned(in: outputFolder)
        let journal: Journal?
        do {
            journal = try Journal(outputFolder: outputFolder)
        } catch {
            // The cache alone keeps the run correct; without the journal only `status` is blind.
            logger.warning("no run journal in \(outputFolder.path)/.diarium: \(error)")
            journal = nil
        }
        let runID = journal?.beginRun(pipeline: pipeline.origin, shard: shard?.description)
        let crashedBefore = CrashMark.take(outputFolder: outputFolder, shard: shard)
        var configured = DocumentProcessor(stages: stages, outputFolder: outputFolder, journal: journal, mode: mode, logger: logger)
        configured.timeout = timeout
        configured.decisions = decisions
        if let journal {
            if let last = stages.last { configured.finished = journal.entries(stage: last.id) }
            if mode != .force { configured.knownSources = journal.sourceFiles() }
            configured.failedBefore = journal.failures()
            configured.earlierSources = journal.documentSources()
            configured.retryFailed = retryFailed
            configured.inFlight = journal.inFlight()
            if crashedBefore { configured.crashedTwice = journal.inFlightRecoveries() }
            if !configured.inFlight.isEmpty {
                // Isolated stages already run in children; otherwise these documents
                // alone get children, and the rest of the batch stays in this process.
                if isolation != nil {
                    configured.recoveryStages = stages
                } else if let recovery {
                    configured.recoveryStages = try registry.configure(pipeline, isolation: recovery)
                }
            }
        }
        let processor = configured
        let began = DispatchTime.now().uptimeNanoseconds, startedAt = Date()
        let finished = Counter()
        let total = unscannable.count + documents.count
        let stop = self.stop
        started(total)
        for outcome in unscannable { progress(outcome, finished.increment(), total) }
        // File size stands for the work a document takes (pages, images). Documents an
        // earlier process died converting start before any other: their verdict (converted,
        // or failed for good after a second crash) is journaled early, and a run stopped
        // again (SIGTERM starts nothing new) does not leave them unsettled behind it.
        let inFlight = processor.recoveryStages == nil ? [] : processor.inFlight
        let converted = BatchRunner.run(documents, jobs: jobs, cost: { document in
            inFlight.contains(document.name) ? Int.max : FileStamp(path: document.url.path).map { Int($0.size) } ?? 0
        },
                                       whileOthersFinish: AtomicFile.flushToDisk, shouldStop: { stop?.reason != nil },
                                       work: { document in
            processor.process(url: document.url, name: document.name, displayPath: document.displayPath)
        }, onResult: { _, outcome in
            progress(outcome, finished.increment(), total)
        })
        isolation?.shutDown()
        recovery?.shutDown()
        let outcomes = unscannable + converted
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        try? FileManager.default.removeItem(at: ScratchFolder.forThisProcess(in: outputFolder))
        let report = RunReport(pipeline: pipeline, stages: stages.map(\.id), pipelineHash: PipelineHash.of(stages), mode: mode, shard: shard,
                               outcomes: outcomes, seconds: seconds, started: startedAt,
                               stopped: stop?.reason.map { ($0, total - outcomes.count) })
        journal?.finishRun(runID, documents: total, converted: report.documents.converted,
                           upToDate: report.documents.upToDate, failed: report.documents.failed)
        try report.write(to: outputFolder)
        AtomicFile.flushToDisk()
        return Summary(outcomes: outcomes, seconds: seconds, report: report)
    }
}

/// Only touched from the batch's serial reporting queue; the lock makes that
/// safe to rely on without knowing it.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
