import DocumentModel
import Foundation
import Installation

/// What a run did, written to `<out>/report.json` (`report-shard-K-of-N.json`
/// for a shard) for people and for monitoring.
public struct RunReport: Codable, Sendable {
    public struct Counts: Codable, Sendable {
        public var total: Int
        public var converted: Int
        public var upToDate: Int
        public var failed: Int
        /// Documents a stopped run never started (nil when it was not stopped).
        public var notStarted: Int?
    }

    /// A page the OCR stage read, and how long it took.
    public struct OCRPage: Codable, Sendable {
        public var file: String
        public var page: Int
        public var seconds: Double
        public var meanConfidence: Double
        public var reason: String
    }

    /// One input document and what this run did with it.
    public struct File: Codable, Sendable {
        /// The source as given, relative to the input folder.
        public var file: String
        /// Its outputs' path without extension, relative to the output folder.
        public var name: String
        public var sha256: String?
        /// The document's stable id, as in its outputs' `source` (nil when the file could not be read).
        public var id: String?
        /// `converted`, `up to date` or `failed`.
        public var status: String
        /// For a failure: the stage, its cause, and the cause's stable code.
        public var stage: String?
        public var message: String?
        public var errorCode: FailureCode?
        public var pages: Int
        /// Output files, relative to the output folder (those written in this run).
        public var outputs: [String]
        /// Stages run in this run, and stages whose cached result was used.
        public var ran: [String]
        public var reused: [String]
        public var seconds: Double
    }

    public struct Failure: Codable, Sendable {
        public var file: String
        public var stage: String
        public var message: String
        public var errorCode: FailureCode
    }

    /// The diarium that wrote the report (`1.2.0 (commit …)`).
    public var diariumVersion: String
    public var pipeline: String
    /// SHA-256 of the pipeline file's bytes as the run read them.
    public var pipelineSHA256: String?
    /// What the pipeline does (`PipelineHash`), as every output of the run names it.
    public var pipelineHash: String?
    public var startedAt: String
    public var endedAt: String
    public var stages: [String]
    public var mode: String
    public var shard: String?
    /// Why the run stopped before its last document (`SIGTERM`), nil when it did not.
    public var stopped: String?
    public var documents: Counts
    public var failures: [Failure]
    /// Every document the run took up, in input order.
    public var files: [File]
    /// Pages of the documents converted in this run.
    public var pages: Int
    public var seconds: Double
    public var pagesPerSecond: Double
    /// Total seconds spent in each stage, over all documents (CPU-side, summed across workers).
    public var stageSeconds: [String: Double]
    /// Over all documents, current ones included.
    public var corrections: Int
    public var flaggedWords: Int
    /// Diagnostics of the converted documents by id (`extract.page.no-text`: 5).
    public var diagnostics: [String: Int]
    /// Every page of the converted documents that was read by OCR.
    public var ocrPages: [OCRPage]
    public var ocrSeconds: Double

