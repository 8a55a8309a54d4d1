import Foundation

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

    public init(outputFolder: URL, stages: [ConfiguredStage]) throws {
        guard FileManager.default.fileExists(atPath: Journal.file(in: outputFolder).path) else {
            throw PipelineError.output(outputFolder.path, "no run journal here (.diarium/journal.sqlite); is this a `diarium convert` output folder?")
        }
        let entries = try Journal(outputFolder: outputFolder).entries()
        let byDocument = Dictionary(grouping: entries, by: \.document)
        documents = byDocument.count
        var rows = stages.map { Row(stage: $0.id) }
        var failures: [(String, String, String)] = []
        for (document, entries) in byDocument.sorted(by: { $0.key < $1.key }) {
            guard let sha = entries.first?.sourceSHA256 else { continue }
            var key = sha
            for (index, stage) in stages.enumerated() {
                key = stage.key(input: key)
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
    }
}
