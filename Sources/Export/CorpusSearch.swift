import Emit
import Foundation
import GRDB

/// One block that matches a search; every key is present in JSON, as in the outputs.
public struct SearchHit: Codable, Sendable, Equatable {
    public var documentID: String
    public var sourceFile: String
    public var output: String
    @Nullable public var title: String?
    public var documentType: String
    @Nullable public var date: String?
    /// Nil for text before the first heading.
    @Nullable public var sectionID: String?
    @Nullable public var heading: String?
    public var blockID: String
    public var pages: [Int]
    /// The matching words between « and ».
    public var snippet: String
}

/// Full-text search over an export's blocks (FTS5, bm25 ranking).
public struct CorpusSearch {
    private let queue: DatabaseQueue

    public init(database: URL) throws(ExportError) {
        queue = try CorpusExport.open(database, creating: false)
    }

    /// The FTS5 expression for what a person types: every word must occur, as
    /// a prefix of its Swedish stem (`nämnden` → `"nämnd"*`, finding
    /// `Nämndens` and `nämnder`); text in double quotes is a phrase, matched
    /// as written (case aside). Nil when the query has no words.
    public static func matchExpression(for query: String) -> String? {
        var terms: [String] = []
        for (index, part) in query.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            let words = part.split { !$0.isLetter && !$0.isNumber }.map(String.init)
            guard !words.isEmpty else { continue }
            if index % 2 == 1 {
                terms.append(quoted(words.joined(separator: " ")))
            } else {
                terms += words.map { quoted(SwedishStemmer.stem($0)) + "*" }
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func search(_ query: String, limit: Int) throws(ExportError) -> [SearchHit] {
        guard let expression = Self.matchExpression(for: query) else {
            throw ExportError("the query \"\(query)\" has no words to search for")
        }
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT b.document_id, d.source_file, d.output, d.title, d.document_type, d.date,
                           b.section_id, s.heading, b.block_id, b.first_page, b.last_page, s.first_page AS section_page,
                           snippet(\(CorpusSchema.fullTextTable), 0, '«', '»', '…', 16) AS snippet
                    FROM \(CorpusSchema.fullTextTable) AS f
                    JOIN blocks AS b ON b.row = f.rowid
                    JOIN documents AS d ON d.id = b.document_id
                    LEFT JOIN sections AS s ON s.document_id = b.document_id AND s.section_id = b.section_id
                    WHERE \(CorpusSchema.fullTextTable) MATCH ?
                    ORDER BY bm25(\(CorpusSchema.fullTextTable)), b.document_id, b.position
                    LIMIT ?
                    """, arguments: [expression, limit]).map { row in
                    // A list item has no pages of its own; its section's first page is the nearest.
                    let first: Int? = row["first_page"] ?? row["section_page"]
                    let last: Int? = row["last_page"] ?? first
                    return SearchHit(documentID: row["document_id"], sourceFile: row["source_file"], output: row["output"],
                                     title: row["title"], documentType: row["document_type"], date: row["date"],
                                     sectionID: row["section_id"], heading: row["heading"], blockID: row["block_id"],
                                     pages: [first, last].compactMap { $0 }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } },
                                     snippet: row["snippet"])
                }
            }
        } catch {
            throw ExportError("cannot search \(queue.path): \((error as? DatabaseError)?.message ?? "\(error)")")
        }
    }
}
