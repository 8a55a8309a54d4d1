import DocumentModel
import Foundation
import Logging

/// Per stage, how many documents of an output folder are done, stale (done
/// with other settings or stage versions than the pipeline has now), failed,
/// or were interrupted, read from the run journal.
public struct StatusReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var stage: String
        public var done = 0
        public var stale = 0
        public var failed = 0
        public var interrupted = 0
    }

    public var rows: [Row]
    public var documents: Int
    /// Failed documents with their stage and error, for the listing.
    public var failures: [(document: String, stage: String, error: String)]

    /// One document of the folder: each stage's state, what the next `convert`
    /// would do and why, and what the last run did (from its `report.json`).
    public struct DocumentStatus: Sendable {
        public var document: String
        public var source: String
        /// Per stage of the pipeline: `done`, `stale`, `failed: <error>`, `interrupted` or `not run`.
        public var stages: [(stage: String, state: String)]
        /// As `convert --dry-run` says it, judged against the same pipeline.
        public var nextConvert: String
        /// The last report's entry for the document, if it had one.
        public var lastRun: RunReport.File?
    }

    /// Filled only when asked for (`status --documents`): planning each
    /// document reads its cached artifacts and rehashes changed sources.
    public var perDocument: [DocumentStatus] = []

    public init(outputFolder: URL, stages: [ConfiguredStage], perDocument: Bool = false) throws {
        guard FileManager.default.fileExists(atPath: Journal.file(in: outputFolder).path) else {
            throw PipelineError.output(outputFolder.path, "no run journal here (.diarium/journal.sqlite); is this a `diarium convert` output folder?")
        }
        let journal = try Journal(outputFolder: outputFolder)
        let entries = try journal.entries()
        let decisions = (try? ReviewDecisionsStore.load(outputFolder: outputFolder))?.documents ?? [:]
        let byDocument = Dictionary(grouping: entries, by: \.document)
        documents = byDocument.count
        var rows = stages.map { Row(stage: $0.id) }
        var failures: [(String, String, String)] = []
        for (document, entries) in byDocument.sorted(by: { $0.key < $1.key }) {
            guard let sha = entries.first?.sourceSHA256 else { continue }
            var key = sha
            for (index, stage) in stages.enumerated() {
                key = stage.key(input: key, decisions: decisions[document])
                guard let entry = entries.first(where: { $0.stage == stage.id }) else { continue }
                switch entry.status {
                case .done where entry.fingerprint == key: rows[index].done += 1
                case .done: rows[index].stale += 1
                case .failed:
                    rows[index].failed += 1
                    failures.append((document, stage.id, entry.error ?? ""))
                case .running: rows[index].interrupted += 1
                }
            }
        }
        self.rows = rows
        self.failures = failures
        if perDocument {
            self.perDocument = Self.documentStatuses(byDocument, journal: journal, outputFolder: outputFolder, stages: stages,
                                                     decisions: decisions)
        }
    }

    private static func documentStatuses(_ byDocument: [String: [Journal.Entry]], journal: Journal, outputFolder: URL,
                                         stages: [ConfiguredStage], decisions: [String: DocumentDecisions]) -> [DocumentStatus] {
        // The planning `convert --dry-run` uses, so both say the same about a document.
        var processor = DocumentProcessor(stages: stages, outputFolder: outputFolder, logger: Logger(label: "status"))
        processor.decisions = decisions
        if let last = stages.last { processor.finished = journal.entries(stage: last.id) }
        processor.knownSources = journal.sourceFiles()
        processor.failedBefore = journal.failures()
        let lastReport = FileManager.default.contents(atPath: outputFolder.appendingPathComponent(RunReport.fileName(shard: nil)).path)
            .flatMap { try? JSONDecoder().decode(RunReport.self, from: $0) }
        let lastRuns = Dictionary((lastReport?.files ?? []).map { ($0.name, $0) }, uniquingKeysWith: { _, later in later })
        return byDocument.sorted(by: { $0.key < $1.key }).compactMap { document, entries in
            guard let first = entries.first else { return nil }
            var key = first.sourceSHA256
            // A stage is stale for its own sake (settings or version) when the stage before
            // is current, and for its input's when the stage before is not.
            var inputCurrent = true
            let states = stages.map { stage -> (String, String) in
                key = stage.key(input: key, decisions: decisions[document])
                guard let entry = entries.first(where: { $0.stage == stage.id }) else {
                    inputCurrent = false
                    return (stage.id, "not run")
                }
                defer { inputCurrent = entry.status == .done && entry.fingerprint == key }
                switch entry.status {
                case .done where entry.fingerprint == key: return (stage.id, "done")
                case .done where inputCurrent: return (stage.id, "stale (its settings or version changed)")
                case .done: return (stage.id, "stale (its input changed)")
                case .failed: return (stage.id, "failed: \(entry.error ?? "no cause recorded")")
                case .running: return (stage.id, "interrupted")
                }
            }
            // The journal keeps the source's path as shown and its hash; the hashed-files table
            // gives its absolute path, so a changed file is noticed where it can be found.
            let located = processor.knownSources.first { path, file in
                file.sha256 == first.sourceSHA256 && path.hasSuffix(first.source) && FileManager.default.fileExists(atPath: path)
            }?.key
            let nextConvert = located.map { processor.plannedWork(url: URL(fileURLWithPath: $0), name: document, displayPath: first.source) }
                ?? processor.plannedWork(for: SourceFile(url: URL(fileURLWithPath: first.source), name: document,
                                                         displayPath: first.source, sha256: first.sourceSHA256, byteCount: 0))
                    + " (judged by the source's hash in the journal: the file was not found where it was hashed)"
            return DocumentStatus(document: document, source: first.source, stages: states, nextConvert: nextConvert,
                                  lastRun: lastRuns[document])
        }
    }
}
