import Foundation

/// The tables of an export, in one place: the SQLite DDL, the CSV and JSON
/// Lines dumps and the row builder all take their columns from here, so a
/// column added here reaches every format. docs/export.md describes them
/// (a test keeps the two in step).
public enum CorpusSchema {
    /// Raised when the tables change shape: a database of another version is
    /// rebuilt from the outputs instead of being migrated (it is derived data).
    /// 2: documents carry the pipeline hash (output schema 1.5).
    public static let version = 2

    public enum ColumnType: String, Sendable {
        case text, integer, real
        /// 0/1 in SQLite; `true`/`false` in CSV and JSON Lines.
        case boolean
        /// A JSON array of strings kept as text in SQLite and CSV (query it
        /// with `json_each`); an array in JSON Lines.
        case json

        var sqlType: String {
            switch self {
            case .text, .json: "TEXT"
            case .integer, .boolean: "INTEGER"
            case .real: "REAL"
            }
        }
    }

    public struct Column: Sendable {
        public var name: String
        public var type: ColumnType
        public var required: Bool
    }

    public struct Table: Sendable {
        public var name: String
        public var columns: [Column]
        public var primaryKey: [String]

        public var columnNames: [String] { columns.map(\.name) }
    }

    private static func column(_ name: String, _ type: ColumnType = .text, required: Bool = false) -> Column {
        Column(name: name, type: type, required: required)
    }

    private static let document = column("document_id", required: true)
    private static let position = column("position", .integer, required: true)
    private static let section = column("section_id", required: true)

    public static let documents = Table(name: "documents", columns: [
        column("id", required: true), column("output", required: true),
        column("source_file", required: true), column("source_sha256", required: true),
        column("pages", .integer, required: true), column("byte_count", .integer, required: true),
        column("document_type", required: true), column("title"), column("date"),
        column("organisation"), column("unit"), column("label"), column("designation"), column("dnr"),
        column("motion_numbers", .json, required: true),
        column("schema_version", required: true), column("diarium_version", required: true), column("pipeline_hash"),
        column("producer"), column("creator"), column("creation_date"),
        column("damage", .real), column("unknown_word_share", .real),
        column("correction_count", .integer, required: true), column("flagged_word_count", .integer, required: true),
    ], primaryKey: ["id"])

    public static let documentDnr = Table(name: "document_dnr", columns: [
        document, position, column("dnr", required: true),
    ], primaryKey: ["document_id", "position"])

    public static let sections = Table(name: "sections", columns: [
        document, section, column("parent_id"), position, column("level", .integer, required: true),
        column("kind", required: true), column("heading", required: true), column("heading_original", required: true),
        column("implicit", .boolean, required: true), column("first_page", .integer), column("last_page", .integer),
        column("number"), column("dnr"),
    ], primaryKey: ["document_id", "section_id"])

    public static let blocks = Table(name: "blocks", columns: [
        document, position, column("block_id", required: true), column("item", .integer), column("section_id"),
        column("type", required: true), column("marker"), column("text", required: true),
        column("original", required: true), column("first_page", .integer), column("last_page", .integer),
    ], primaryKey: ["document_id", "position"])

    public static let tableCells = Table(name: "table_cells", columns: [
        document, column("block_id", required: true), column("row_index", .integer, required: true),
        column("column_index", .integer, required: true), column("header", .boolean, required: true),
        column("text", required: true), column("original", required: true),
    ], primaryKey: ["document_id", "block_id", "row_index", "column_index"])

    public static let people = Table(name: "people", columns: [
        document, position, column("relation", required: true), column("name", required: true),
        column("party"), column("role"), column("reservation", .integer),
    ], primaryKey: ["document_id", "position"])

    public static let organisations = Table(name: "organisations", columns: [
        document, position, column("relation", required: true), column("name", required: true),
    ], primaryKey: ["document_id", "position"])

    public static let reservations = Table(name: "reservations", columns: [
        document, column("reservation", .integer, required: true), column("section_id"), column("body"),
    ], primaryKey: ["document_id", "reservation"])

    public static let reservationClaims = Table(name: "reservation_claims", columns: [
        document, column("reservation", .integer, required: true), position, column("claim", required: true),
    ], primaryKey: ["document_id", "reservation", "position"])

    public static let meetings = Table(name: "meetings", columns: [
        document, column("organ"), column("date"), column("time"), column("place"), column("chair"),
        column("secretary"), column("adjustment_date"), column("adjustment_place"),
    ], primaryKey: ["document_id"])

    public static let items = Table(name: "items", columns: [
        document, section, position, column("number", required: true), column("title", required: true),
        column("dnr"), column("first_page", .integer), column("last_page", .integer),
    ], primaryKey: ["document_id", "section_id"])

