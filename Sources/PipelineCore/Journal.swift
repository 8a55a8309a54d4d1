import Foundation
import GRDB

/// The run journal: one row per document and stage with its fingerprint
/// (cache key), status, timing and error, in SQLite under
/// `<out>/.diarium/journal.sqlite`. Several processes (shards) may write it
/// at once: WAL mode and a busy timeout serialise them.
///
/// The journal records what happened; whether a result can be reused is
/// decided by the artifacts themselves (their key files and content hashes),
/// so a journal lost or behind after a crash never causes a wrong output.
public final class Journal: Sendable {
    public enum Status: String, Sendable, Codable {
        case running, done, failed
    }

    public struct Entry: Sendable, Equatable {
        public var document: String
        public var stage: String
        public var source: String
        public var sourceSHA256: String
        public var fingerprint: String
        public var status: Status
        public var seconds: Double?
        public var error: String?
        public var pages: Int?
        public var corrections: Int?
        public var flagged: Int?
    }

    private let database: DatabasePool

    /// Where an output folder's journal lives.
    public static func file(in outputFolder: URL) -> URL {
        outputFolder.appendingPathComponent(".diarium/journal.sqlite")
    }

    public init(outputFolder: URL) throws {
        let file = Self.file(in: outputFolder)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "diarium.journal"
        // WAL with synchronous=NORMAL survives a killed process; only a power
        // cut can lose the last records, and the journal is advisory (the
        // artifacts decide what is reused), so the per-commit fsync is not worth it.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        database = try DatabasePool(path: file.path, configuration: configuration)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS stage_runs (
                    document TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    source TEXT NOT NULL,
                    source_sha256 TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    status TEXT NOT NULL,
                    seconds REAL,
                    error TEXT,
                    pages INTEGER,
                    corrections INTEGER,
                    flagged INTEGER,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (document, stage)
                );
                CREATE TABLE IF NOT EXISTS runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    pipeline TEXT NOT NULL,
                    shard TEXT,
                    documents INTEGER,
                    converted INTEGER,
                    up_to_date INTEGER,
                    failed INTEGER
                );
                CREATE TABLE IF NOT EXISTS source_files (
                    path TEXT PRIMARY KEY,
                    sha256 TEXT NOT NULL,
                    byte_count INTEGER NOT NULL,
                    stamp TEXT NOT NULL
                );
                """)
        }
    }

    /// Records the entries, and a source file's new hash and stamp, in one
    /// transaction. `settling` names a document that has finished: the
    /// `running` mark an earlier, killed process left on it goes.
    public func record(_ entries: [Entry], source: (path: String, file: HashedFile)? = nil, settling document: String? = nil) {
        guard !entries.isEmpty || source != nil || document != nil else { return }
        // A journal write that fails (disk full, locked for too long) must not fail the document.
        try? database.write { db in
            if let document {
                try db.execute(sql: "DELETE FROM stage_runs WHERE document = ? AND status = 'running'", arguments: [document])
            }
            for entry in entries { try Self.upsert(entry, in: db) }
            if let source, let stamp = source.file.stamp {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO source_files (path, sha256, byte_count, stamp) VALUES (?, ?, ?, ?)
                    """, arguments: [source.path, source.file.sha256, source.file.byteCount, stamp.description])
            }
        }
    }

    /// The hashes of source files with the stamps they had, by path, so a
    /// re-run reads only the files that changed since (a lost journal only
    /// means reading them all again).
    public func sourceFiles() -> [String: HashedFile] {
        let rows = (try? database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM source_files") }) ?? []
        var files: [String: HashedFile] = [:]
        for row in rows {
            guard let stamp = FileStamp(row["stamp"] as String) else { continue }
            files[row["path"]] = HashedFile(sha256: row["sha256"], byteCount: row["byte_count"], stamp: stamp)
        }
        return files
    }

    private static func upsert(_ entry: Entry, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO stage_runs (document, stage, source, source_sha256, fingerprint, status, seconds, error,
                                    pages, corrections, flagged, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
            ON CONFLICT(document, stage) DO UPDATE SET
                source = excluded.source, source_sha256 = excluded.source_sha256,
                fingerprint = excluded.fingerprint, status = excluded.status, seconds = excluded.seconds,
                error = excluded.error, pages = excluded.pages, corrections = excluded.corrections,
                flagged = excluded.flagged, updated_at = excluded.updated_at
            """, arguments: [entry.document, entry.stage, entry.source, entry.sourceSHA256, entry.fingerprint,
                             entry.status.rawValue, entry.seconds, entry.error, entry.pages, entry.corrections,
                             entry.flagged])
    }

    public func entries() throws -> [Entry] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stage_runs ORDER BY document, stage").map(Self.entry)
        }
    }

    /// Documents a process was converting when it died (a crash, kill -9, a
    /// power cut): their first stage is still marked `running`.
    public func inFlight() -> Set<String> {
        let rows = (try? database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT document FROM stage_runs WHERE status = 'running'")
        }) ?? []
        return Set(rows)
    }

    /// What a document's `running` row says while the document is converted in a
    /// child after an earlier process died with it in flight.
    public static let recoveringMark = "recovering after an earlier run died with it in flight"

    /// Documents in flight (`inFlight`) that were being recovered when their process
    /// died, with the hash of the source they were converted from.
    public func inFlightRecoveries() -> [String: String] {
        let rows = (try? database.read { db in
            try Row.fetchAll(db, sql: "SELECT document, source_sha256 FROM stage_runs WHERE status = 'running' AND error = ?",
                             arguments: [Self.recoveringMark])
        }) ?? []
        return Dictionary(rows.map { ($0["document"], $0["source_sha256"]) }, uniquingKeysWith: { first, _ in first })
    }

    /// Documents whose last conversion failed, by document, with the stage,
    /// its key and the source hash it failed on.
    public func failures() -> [String: Entry] {
        let rows = (try? database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stage_runs WHERE status = 'failed'").map(Self.entry)
        }) ?? []
        return Dictionary(rows.map { ($0.document, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The source each document was last converted from (as shown) and its hash, by
    /// document: the owner of the document's output name in this folder.
    public func documentSources() -> [String: (path: String, sha256: String)] {
        let rows = (try? database.read { db in
            try Row.fetchAll(db, sql: "SELECT document, source, source_sha256 FROM stage_runs GROUP BY document")
        }) ?? []
        var sources: [String: (path: String, sha256: String)] = [:]
        for row in rows { sources[row["document"]] = (row["source"], row["source_sha256"]) }
        return sources
    }

    /// Removes the rows of documents whose source is gone (`diarium prune`).
    public func forget(documents: [String]) throws {
        guard !documents.isEmpty else { return }
        try database.write { db in
            for document in documents {
                try db.execute(sql: "DELETE FROM stage_runs WHERE document = ?", arguments: [document])
            }
        }
    }

    /// Every document's entry for one stage, by document, in one query.
    public func entries(stage: String) -> [String: Entry] {
        let rows = (try? database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stage_runs WHERE stage = ?", arguments: [stage]).map(Self.entry)
        }) ?? []
        return Dictionary(rows.map { ($0.document, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func entry(_ row: Row) -> Entry {
        Entry(document: row["document"], stage: row["stage"], source: row["source"],
              sourceSHA256: row["source_sha256"], fingerprint: row["fingerprint"],
              status: Status(rawValue: row["status"]) ?? .failed, seconds: row["seconds"], error: row["error"],
              pages: row["pages"], corrections: row["corrections"], flagged: row["flagged"])
    }

    /// Starts a run record and returns its id.
    public func beginRun(pipeline: String, shard: String?) -> Int64? {
        try? database.write { db in
            try db.execute(sql: "INSERT INTO runs (started_at, pipeline, shard) VALUES (?, ?, ?)",
                           arguments: [Self.now(), pipeline, shard])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64?, documents: Int, converted: Int, upToDate: Int, failed: Int) {
        guard let id else { return }
        try? database.write { db in
            try db.execute(sql: """
                UPDATE runs SET finished_at = ?, documents = ?, converted = ?, up_to_date = ?, failed = ? WHERE id = ?
                """, arguments: [Self.now(), documents, converted, upToDate, failed, id])
        }
    }

    private static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
