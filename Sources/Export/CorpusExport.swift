import Emit
import Foundation
import GRDB
import PipelineCore

/// A problem with one output file: reported, the file skipped, the rest exported.
public struct ExportProblem: Sendable, Equatable, CustomStringConvertible {
    /// Relative to the output folder.
    public var file: String
    public var cause: String

    public var description: String { "\(file): \(cause)" }
}

/// A problem that stops the whole export (nothing is written).
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }

    static func database(_ url: URL, _ error: any Error) -> ExportError {
        let reason = (error as? DatabaseError)?.message ?? "\(error)"
        return ExportError("cannot write the corpus database \(url.path): \(reason)")
    }
}

/// What one export changed in the database.
public struct ExportSummary: Sendable {
    /// Output files (relative paths) whose documents were added, rewritten or removed.
    public var added: [String] = []
    public var rewritten: [String] = []
    public var removed: [String] = []
    public var unchanged = 0
    public var problems: [ExportProblem] = []
    /// Documents in the database after the export.
    public var documents = 0
}

/// Exports the JSON outputs of a `diarium convert` folder into a SQLite
/// database, incrementally: a document is rewritten only when its output
/// file changed (its stat stamp, then its SHA-256), and the rows of outputs
/// that are gone are deleted. The whole export is one transaction, so a
/// reader (or a run killed half-way) sees the old corpus or the new one.
public struct CorpusExport: Sendable {
    public let outputFolder: URL
    public let database: URL

    /// Where `export` and `search` keep the database when not told otherwise.
    public static func defaultDatabase(in outputFolder: URL) -> URL {
        outputFolder.appendingPathComponent(".diarium/corpus.sqlite")
    }

    public init(outputFolder: URL, database: URL? = nil) {
        self.outputFolder = outputFolder
        self.database = database ?? Self.defaultDatabase(in: outputFolder)
    }

    public func run() throws(ExportError) -> ExportSummary {
        let files = try outputFiles()
        let queue = try Self.open(database, creating: true)
        let folder = outputFolder.standardizedFileURL.path
        do {
            return try queue.write { db in
                try Self.prepareSchema(db, outputFolder: folder)
                var summary = try export(files, into: db)
                summary.documents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(CorpusSchema.documents.name)") ?? 0
                return summary
            }
        } catch {
            throw ExportError.database(database, error)
        }
    }

