import Foundation
import GRDB
import PipelineCore

/// Writes every table of an export's database as one file per table:
/// `<table>.csv` (RFC 4180) or `<table>.jsonl` (one JSON object a line, as
/// `pandas.read_json(path, lines=True)` reads). Each file is written to a
/// temporary file and renamed into place, so a reader never sees half a table.
public enum TableDump {
    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl
    }

    /// Returns the files written, in table order.
    @discardableResult
    public static func write(_ format: Format, from database: URL, to folder: URL) throws(ExportError) -> [URL] {
        let queue = try CorpusExport.open(database, creating: false)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError("cannot create the folder \(folder.path): \(FileErrorCause.describe(error))")
        }
        var written: [URL] = []
        for table in CorpusSchema.tables {
            let data: Data
            do {
                data = try queue.read { db in try render(table, format: format, db: db) }
            } catch {
                throw ExportError("cannot read the table \(table.name) from \(database.path): \((error as? DatabaseError)?.message ?? "\(error)")")
            }
            let file = folder.appendingPathComponent("\(table.name).\(format.rawValue)")
            do {
                try AtomicFile.write(data, to: file)
            } catch {
                throw ExportError("cannot write \(file.path): \(FileErrorCause.describe(error))")
            }
            written.append(file)
        }
        return written
    }

    private static func render(_ table: CorpusSchema.Table, format: Format, db: Database) throws -> Data {
        let sql = "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.primaryKey.joined(separator: ", "))"
        let rows = try Row.fetchCursor(db, sql: sql)
        var text = ""
        let encoder = DirectJSONEncoder()
        switch format {
        case .csv:
            text += table.columnNames.map(csvField).joined(separator: ",") + "\r\n"
            while let row = try rows.next() {
                text += table.columns.enumerated().map { index, column in
                    csvField(csvValue(row[index], type: column.type))
                }.joined(separator: ",") + "\r\n"
            }
        case .jsonl:
            while let row = try rows.next() {
                let line = JSONLine(columns: table.columns, values: table.columns.indices.map { row[$0] })
                text += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
            }
        }
        return Data(text.utf8)
    }

    /// RFC 4180: a field holding a comma, a double quote or a line break is
    /// quoted, its quotes doubled.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// NULL is an empty field (CSV cannot tell it from an empty text).
    private static func csvValue(_ value: DatabaseValue, type: CorpusSchema.ColumnType) -> String {
        switch value.storage {
        case .null: ""
        case .int64(let number): type == .boolean ? (number != 0 ? "true" : "false") : String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): data.base64EncodedString()
        }
    }

    /// One row as a JSON object, its members in column order.
    private struct JSONLine: Encodable {
        var columns: [CorpusSchema.Column]
        var values: [DatabaseValue]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (column, value) in zip(columns, values) {
                let key = Key(stringValue: column.name)
                switch value.storage {
                case .null: try container.encodeNil(forKey: key)
                case .int64(let number):
                    if column.type == .boolean { try container.encode(number != 0, forKey: key) } else { try container.encode(number, forKey: key) }
                case .double(let number): try container.encode(number, forKey: key)
                case .string(let text):
                    // The json columns hold arrays of strings this module wrote; they go in as arrays.
                    if column.type == .json, let array = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) {
                        try container.encode(array, forKey: key)
                    } else {
                        try container.encode(text, forKey: key)
                    }
                case .blob(let data): try container.encode(data.base64EncodedString(), forKey: key)
                }
            }
        }
    }
}
