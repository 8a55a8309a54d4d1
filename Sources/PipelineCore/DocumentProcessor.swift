import DocumentModel
import Foundation
import Logging

/// Which stages a run redoes.
public enum RunMode: Sendable, Equatable {
    /// Reuse every cached result whose input and settings are unchanged.
    case incremental
    /// Redo every stage of every document.
    case force
    /// Redo this stage and the ones after it, from the cached result before it.
    case from(String)
    /// Redo only this stage, from the cached result before it.
    case only(String)

    /// The command-line option and stage a mode names, if it names one.
    var namedStage: (option: String, stage: String)? {
        switch self {
        case .from(let stage): ("--from", stage)
        case .only(let stage): ("--only", stage)
        case .incremental, .force: nil
        }
    }
}

/// What happened to one document in a run.
public struct DocumentOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// At least one stage ran.
        case converted
        /// Every output was already current; nothing ran.
        case upToDate
        case failed(stage: String, message: String)
    }

    public var name: String
    public var displayPath: String
    public var status: Status
    public var pages: Int
    public var outputs: [String]
    /// Seconds spent per stage that ran (cached stages are absent).
    public var stageSeconds: [String: Double]
    public var diagnostics: [Diagnostic]
    public var corrections: Int
    public var flagged: Int
    /// Pages read by OCR, with the time each took.
    public var ocrPages: [(page: Int, info: OCRInfo)] = []
    /// The source's content hash, once it could be read.
    public var sha256: String?

    public var failed: Bool {
        if case .failed = status { return true }
        return false
    }
}

/// Runs a pipeline's stages on one document, taking every stage result that
/// is already cached for the same input, stage version and settings, and
/// recording each stage it runs in the journal.
public struct DocumentProcessor: Sendable {
    public var stages: [ConfiguredStage]
    public var outputFolder: URL
    public var store: ArtifactStore
    public var journal: Journal?
    public var mode: RunMode
    public var logger: Logger
    /// The journal's entries for the last stage, read once per run: an
    /// up-to-date document reports its counts from them.
    public var finished: [String: Journal.Entry] = [:]
    /// Source files hashed in earlier runs, by path, with their stamps.
    public var knownSources: [String: HashedFile] = [:]
    /// Documents an earlier process died converting: they run in child
    /// processes (`recoveryStages`), so the same fault costs them alone.
    public var inFlight: Set<String> = []
    public var recoveryStages: [ConfiguredStage]?
    /// Documents in flight in a recovery when the process died of a crash signal
    /// (`CrashMark`), with their sources' hashes: the second crash they caused; they
    /// fail without running unless their file changed.
    public var crashedTwice: [String: String] = [:]
    /// Documents whose last conversion failed, by document. One that crashed
    /// or hung is not tried again on the same file, one that failed otherwise
    /// not on the same file with the same settings and stage version (it would
    /// fail the same way), unless `retryFailed`.
    public var failedBefore: [String: Journal.Entry] = [:]
    public var retryFailed = false
    /// The source each output name of the folder was converted from in earlier runs
    /// (`Journal.documentSources`): another source of the same name must not overwrite it.
    public var earlierSources: [String: (path: String, sha256: String)] = [:]
    /// Seconds a document may take, all its stages together: stages that can stop
    /// early (OCR) honour it in this process, children are killed at it.
    public var timeout: Double?
    /// The review page's decisions, by document name (`ReviewDecisionsStore`).
    public var decisions: [String: DocumentDecisions] = [:]

    public init(stages: [ConfiguredStage], outputFolder: URL, journal: Journal? = nil, mode: RunMode = .incremental,
                logger: Logger) {
        self.stages = stages
        self.outputFolder = outputFolder
        self.store = ArtifactStore(outputFolder: outputFolder)
        self.journal = journal
        self.mode = mode
        self.logger = logger
    }

