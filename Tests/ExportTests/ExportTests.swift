import Emit
@testable import Export
import Foundation
import GRDB
import XCTest

/// The export of a folder of outputs: tables and their counts, full-text
/// search, incremental re-export, the CSV and JSON Lines dumps, the README's
/// example queries, and the problems an export reports.
final class ExportTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL
    /// Two real outputs of the emit stage (an utlåtande with a reservation,
    /// corrections and a flag; a protocol with a meeting, items and a vote),
    /// kept up to date by the emit snapshot tests.
    static let snapshots = root.appendingPathComponent("Tests/EmitTests/Snapshots")

    private var folders: [URL] = []

    override func tearDown() {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        folders = []
        super.tearDown()
    }

    private func temporary(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-export-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folders.append(url)
        return url
    }

    /// An output folder as convert leaves it: the utlåtande in a sub-folder,
    /// the protocol at the top, a run report beside them.
    private func outputFolder() throws -> URL {
        let folder = try temporary("out")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.snapshots.appendingPathComponent("utlatande.json"),
                                         to: folder.appendingPathComponent("a/utlatande.json"))
        try FileManager.default.copyItem(at: Self.snapshots.appendingPathComponent("protokoll.json"),
                                         to: folder.appendingPathComponent("protokoll.json"))
        try Data(#"{"diariumVersion": "1.2.0", "files": []}"#.utf8).write(to: folder.appendingPathComponent("report.json"))
        return folder
    }

    private func count(_ table: String, in database: URL, where condition: String = "1") throws -> Int {
        try DatabaseQueue(path: database.path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)") ?? -1
        }
    }

    /// Rewrites one field of a JSON output, as a re-conversion with other results would.
    private func edit(_ file: URL, _ change: (inout [String: Any]) -> Void) throws {
        let data = try Data(contentsOf: file)
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return XCTFail("\(file.lastPathComponent) is not a JSON object")
        }
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: file)
    }

    private func setTitle(_ title: String, of file: URL) throws {
        try edit(file) { object in
            var metadata = object["metadata"] as? [String: Any] ?? [:]
            metadata["title"] = title
            object["metadata"] = metadata
        }
    }

    // MARK: - Tables

    func testEveryTableGetsTheRowsOfTheOutputs() throws {
        let folder = try outputFolder()
        let summary = try CorpusExport(outputFolder: folder).run()
        XCTAssertEqual(summary.added, ["a/utlatande.json", "protokoll.json"], "the run report is not a document")
        XCTAssertEqual(summary.problems, [])
        XCTAssertEqual(summary.documents, 2)
        let database = CorpusExport.defaultDatabase(in: folder)
        let expected = [
            "documents": 2, "document_dnr": 2, "sections": 7 + 10, "blocks": 5 + 11, "table_cells": 9,
            "people": 5 + 6, "organisations": 2 + 3, "reservations": 1, "reservation_claims": 1, "meetings": 1,
            "items": 3, "votes": 1, "member_votes": 4, "consultations": 2, "attachments": 2,
            "corrections": 3, "review_flags": 1, "diagnostics": 1,
        ]
        XCTAssertEqual(Set(expected.keys), Set(CorpusSchema.tables.map(\.name)), "every table is counted")
        for (table, rows) in expected {
            XCTAssertEqual(try count(table, in: database), rows, table)
        }
        try DatabaseQueue(path: database.path).read { db in
            let document = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM documents WHERE output = 'a/utlatande'"))
            XCTAssertEqual(document["id"], "92a8b0c1653e1311")
            XCTAssertEqual(document["document_type"], "utlatande")
            XCTAssertEqual(document["dnr"], "KS 2025/364")
            XCTAssertEqual(document["motion_numbers"], #"["2025:12"]"#)
            // The reservation is numbered and tied to the section that prints it, its author to it.
            let reservant = try XCTUnwrap(Row.fetchOne(db, sql: """
                SELECT r.section_id, r.body, p.name, p.party FROM reservations r
                JOIN people p ON p.document_id = r.document_id AND p.reservation = r.reservation
                """))
            XCTAssertEqual(reservant["section_id"], "sec-3")
            // A correction names the block it sits in and its range there.
            let correction = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM corrections WHERE original = 'Kommunfullmaktige'"))
            XCTAssertEqual(correction["block_id"], "sec-1-p1")
            XCTAssertEqual(correction["original_start"], 0)
            XCTAssertEqual(correction["text_end"], 17)
            XCTAssertEqual(reservant["body"], "Kommunstyrelsen")
            XCTAssertEqual(reservant["name"], "Jonas Naddebo")
            XCTAssertEqual(reservant["party"], "C")
            // The vote sits in the omröstning below the item; it names the item.
            let vote = try XCTUnwrap(Row.fetchOne(db, sql: """
                SELECT i.number, i.dnr, v.yes, v.no, v.abstain FROM votes v
                JOIN items i ON i.document_id = v.document_id AND i.section_id = v.item_section_id
                """))
            XCTAssertEqual(vote["number"], "KS § 31")
            XCTAssertEqual(vote["dnr"], "KS 2024/12")
            XCTAssertEqual([vote["yes"], vote["no"], vote["abstain"]] as [Int], [2, 1, 1])
            let tree = try Row.fetchAll(db, sql: "SELECT section_id, parent_id, level FROM sections WHERE document_id = '8640309eeddee8fb' AND parent_id = 'sec-2'")
            XCTAssertEqual(tree.count, 6)
            XCTAssertTrue(tree.allSatisfy { $0["level"] == 2 })
            let listItem = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM blocks WHERE type = 'list_item' AND document_id = '92a8b0c1653e1311'"))
            XCTAssertEqual(listItem["marker"], "1.")
            XCTAssertEqual(listItem["item"], 1)
            XCTAssertEqual(listItem["section_id"], "sec-1")
        }
    }

    // MARK: - Search

    func testSwedishStemsAsPrefixes() {
        for word in ["nämnd", "nämnden", "Nämndens", "nämnder", "NÄMNDEN"] {
            XCTAssertEqual(SwedishStemmer.stem(word), "nämnd", word)
        }
        XCTAssertEqual(SwedishStemmer.stem("kommunen"), "kommun")
        XCTAssertEqual(SwedishStemmer.stem("hus"), "hus", "a stem this short keeps its s")
        XCTAssertEqual(SwedishStemmer.stem("2025"), "2025")
        XCTAssertEqual(CorpusSearch.matchExpression(for: "Nämnden budget"), #""nämnd"* "budget"*"#)
        XCTAssertEqual(CorpusSearch.matchExpression(for: #"reservation "till förmån för""#), #""reservation"* "till förmån för""#)
        XCTAssertEqual(CorpusSearch.matchExpression(for: #"a"b"#), #""a"* "b""#, "a stray quote cannot break the expression")
        XCTAssertNil(CorpusSearch.matchExpression(for: " – ? "))
    }

    func testNämndFindsNämndenAndTheHitNamesDocumentAndSection() throws {
        let folder = try outputFolder()
        try CorpusExport(outputFolder: folder).run()
        let search = try CorpusSearch(database: CorpusExport.defaultDatabase(in: folder))
        let hits = try search.search("nämnd", limit: 10)
        let hit = try XCTUnwrap(hits.first { $0.snippet.contains("«Nämnden»") }, "\(hits)")
        XCTAssertEqual(hit.documentID, "92a8b0c1653e1311")
        XCTAssertEqual(hit.heading, "Socialnämnden")
        XCTAssertEqual(hit.sectionID, "sec-2.1")
        XCTAssertEqual(hit.pages, [2, 3])
        XCTAssertEqual(try search.search("NÄMNDENS", limit: 10).map(\.blockID), hits.map(\.blockID))
        XCTAssertEqual(try search.search("namnden", limit: 10), [], "å, ä and ö are letters of their own")
        XCTAssertEqual(try search.search(#""Kommunfullmäktige föreslås""#, limit: 10).map(\.blockID), ["sec-1-p1"])
    }

    // MARK: - Incremental

    /// Every table's rows as the CSV dump writes them.
    private func dump(_ database: URL) throws -> [String: Data] {
        let folder = try temporary("dump")
        var tables: [String: Data] = [:]
        for file in try TableDump.write(.csv, from: database, to: folder) {
            tables[file.lastPathComponent] = try Data(contentsOf: file)
        }
        return tables
    }

    func testReExportRewritesOnlyWhatChangedAndRemovesWhatIsGone() throws {
        let folder = try outputFolder()
        let database = CorpusExport.defaultDatabase(in: folder)
        try CorpusExport(outputFolder: folder).run()
        let before = try dump(database)
        XCTAssertEqual(try CorpusSearch(database: database).search("Skellefteåsalen", limit: 5).count, 1)

        let again = try CorpusExport(outputFolder: folder).run()
        XCTAssertEqual(again.added + again.rewritten + again.removed, [])
        XCTAssertEqual(again.unchanged, 2)
        XCTAssertEqual(try dump(database), before, "not a row changed")

        try setTitle("Motion om att ta Otto till Göteborg", of: folder.appendingPathComponent("a/utlatande.json"))
        let changed = try CorpusExport(outputFolder: folder).run()
        XCTAssertEqual(changed.rewritten, ["a/utlatande.json"])
        XCTAssertEqual(changed.unchanged, 1)
        XCTAssertEqual(try count("documents", in: database, where: "title LIKE '%Göteborg'"), 1)
        XCTAssertEqual(try count("blocks", in: database), 16, "the old rows went with the rewrite")
        XCTAssertEqual(try count("people", in: database), 11)

        try FileManager.default.removeItem(at: folder.appendingPathComponent("protokoll.json"))
        let removed = try CorpusExport(outputFolder: folder).run()
        XCTAssertEqual(removed.removed, ["protokoll.json"])
        XCTAssertEqual(removed.documents, 1)
        for table in CorpusSchema.tables where table.name != "documents" {
            XCTAssertEqual(try count(table.name, in: database, where: "document_id = '8640309eeddee8fb'"), 0, table.name)
        }
        XCTAssertEqual(try count("export_files", in: database), 1)
        // The full-text index follows its table through rewrites and deletions.
        try DatabaseQueue(path: database.path).write { db in
            try db.execute(sql: "INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")
        }
        XCTAssertEqual(try CorpusSearch(database: database).search("Skellefteåsalen", limit: 5), [],
                       "the protocol's text is gone from the index")
    }

    // MARK: - Dumps

    func testCSVQuotesCommasQuotesAndLineBreaks() throws {
        XCTAssertEqual(TableDump.csvField("plain text"), "plain text")
        XCTAssertEqual(TableDump.csvField(#"Budget, "2025""#), #""Budget, ""2025""""#)
        XCTAssertEqual(TableDump.csvField("two\r\nlines"), "\"two\r\nlines\"")

        let folder = try outputFolder()
        let title = "Budget 2025, \"ram\"\noch investeringar"
        try setTitle(title, of: folder.appendingPathComponent("protokoll.json"))
        try CorpusExport(outputFolder: folder).run()
        let tables = folder.appendingPathComponent("tables")
        let written = try TableDump.write(.csv, from: CorpusExport.defaultDatabase(in: folder), to: tables)
        XCTAssertEqual(written.map(\.lastPathComponent), CorpusSchema.tables.map { "\($0.name).csv" })
        let csv = try String(contentsOf: tables.appendingPathComponent("documents.csv"), encoding: .utf8)
        let records = Self.parseCSV(csv)
        XCTAssertEqual(records.first, CorpusSchema.documents.columnNames)
        let titleColumn = try XCTUnwrap(CorpusSchema.documents.columnNames.firstIndex(of: "title"))
        XCTAssertEqual(Set(records.dropFirst().map { $0[titleColumn] }), [title, "Motion om att ta Otto till Stockholm"])
        XCTAssertTrue(records.allSatisfy { $0.count == CorpusSchema.documents.columns.count })
    }

    func testJSONLinesHaveOneObjectPerRowWithTypedValues() throws {
        let folder = try outputFolder()
        try CorpusExport(outputFolder: folder).run()
        let tables = folder.appendingPathComponent("jsonl")
        try TableDump.write(.jsonl, from: CorpusExport.defaultDatabase(in: folder), to: tables)
        let text = try String(contentsOf: tables.appendingPathComponent("table_cells.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 9)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(first["header"] as? Bool, true)
        XCTAssertEqual(first["row_index"] as? Int, 1)
        let corrections = try String(contentsOf: tables.appendingPathComponent("corrections.jsonl"), encoding: .utf8)
        let correction = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(corrections.split(separator: "\n")[0].utf8)) as? [String: Any])
        XCTAssertEqual(correction["evidence"] as? [String], ["lexicon", "unigram 3.2e-4"])
        XCTAssertEqual(correction["confidence"] as? Double, 0.9732)
    }

    /// RFC 4180 read back: quoted fields may hold commas, doubled quotes and line breaks.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                records.append(record + [field])
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }

    // MARK: - The README's queries

    /// Every statement in the README's example-query blocks runs on an export
    /// and answers with at least one row.
    func testTheREADMEsExampleQueriesRunAndAnswer() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let statements = Self.sqlStatements(in: readme)
        XCTAssertGreaterThanOrEqual(statements.count, 4, "the README's ```sql blocks")
        let folder = try outputFolder()
        try CorpusExport(outputFolder: folder).run()
        try DatabaseQueue(path: CorpusExport.defaultDatabase(in: folder).path).read { db in
            for statement in statements {
                XCTAssertFalse(try Row.fetchAll(db, sql: statement).isEmpty, statement)
            }
        }
    }

    static func sqlStatements(in markdown: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBlock = false
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                inBlock = !inBlock && line == "```sql"
                continue
            }
            guard inBlock, !line.hasPrefix("--") else { continue }
            current += line + "\n"
            if line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        return statements
    }

    func testDocsDescribeEveryTableAndColumn() throws {
        let docs = try String(contentsOf: Self.root.appendingPathComponent("docs/export.md"), encoding: .utf8)
        for table in CorpusSchema.tables {
            guard let start = docs.range(of: "### `\(table.name)`") else {
                XCTFail("docs/export.md has no section for \(table.name)")
                continue
            }
            let section = docs[start.upperBound...].prefix { $0 != "#" }
            for column in table.columnNames {
                XCTAssertTrue(section.contains("`\(column)`"), "docs/export.md: \(table.name).\(column)")
            }
        }
    }

    // MARK: - Problems

    func testABrokenOutputIsReportedAndSkippedAndTheRestExported() throws {
        let folder = try outputFolder()
        try Data("{\"schemaVersion\": \"1.3\", ".utf8).write(to: folder.appendingPathComponent("truncated.json"))
        try Data(#"{"rows": []}"#.utf8).write(to: folder.appendingPathComponent("other.json"))
        try edit(folder.appendingPathComponent("protokoll.json")) { object in
            var source = object["source"] as? [String: Any] ?? [:]
            source["pages"] = "four"
            object["source"] = source
        }
        let summary = try CorpusExport(outputFolder: folder).run()
        XCTAssertEqual(summary.added, ["a/utlatande.json"])
        XCTAssertEqual(summary.problems.map(\.file), ["other.json", "protokoll.json", "truncated.json"])
        XCTAssertEqual(summary.problems[0].cause, "not a diarium document output (no schemaVersion)")
        XCTAssertTrue(summary.problems[1].cause.contains("source.pages"), summary.problems[1].cause)
        XCTAssertEqual(summary.problems[2].cause, "not valid JSON: Unexpected end of file during JSON parse.")
    }

    func testAFolderWithoutOutputsAndAnUnwritableDatabaseStopTheExport() throws {
        let empty = try temporary("empty")
        XCTAssertThrowsError(try CorpusExport(outputFolder: empty).run()) { error in
            XCTAssertTrue("\(error)".contains("no .json outputs"), "\(error)")
        }
        let folder = try outputFolder()
        // A folder path that runs through a file cannot be created, not even by root.
        let blocked = folder.appendingPathComponent("protokoll.json/corpus.sqlite")
        XCTAssertThrowsError(try CorpusExport(outputFolder: folder, database: blocked).run()) { error in
            XCTAssertTrue("\(error)".contains(blocked.deletingLastPathComponent().path), "\(error)")
        }
        let foreign = folder.appendingPathComponent("foreign.sqlite")
        try DatabaseQueue(path: foreign.path).write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        XCTAssertThrowsError(try CorpusExport(outputFolder: folder, database: foreign).run()) { error in
            XCTAssertTrue("\(error)".contains("tables of something else"), "\(error)")
        }
        XCTAssertEqual(try DatabaseQueue(path: foreign.path).read { db in try db.tableExists("documents") }, false,
                       "nothing was written into the other database")
    }
}