    init(pipeline: PipelineDefinition, stages: [String], pipelineHash: String?, mode: RunMode, shard: Shard?, outcomes: [DocumentOutcome], seconds: Double,
         started: Date, stopped: (reason: String, notStarted: Int)? = nil) {
        self.stopped = stopped?.reason
        diariumVersion = InstalledFiles.versionDescription
        pipelineSHA256 = FileManager.default.contents(atPath: pipeline.origin).map(ContentHash.sha256)
        self.pipelineHash = pipelineHash
        let format = ISO8601DateFormatter()
        startedAt = format.string(from: started)
        endedAt = format.string(from: Date())
        files = outcomes.map { outcome in
            let ran = stages.filter { outcome.stageSeconds[$0] != nil }
            var file = File(file: outcome.displayPath, name: outcome.name, sha256: outcome.sha256,
                            id: outcome.sha256.map { ContentHash.documentID(relativePath: outcome.displayPath, sourceSHA256: $0) },
                            status: "converted",
                            pages: outcome.pages, outputs: outcome.outputs, ran: ran,
                            reused: [], seconds: (outcome.stageSeconds.values.reduce(0, +) * 1000).rounded() / 1000)
            switch outcome.status {
            case .converted:
                file.reused = Array(stages.prefix { outcome.stageSeconds[$0] == nil })
            case .upToDate:
                file.status = "up to date"
                file.reused = stages
            case .failed(let stage, let message):
                file.status = "failed"
                file.stage = stage
                file.message = message
                file.errorCode = FailureCode(stage: stage, message: message)
                // A file that could not be scanned or read reused no stage's result.
                file.reused = stages.contains(stage) ? Array(stages.prefix { outcome.stageSeconds[$0] == nil && $0 != stage }) : []
            }
            return file
        }
        self.pipeline = pipeline.origin
        self.stages = stages
        switch mode {
        case .incremental: self.mode = "incremental"
        case .force: self.mode = "force"
        case .from(let stage): self.mode = "from \(stage)"
        case .only(let stage): self.mode = "only \(stage)"
        }
        self.shard = shard?.description
        let converted = outcomes.filter { $0.status == .converted }
        documents = Counts(total: outcomes.count + (stopped?.notStarted ?? 0), converted: converted.count,
                           upToDate: outcomes.filter { $0.status == .upToDate }.count,
                           failed: outcomes.filter(\.failed).count, notStarted: stopped?.notStarted)
        failures = outcomes.compactMap { outcome in
            guard case .failed(let stage, let message) = outcome.status else { return nil }
            return Failure(file: outcome.displayPath, stage: stage, message: message,
                           errorCode: FailureCode(stage: stage, message: message))
        }
        pages = converted.reduce(0) { $0 + $1.pages }
        self.seconds = (seconds * 1000).rounded() / 1000
        pagesPerSecond = seconds > 0 ? (Double(pages) / seconds * 10).rounded() / 10 : 0
        var perStage: [String: Double] = [:]
        for outcome in outcomes {
            for (stage, spent) in outcome.stageSeconds { perStage[stage, default: 0] += spent }
        }
        stageSeconds = perStage.mapValues { ($0 * 1000).rounded() / 1000 }
        corrections = outcomes.reduce(0) { $0 + $1.corrections }
        flaggedWords = outcomes.reduce(0) { $0 + $1.flagged }
        var counts: [String: Int] = [:]
        for diagnostic in converted.flatMap(\.diagnostics) { counts[diagnostic.id, default: 0] += 1 }
        diagnostics = counts
        ocrPages = converted.flatMap { outcome in
            outcome.ocrPages.map {
                OCRPage(file: outcome.displayPath, page: $0.page, seconds: ($0.info.seconds * 1000).rounded() / 1000,
                        meanConfidence: ($0.info.meanConfidence * 10).rounded() / 10, reason: $0.info.reason.rawValue)
            }
        }
        ocrSeconds = (ocrPages.reduce(0) { $0 + $1.seconds } * 1000).rounded() / 1000
    }

    public static func fileName(shard: String?) -> String {
        guard let shard else { return "report.json" }
        return "report-shard-\(shard.replacingOccurrences(of: "/", with: "-of-")).json"
    }

    func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(self), to: folder.appendingPathComponent(Self.fileName(shard: shard)))
        guard shard != nil else { return }
        // Each shard, once its own report is written, merges all shards' reports into report.json, one
        // shard at a time (a lock): the last to finish leaves the whole run's report.
        let lock = open(folder.appendingPathComponent(".diarium/report.lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else { return }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let shards = names.filter { $0.hasPrefix("report-shard-") && $0.hasSuffix(".json") }.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                .flatMap { try? JSONDecoder().decode(RunReport.self, from: $0) }
        }
        if let merged = Self.merged(shards) {
            try AtomicFile.write(encoder.encode(merged), to: folder.appendingPathComponent(Self.fileName(shard: nil)))
        }
    }

    /// Shards' reports as one: counts, pages, stage times and diagnostics added,
    /// failures, files and OCR pages put together, the run from the first start to the last end.
    static func merged(_ shards: [RunReport]) -> RunReport? {
        guard var whole = shards.first else { return nil }
        for shard in shards.dropFirst() {
            whole.documents.total += shard.documents.total
            whole.documents.converted += shard.documents.converted
            whole.documents.upToDate += shard.documents.upToDate
            whole.documents.failed += shard.documents.failed
            if let notStarted = shard.documents.notStarted { whole.documents.notStarted = (whole.documents.notStarted ?? 0) + notStarted }
            whole.failures += shard.failures
            whole.files += shard.files
            whole.pages += shard.pages
            whole.seconds = max(whole.seconds, shard.seconds)
            whole.stageSeconds.merge(shard.stageSeconds, uniquingKeysWith: +)
            whole.corrections += shard.corrections
            whole.flaggedWords += shard.flaggedWords
            whole.diagnostics.merge(shard.diagnostics, uniquingKeysWith: +)
            whole.ocrPages += shard.ocrPages
            whole.ocrSeconds += shard.ocrSeconds
            whole.startedAt = min(whole.startedAt, shard.startedAt)
            whole.endedAt = max(whole.endedAt, shard.endedAt)
            whole.stopped = whole.stopped ?? shard.stopped
        }
        whole.shard = shards.count > 1 ? "merged from \(shards.count) shards" : whole.shard
        whole.pagesPerSecond = whole.seconds > 0 ? (Double(whole.pages) / whole.seconds * 10).rounded() / 10 : 0
        return whole
    }
}