    public func process(url: URL, name: String, displayPath: String) -> DocumentOutcome {
        var outcome = DocumentOutcome(name: name, displayPath: displayPath, status: .converted, pages: 0, outputs: [],
                                      stageSeconds: [:], diagnostics: [], corrections: 0, flagged: 0)
        let hashed: (file: HashedFile, reused: Bool)
        do {
            hashed = try HashedFile.hash(fileAt: url, known: knownSources[url.path])
        } catch {
            outcome.status = .failed(stage: "read", message: "cannot read: \(error.localizedDescription)")
            return outcome
        }
        // Journaled with the document's own records, or alone when nothing runs.
        let newlyHashed = hashed.reused || hashed.file.stamp == nil ? nil : (path: url.path, file: hashed.file)
        outcome.sha256 = hashed.file.sha256
        let source = SourceFile(url: url, name: name, displayPath: displayPath, sha256: hashed.file.sha256,
                                byteCount: hashed.file.byteCount)
        if let collision = nameTakenByAnotherSource(name: name, displayPath: displayPath, sha256: hashed.file.sha256) {
            // Nothing is journaled: the rows, cache and outputs under this name are the other source's.
            outcome.status = .failed(stage: "output", message: collision)
            return outcome
        }
        let recovering = inFlight.contains(name) && recoveryStages != nil
        let stages = recovering ? recoveryStages ?? self.stages : self.stages
        let keys = ConfiguredStage.keys(stages, sourceSHA256: source.sha256, decisions: decisions[name])
        if let earlier = failsAgain(name, source: source, keys: keys, stages: stages) {
            journal?.record([], source: newlyHashed)
            outcome.status = .failed(stage: earlier.stage, message: Self.notTriedAgain(earlier))
            return outcome
        }
        if crashedTwice[name] == source.sha256, !retryFailed, mode != .force {
            // Journaled as a crash, so later runs skip it on the same file as any other.
            let message = "\(ProcessIsolation.crashedEarlier), twice: the process died converting it, then again while it was converted in a child"
            let failed = Journal.Entry(document: name, stage: stages[0].id, source: displayPath, sourceSHA256: source.sha256,
                                       fingerprint: keys[0], status: .failed, error: message)
            journal?.record([failed], source: newlyHashed, settling: name)
            outcome.status = .failed(stage: stages[0].id, message: message)
            return outcome
        }

        let plan: (start: Int, end: Int, input: Document?)
        switch planRun(source: source, keys: keys, stages: stages) {
        case .upToDate:
            journal?.record([], source: newlyHashed, settling: inFlight.contains(name) ? name : nil)
            outcome.status = .upToDate
            if let entry = finished[name] {
                outcome.pages = entry.pages ?? 0
                outcome.corrections = entry.corrections ?? 0
                outcome.flagged = entry.flagged ?? 0
            }
            return outcome
        case .failure(let stage, let message):
            journal?.record([], source: newlyHashed)
            outcome.status = .failed(stage: stage, message: message)
            return outcome
        case .run(let start, let end, let input):
            plan = (start, end, input)
        }

        for index in plan.start...plan.end { stages[index].warmUpOnce() }
        var document = plan.input
        // One deadline for the whole document, OCR and children included: --timeout
        // bounds a document's wall time, whichever stage spends it.
        var context = StageContext(documentName: displayPath, logger: logger, sourceURL: url, deadline: timeout.map { StageContext.deadline(after: $0) },
                                   pipelineHash: PipelineHash.of(stages))
        func entry(_ index: Int, _ status: Journal.Status) -> Journal.Entry {
            Journal.Entry(document: name, stage: stages[index].id, source: displayPath, sourceSHA256: source.sha256,
                          fingerprint: keys[index], status: status)
        }
        // One journal transaction when the document starts and one when it
        // ends: a row per stage as it runs cost more than some stages did.
        // A process killed mid-document leaves its first stage `running`.
        // A recovery says so: if the process dies of it again, the next run fails the document.
        journal?.record([with(entry(plan.start, .running)) { $0.error = recovering ? Journal.recoveringMark : nil }])
        var journaled: [Journal.Entry] = []
        for index in plan.start...plan.end {
            let stage = stages[index]
            let began = DispatchTime.now().uptimeNanoseconds
            context.decisions = stage.takesDecisions ? decisions[name] : nil
            do {
                // A stage that cannot stop early (repair, segment) may overrun the
                // deadline; the next one does not start past it.
                if index > plan.start, context.millisecondsLeft == 0 { throw context.timedOut(stage: stage.id) }
                switch stage.work {
                case .source(let run):
                    document = try run(source, context)
                    let result = try required(document, stage)
                    try writingUnderOutput { try store.save(result, stage: stage.id, name: name, key: keys[index]) }
                case .transform(let run):
                    let input = try required(document, stage)
                    let output = try run(input, context)
                    // The input is cached as the stage before's result, so only the changes are stored.
                    var base: (Document, String, String)?
                    if index > 0, !stages[index - 1].writesOutputs { base = (input, stages[index - 1].id, keys[index - 1]) }
                    try writingUnderOutput { try store.save(output, stage: stage.id, name: name, key: keys[index], input: base) }
                    document = output
                case .output(let render):
                    let rendered = try render(try required(document, stage), context)
                    outcome.outputs = try writingUnderOutput { try write(rendered, name: name, stage: stage.id, key: keys[index]) }
                }
            } catch let fault as OutputFolderFault {
                // Not journaled as the document's failure, which would keep it from the next run.
                journal?.record(journaled, source: newlyHashed, settling: name)
                outcome.stageSeconds[stage.id] = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
                outcome.status = .failed(stage: stage.id, message: "\(fault); it is tried again on the next run")
                return outcome
            } catch {
                // The runner names the document and stage itself.
                var message = (error as? StageError)?.message ?? "\(error)"
                if recovering, ProcessIsolation.isFatal(message) {
                    message = "\(ProcessIsolation.crashedEarlier), and in a child process it \(message)"
                }
                journal?.record(journaled + [with(entry(index, .failed)) { $0.error = message }], source: newlyHashed,
                                settling: name)
                outcome.stageSeconds[stage.id] = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
                outcome.status = .failed(stage: stage.id, message: message)
                return outcome
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
            outcome.stageSeconds[stage.id] = seconds
            outcome.pages = document?.info.pageCount ?? 0
            outcome.corrections = document?.corrections.count ?? 0
            outcome.flagged = document?.reviewFlags.count ?? 0
            journaled.append(with(entry(index, .done)) {
                $0.seconds = seconds
                $0.pages = outcome.pages
                $0.corrections = outcome.corrections
                $0.flagged = outcome.flagged
            })
        }
        journal?.record(journaled, source: newlyHashed, settling: name)
        outcome.diagnostics = document?.diagnostics ?? []
        // Pages read by OCR in this run: a page whose OCR came with the cached input was read before.
        let readBefore = Set(plan.input?.pages.filter { $0.ocr != nil }.map(\.number) ?? [])
        outcome.ocrPages = document?.pages.compactMap { page in
            readBefore.contains(page.number) ? nil : page.ocr.map { (page.number, $0) }
        } ?? []
        return outcome
    }

    /// What `process` would do with the document, in words, doing nothing
    /// (`convert --dry-run`): nothing is run, written or journaled.
    public func plannedWork(url: URL, name: String, displayPath: String) -> String {
        guard let hashed = try? HashedFile.hash(fileAt: url, known: knownSources[url.path]) else { return "would fail: cannot read the file" }
        return plannedWork(for: SourceFile(url: url, name: name, displayPath: displayPath, sha256: hashed.file.sha256,
                                           byteCount: hashed.file.byteCount))
    }

    /// The same judgement for a source whose content hash is already known
    /// (`status --documents` has the journal's hash when the file cannot be found).
    public func plannedWork(for source: SourceFile) -> String {
        let name = source.name
        if let collision = nameTakenByAnotherSource(name: name, displayPath: source.displayPath, sha256: source.sha256) {
            return "would fail: \(collision)"
        }
        let keys = ConfiguredStage.keys(stages, sourceSHA256: source.sha256, decisions: decisions[name])
        if let earlier = failsAgain(name, source: source, keys: keys, stages: stages) {
            return "would skip: \(Self.notTriedAgain(earlier))"
        }
        switch planRun(source: source, keys: keys, stages: stages) {
        case .upToDate:
            return "up to date"
        case .failure(_, let message):
            return "would fail: \(message)"
        case .run(let start, let end, _):
            let range = end == stages.count - 1 ? "\(stages[start].id) and after" : stages[start...end].map(\.id).joined(separator: ", ")
            if start == 0 {
                let seen = finished[name] != nil
                return seen ? "would redo every stage (the file, the settings or a stage version changed, or nothing is cached)" : "would convert (new)"
            }
            return "would redo \(range) (the cached result of \(stages[start - 1].id) is reused)"
        }
    }

    /// Why the document may not take its output name, when an earlier run converted
    /// another source to it. The same source may come back by another spelling of its
    /// path (a folder given relative, then absolute: `a/x.pdf`, then `x.pdf`) or changed
    /// (same path, new content), so only a path that is neither the same nor a tail of the
    /// other, with other content, counts as another source.
    private func nameTakenByAnotherSource(name: String, displayPath: String, sha256: String) -> String? {
        guard let earlier = earlierSources[name], earlier.sha256 != sha256 else { return nil }
        let same = earlier.path == displayPath || earlier.path.hasSuffix("/" + displayPath) || displayPath.hasSuffix("/" + earlier.path)
        guard !same else { return nil }
        return "its outputs (\(name).*) hold \(earlier.path), converted into this folder in an earlier run; "
            + "\(displayPath) is another file of the same name and would overwrite them "
            + "(convert it into another folder with -o, or rename one of the two)"
    }

    /// The earlier failure this document would repeat, if it is not tried again.
    private func failsAgain(_ name: String, source: SourceFile, keys: [String], stages: [ConfiguredStage]) -> Journal.Entry? {
        guard !retryFailed, mode != .force, let earlier = failedBefore[name], earlier.sourceSHA256 == source.sha256 else { return nil }
        if earlier.error.map(ProcessIsolation.isFatal) == true { return earlier }
        guard let index = stages.firstIndex(where: { $0.id == earlier.stage }), keys[index] == earlier.fingerprint else { return nil }
        return earlier
    }

    private static func notTriedAgain(_ earlier: Journal.Entry) -> String {
        "\(earlier.error ?? "failed") (not tried again on the same file with the same settings; --retry-failed tries it)"
    }

    private enum Plan {
        case upToDate
        case run(start: Int, end: Int, input: Document?)
        case failure(stage: String, message: String)
    }

    /// Decides which stages to run and loads the cached input of the first.
    private func planRun(source: SourceFile, keys: [String], stages: [ConfiguredStage]) -> Plan {
        let last = stages.count - 1
        switch mode {
        case .force:
            return .run(start: 0, end: last, input: nil)
        case .from(let id), .only(let id):
            guard let index = stages.firstIndex(where: { $0.id == id }) else {
                return .failure(stage: id, message: "the pipeline has no stage `\(id)`")
            }
            let end = mode == .only(id) ? index : last
            // The stage before's cached result is the input; where there is none
            // (a new folder, changed settings, a document that failed earlier), the
            // stages before run too, so a document's own failure keeps its cause.
            let resume = resumePoint(below: index, source: source, keys: keys, stages: stages)
            return .run(start: resume.start, end: end, input: resume.input)
        case .incremental:
            if stages[last].writesOutputs,
               store.outputsAreCurrent(stage: stages[last].id, document: source.name, key: keys[last], outputFolder: outputFolder) {
                return .upToDate
            }
            let resume = resumePoint(below: last + 1, source: source, keys: keys, stages: stages)
            return resume.start > last ? .upToDate : .run(start: resume.start, end: last, input: resume.input)
        }
    }

    /// After the latest stage before `limit` whose artifact is intact, with that
    /// artifact; from the first stage when none is.
    private func resumePoint(below limit: Int, source: SourceFile, keys: [String], stages: [ConfiguredStage]) -> (start: Int, input: Document?) {
        for index in stride(from: limit - 1, through: 0, by: -1) where !stages[index].writesOutputs {
            if let cached = store.load(stage: stages[index].id, document: source.name, key: keys[index]) {
                return (index + 1, cached)
            }
        }
        return (0, nil)
    }

    /// Runs a write under the output folder, marking a failure that is the
    /// folder's (full, read-only, no permission) rather than the document's.
    private func writingUnderOutput<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch where OutputFolderCheck.isFolderFault(error) {
            throw OutputFolderFault(underlying: error)
        }
    }