    public static let votes = Table(name: "votes", columns: [
        document, section, column("item_section_id"), column("yes", .integer, required: true),
        column("no", .integer, required: true), column("abstain", .integer),
    ], primaryKey: ["document_id", "section_id"])

    public static let memberVotes = Table(name: "member_votes", columns: [
        document, section, position, column("name", required: true), column("party"), column("vote", required: true),
    ], primaryKey: ["document_id", "section_id", "position"])

    public static let consultations = Table(name: "consultations", columns: [
        document, section, column("body", required: true), column("decision_date"), column("report_date"),
        column("no_answer", .boolean, required: true), column("decision_points", .json, required: true),
    ], primaryKey: ["document_id", "section_id"])

    public static let attachments = Table(name: "attachments", columns: [
        document, section, position, column("title", required: true), column("dnr"),
    ], primaryKey: ["document_id", "section_id", "position"])

    public static let corrections = Table(name: "corrections", columns: [
        document, position, column("page", .integer, required: true), column("original", required: true),
        column("corrected", required: true), column("confidence", .real, required: true),
        column("reason", required: true), column("evidence", .json, required: true),
    ] + located, primaryKey: ["document_id", "position"])

    /// Where a correction or flag sits: the block's id and the character ranges in its printed and repaired text.
    private static let located = [
        column("block_id"), column("original_start", .integer), column("original_end", .integer),
        column("text_start", .integer), column("text_end", .integer),
    ]

    public static let reviewFlags = Table(name: "review_flags", columns: [
        document, position, column("page", .integer, required: true), column("word", required: true),
        column("reason", required: true), column("candidates", .json, required: true),
    ] + located, primaryKey: ["document_id", "position"])

    public static let diagnostics = Table(name: "diagnostics", columns: [
        document, position, column("severity", required: true), column("diagnostic_id", required: true),
        column("message", required: true), column("page", .integer),
    ], primaryKey: ["document_id", "position"])

    /// Every table of document data, in the order the dumps write them.
    public static let tables: [Table] = [
        documents, documentDnr, sections, blocks, tableCells, people, organisations, reservations,
        reservationClaims, meetings, items, votes, memberVotes, consultations, attachments,
        corrections, reviewFlags, diagnostics,
    ]

    /// The full-text index over `blocks.text`. unicode61 folds case (`Nämnden`
    /// finds `nämnden`) but keeps å, ä and ö apart from a, o: in Swedish they are
    /// letters of their own (`får`/`far`, `kör`/`kor`).
    static let fullTextTable = "blocks_fts"

    /// Which output file each document came from, with its hash and stat
    /// stamp, so the next export reads only files that changed.
    static let exportedFiles = "export_files"
    /// Key/value facts of the export: schema version, output folder.
    static let exportInfo = "export_info"

    static var creationSQL: String {
        var sql = ""
        for table in tables {
            var lines: [String] = []
            if table.name == blocks.name {
                // A stable integer key for the external-content FTS table to point at
                // (an implicit rowid may be renumbered by VACUUM).
                lines.append("row INTEGER PRIMARY KEY")
            }
            lines += table.columns.map { "\($0.name) \($0.type.sqlType)\($0.required ? " NOT NULL" : "")" }
            let key = table.primaryKey.joined(separator: ", ")
            lines.append(table.name == blocks.name ? "UNIQUE (\(key))" : "PRIMARY KEY (\(key))")
            sql += "CREATE TABLE \(table.name) (\n    " + lines.joined(separator: ",\n    ") + "\n);\n"
        }
        sql += """
            CREATE INDEX blocks_section ON blocks (document_id, section_id);
            CREATE INDEX people_name ON people (name);
            CREATE INDEX people_party ON people (party);
            CREATE INDEX documents_type_date ON documents (document_type, date);
            CREATE VIRTUAL TABLE \(fullTextTable) USING fts5(
                text, content='blocks', content_rowid='row', tokenize="unicode61 remove_diacritics 0");
            CREATE TRIGGER blocks_fts_insert AFTER INSERT ON blocks BEGIN
                INSERT INTO \(fullTextTable) (rowid, text) VALUES (new.row, new.text);
            END;
            CREATE TRIGGER blocks_fts_delete AFTER DELETE ON blocks BEGIN
                INSERT INTO \(fullTextTable) (\(fullTextTable), rowid, text) VALUES ('delete', old.row, old.text);
            END;
            CREATE TRIGGER blocks_fts_update AFTER UPDATE OF text ON blocks BEGIN
                INSERT INTO \(fullTextTable) (\(fullTextTable), rowid, text) VALUES ('delete', old.row, old.text);
                INSERT INTO \(fullTextTable) (rowid, text) VALUES (new.row, new.text);
            END;
            CREATE TABLE \(exportedFiles) (
                path TEXT PRIMARY KEY,
                document_id TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                stamp TEXT
            );
            CREATE TABLE \(exportInfo) (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );

            """
        return sql
    }
}
