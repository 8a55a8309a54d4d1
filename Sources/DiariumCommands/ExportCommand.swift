import ArgumentParser
import Export
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a converted folder as one corpus: SQLite with full-text search, CSV, JSON Lines.",
        discussion: """
        Reads every document's .json output under <out> and writes tables keyed \
        by the document id: documents, sections, blocks (with the full-text \
        index blocks_fts), table_cells, people, organisations, reservations and \
        their claims, meetings, items, votes and member_votes, consultations, \
        attachments, corrections, review_flags, diagnostics. docs/export.md \
        describes every column; the README's "Querying the corpus" has example \
        queries (reservations by party, votes per item, documents by type and date).

        The SQLite database is <out>/.diarium/corpus.sqlite unless --sqlite \
        names another file. Exports are incremental: only documents whose \
        output changed since the last export are rewritten, and documents whose \
        output is gone are removed; the database changes in one transaction. \
        --csv and --jsonl write one file per table (<table>.csv, \
        <table>.jsonl) from the database, each replaced whole.

        An output that cannot be read or is not a diarium document is reported \
        with its cause and skipped, and the exit status is 1; 2 when nothing \
        could be exported (no outputs, a database that cannot be written).

        Examples:
          diarium export out
          diarium export out --sqlite corpus.db
          sqlite3 corpus.db "SELECT document_type, COUNT(*) FROM documents GROUP BY 1"
          diarium export out --csv tables --jsonl tables
          # in Python: pandas.read_json("tables/people.jsonl", lines=True)
        """)

    @Argument(help: ArgumentHelp("An output folder of `diarium convert` (its .json outputs are read).", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("The SQLite database to write or bring up to date. Default: <out>/.diarium/corpus.sqlite.", valueName: "file"))
    var sqlite: String?

    @Option(help: ArgumentHelp("Also write one CSV file per table (RFC 4180, UTF-8, header row) into this folder.", valueName: "folder"))
    var csv: String?

    @Option(help: ArgumentHelp("Also write one JSON Lines file per table into this folder.", valueName: "folder"))
    var jsonl: String?

    @Flag(name: .shortAndLong, help: "Print only problems and the summary line.")
    var quiet = false

    func run() throws {
        let exporter = CorpusExport(outputFolder: URL(fileURLWithPath: output), database: sqlite.map { URL(fileURLWithPath: $0) })
        let summary: ExportSummary
        do {
            summary = try exporter.run()
        } catch {
            throw RunError(error.description)
        }
        Self.reportProblems(summary.problems)
        if !quiet {
            for file in summary.added { print("added \(Console.oneLine(file))") }
            for file in summary.rewritten { print("rewritten \(Console.oneLine(file))") }
            for file in summary.removed { print("removed \(Console.oneLine(file))") }
        }
        print(Self.summaryLine(summary, database: exporter.database.path))
        do {
            for (format, folder) in [(TableDump.Format.csv, csv), (.jsonl, jsonl)] {
                guard let folder else { continue }
                let files = try TableDump.write(format, from: exporter.database, to: URL(fileURLWithPath: folder))
                print("\(files.count) \(format.rawValue) files → \(folder)")
            }
        } catch {
            throw RunError(error.description)
        }
        if !summary.problems.isEmpty { throw ExitCode(ExitStatus.someFailed) }
    }

    static func reportProblems(_ problems: [ExportProblem]) {
        guard !problems.isEmpty else { return }
        let text = problems.map { "skipped \(Console.oneLine($0.file)): \(Console.oneLine($0.cause))\n" }.joined()
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func summaryLine(_ summary: ExportSummary, database: String) -> String {
        var line = "\(summary.documents) documents: \(summary.added.count) added, \(summary.rewritten.count) rewritten, "
            + "\(summary.removed.count) removed, \(summary.unchanged) unchanged"
        if !summary.problems.isEmpty { line += ", \(summary.problems.count) skipped" }
        return line + " → \(database)"
    }
}