    private func required(_ document: Document?, _ stage: ConfiguredStage) throws -> Document {
        guard let document else {
            throw StageError(stage: stage.id, document: "", message: "no input document: a source stage must run first")
        }
        return document
    }

    private func write(_ outputs: [RenderedOutput], name: String, stage: String, key: String) throws -> [String] {
        var written: [ArtifactStore.RecordedOutput] = []
        for output in outputs {
            let relative = "\(name).\(output.fileExtension)"
            let url = outputFolder.appendingPathComponent(relative)
            // Stamped at once, not once settled as sources are: only a writer
            // racing this one within the same clock tick could change the
            // file and keep the stamp, and no two runs write one document.
            try AtomicFile.write(output.data, to: url, scratch: ScratchFolder.forThisProcess(in: outputFolder))
            written.append(.init(path: relative, sha256: ContentHash.sha256(output.data), stamp: FileStamp(path: url.path)))
        }
        try store.recordOutputs(stage: stage, document: name, key: key, files: written)
        return written.map(\.path)
    }
}

/// A write under the output folder failed for the folder's sake (no space,
/// read-only, no permission).
struct OutputFolderFault: Error, CustomStringConvertible {
    var underlying: Error
    /// How its message opens; `FailureCode` recognises it by this.
    static let phrase = "the output folder took no write"
    var description: String { "\(Self.phrase): \(underlying.localizedDescription)" }
}

private func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
    var copy = value
    change(&copy)
    return copy
}
