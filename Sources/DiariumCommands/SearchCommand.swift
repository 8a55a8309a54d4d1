import ArgumentParser
import Export
import Foundation
import PipelineCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the text of a converted folder.",
        discussion: """
        Answers from the folder's export (<out>/.diarium/corpus.sqlite, or \
        --sqlite), which is brought up to date first, as `diarium export` \
        does: only changed outputs are read again.

        Every word must occur in a paragraph, list item or table, in any case. \
        Words are taken as Swedish stems and prefixes, so `nämnd` finds \
        Nämnden, nämndens and nämnder, and `nämnden` finds them too; å, ä and ö \
        stay letters of their own (`får` does not find `far`). Text in double \
        quotes is a phrase, matched word for word. Hits are ranked by relevance \
        (bm25) and print the document, its section heading and a snippet with \
        the matches between « and ».

        Examples:
          diarium search out nämnd
          diarium search out 'reservation "till förmån för"' --limit 5
          diarium search out budget --json | jq '.hits[].sourceFile'
        """)

    @Argument(help: ArgumentHelp("An output folder of `diarium convert`.", valueName: "out"))
    var output: String

    @Argument(help: ArgumentHelp("Words to find; \"…\" for a phrase.", valueName: "query"))
    var query: String

    @Option(help: ArgumentHelp("The export's SQLite database. Default: <out>/.diarium/corpus.sqlite.", valueName: "file"))
    var sqlite: String?

    @Option(help: "At most this many hits.")
    var limit = 20

    @Flag(help: "Print the hits as one JSON object (query, match expression, hits).")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard CorpusSearch.matchExpression(for: query) != nil else { throw ValidationError("the query has no words to search for") }
    }

    private struct JSONAnswer: Encodable {
        var query: String
        var match: String
        var hits: [SearchHit]
    }

    func run() throws {
        let exporter = CorpusExport(outputFolder: URL(fileURLWithPath: output), database: sqlite.map { URL(fileURLWithPath: $0) })
        let hits: [SearchHit]
        let summary: ExportSummary
        do {
            summary = try exporter.run()
            hits = try CorpusSearch(database: exporter.database).search(query, limit: limit)
        } catch {
            throw RunError(error.description)
        }
        ExportCommand.reportProblems(summary.problems)
        if json {
            let answer = JSONAnswer(query: query, match: CorpusSearch.matchExpression(for: query) ?? "", hits: hits)
            let data = try DirectJSONEncoder(prettyPrinted: true).encode(answer)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            for hit in hits {
                let pages = hit.pages.isEmpty ? "" : " p. " + hit.pages.map(String.init).joined(separator: "–")
                let title = hit.title.map { " — \($0)" } ?? ""
                print("\(Console.oneLine(hit.sourceFile))\(Console.oneLine(title)) [\(hit.documentType)\(hit.date.map { ", \($0)" } ?? "")]")
                print("  \(Console.oneLine(hit.heading ?? "(before the first heading)"))\(pages)")
                print("  \(Console.oneLine(hit.snippet))")
            }
            print("\(hits.count) hit\(hits.count == 1 ? "" : "s")\(hits.count == limit ? " (--limit \(limit); there may be more)" : "")")
        }
        if !summary.problems.isEmpty { throw ExitCode(ExitStatus.someFailed) }
    }
}