    /// Opens an export's database; `creating` makes the file (and its folder) when missing.
    static func open(_ database: URL, creating: Bool) throws(ExportError) -> DatabaseQueue {
        if creating {
            do {
                try FileManager.default.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw ExportError("cannot create the folder of the corpus database \(database.path): \(FileErrorCause.describe(error))")
            }
        } else if !FileManager.default.fileExists(atPath: database.path) {
            throw ExportError("no corpus database at \(database.path); run diarium export first")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "diarium.corpus"
        configuration.readonly = !creating
        do {
            return try DatabaseQueue(path: database.path, configuration: configuration)
        } catch {
            throw ExportError.database(database, error)
        }
    }

    // MARK: - The files

    /// The `.json` outputs under the folder, in path order: hidden folders (the
    /// `.diarium` cache) and the run reports at the top are not documents.
    private func outputFiles() throws(ExportError) -> [OutputFolderFiles.File] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputFolder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ExportError("\(outputFolder.path): no such folder")
        }
        guard let listed = OutputFolderFiles.list(in: outputFolder, extensions: ["json"]) else {
            throw ExportError("\(outputFolder.path): cannot read the folder")
        }
        let files = listed.filter { !OutputFolderFiles.isRunReport(relative: $0.relative) }
        guard !files.isEmpty else {
            throw ExportError("\(outputFolder.path): no .json outputs to export (convert with the json format, e.g. diarium convert <pdfs> -o \(outputFolder.path))")
        }
        return files
    }

    // MARK: - The database

    private static func prepareSchema(_ db: Database, outputFolder: String) throws {
        if try db.tableExists(CorpusSchema.exportInfo) {
            let info = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM \(CorpusSchema.exportInfo)")
                .map { (row: Row) -> (String, String) in (row["key"], row["value"]) })
            if info["schema"] != String(CorpusSchema.version) {
                try dropEverything(db)
            } else if info["output_folder"] != outputFolder {
                // Rows keyed by another folder's paths would be kept or dropped by accident.
                for table in CorpusSchema.tables { try db.execute(sql: "DELETE FROM \(table.name)") }
                try db.execute(sql: "DELETE FROM \(CorpusSchema.exportedFiles)")
            }
        } else {
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            guard tables.isEmpty else {
                throw DatabaseError(message: "the file holds tables of something else (\(tables.prefix(3).joined(separator: ", "))); name another file")
            }
        }
        if try !db.tableExists(CorpusSchema.exportInfo) {
            try db.execute(sql: CorpusSchema.creationSQL)
        }
        try db.execute(sql: "INSERT OR REPLACE INTO \(CorpusSchema.exportInfo) (key, value) VALUES ('schema', ?), ('output_folder', ?), ('exported_at', ?)",
                       arguments: [String(CorpusSchema.version), outputFolder, ISO8601DateFormatter().string(from: Date())])
    }

    private static func dropEverything(_ db: Database) throws {
        // The FTS table first: dropping it drops its own shadow tables.
        try db.execute(sql: "DROP TABLE IF EXISTS \(CorpusSchema.fullTextTable)")
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
            try db.execute(sql: "DROP TABLE IF EXISTS \"\(table)\"")
        }
    }

    private struct ExportedFile {
        var documentID: String
        var sha256: String
        var stamp: String?
    }

    private func export(_ files: [OutputFolderFiles.File], into db: Database) throws -> ExportSummary {
        var summary = ExportSummary()
        var exported: [String: ExportedFile] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT path, document_id, sha256, stamp FROM \(CorpusSchema.exportedFiles)") {
            exported[row["path"]] = ExportedFile(documentID: row["document_id"], sha256: row["sha256"], stamp: row["stamp"])
        }
        var owners = Dictionary(exported.map { ($0.value.documentID, $0.key) }, uniquingKeysWith: { first, _ in first })

        func forget(_ path: String) throws {
            guard let known = exported.removeValue(forKey: path) else { return }
            try Self.deleteDocument(known.documentID, db: db)
            try db.execute(sql: "DELETE FROM \(CorpusSchema.exportedFiles) WHERE path = ?", arguments: [path])
            if owners[known.documentID] == path { owners[known.documentID] = nil }
            summary.removed.append(path)
        }

        let present = Set(files.map(\.relative))
        for path in exported.keys.sorted() where !present.contains(path) { try forget(path) }

        for file in files {
            let known = exported[file.relative]
            let stamp = FileStamp(path: file.url.path)
            if let known, let stamp, known.stamp == stamp.description {
                summary.unchanged += 1
                continue
            }
            let data: Data
            do {
                data = try Data(contentsOf: file.url)
            } catch {
                summary.problems.append(ExportProblem(file: file.relative, cause: "cannot read: \(FileErrorCause.describe(error))"))
                try forget(file.relative)
                continue
            }
            let sha256 = ContentHash.sha256(data)
            // A stamp taken while the file may still change could hide that change later.
            let settledStamp = stamp.flatMap { $0.isSettled() ? $0.description : nil }
            if let known, known.sha256 == sha256 {
                try db.execute(sql: "UPDATE \(CorpusSchema.exportedFiles) SET stamp = ? WHERE path = ?",
                               arguments: [settledStamp, file.relative])
                summary.unchanged += 1
                continue
            }
            let document: OutputDocument
            do {
                document = try OutputReading.document(from: data)
            } catch {
                summary.problems.append(ExportProblem(file: file.relative, cause: error.description))
                try forget(file.relative)
                continue
            }
            let id = document.source.id
            if let owner = owners[id], owner != file.relative {
                summary.problems.append(ExportProblem(file: file.relative, cause: "has the document id \(id) of \(owner) (a copy?); skipped"))
                try forget(file.relative)
                continue
            }
            if let known {
                try Self.deleteDocument(known.documentID, db: db)
                owners[known.documentID] = nil
            }
            let output = String(file.relative.dropLast(".json".count))
            try Self.insert(DocumentRows(document, output: output), db: db)
            try db.execute(sql: """
                INSERT OR REPLACE INTO \(CorpusSchema.exportedFiles) (path, document_id, sha256, stamp) VALUES (?, ?, ?, ?)
                """, arguments: [file.relative, id, sha256, settledStamp])
            exported[file.relative] = ExportedFile(documentID: id, sha256: sha256, stamp: settledStamp)
            owners[id] = file.relative
            if known == nil { summary.added.append(file.relative) } else { summary.rewritten.append(file.relative) }
        }
        return summary
    }

    private static func deleteDocument(_ id: String, db: Database) throws {
        for table in CorpusSchema.tables {
            try db.execute(sql: "DELETE FROM \(table.name) WHERE \(table.columns[0].name) = ?", arguments: [id])
        }
    }

    private static func insert(_ document: DocumentRows, db: Database) throws {
        for table in CorpusSchema.tables {
            guard let rows = document.rows[table.name], !rows.isEmpty else { continue }
            let names = table.columnNames
            let statement = try db.cachedStatement(sql: """
                INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
                """)
            for row in rows {
                let values: [(any DatabaseValueConvertible)?] = names.map { row[$0] ?? nil }
                try statement.execute(arguments: StatementArguments(values))
            }
        }
    }
}
