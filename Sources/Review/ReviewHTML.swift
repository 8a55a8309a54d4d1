import DocumentModel
import Emit
import Foundation

/// The review pages as HTML. Everything that comes from a document is
/// escaped (`escape`), and the data the script needs travels as JSON whose
/// `<`, `>` and `&` are written as `\u` escapes, so no document text can
/// close the script element it sits in.
enum ReviewHTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON safe inside `<script>`.
    static func scriptJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return text.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    private static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    // MARK: - Index

    static func index(_ documents: [ReviewedDocument], decisions: ReviewDecisionsFile) -> String {
        let ranked = documents.sorted {
            ($0.damage, $0.output.reviewFlags.count, $1.name) > ($1.damage, $1.output.reviewFlags.count, $0.name)
        }
        var rows = ""
        for document in ranked {
            let output = document.output
            let decided = decisions.documents[document.name]?.decisions.count ?? 0
            rows += """
            <tr><td><a href="\(escape(document.pageFile))">\(escape(output.source.file))</a></td>\
            <td>\(escape(output.metadata.title ?? ""))</td><td>\(escape(output.metadata.documentType))</td>\
            <td class="num">\(output.source.pages)</td><td class="num">\(format(document.damage))</td>\
            <td class="num">\(output.corrections.count)</td><td class="num">\(output.reviewFlags.count)</td>\
            <td class="num">\(document.warnings.count)</td><td class="num">\(decided)</td></tr>

            """
        }
        let flags = documents.reduce(0) { $0 + $1.output.reviewFlags.count }
        let corrections = documents.reduce(0) { $0 + $1.output.corrections.count }
        return page(title: "Review: \(documents.count) documents", body: """
        <header><h1>Review</h1>
        <p>\(documents.count) documents, \(corrections) corrections, \(flags) flags to decide; the most damaged first.
        Decisions are saved to <code>review/decisions.json</code> while <code>diarium review &lt;out&gt; --serve</code> runs,
        and the next <code>diarium convert</code> applies them.</p><p id="status" class="status"></p></header>
        <table class="index"><thead><tr><th>document</th><th>title</th><th>type</th><th>pages</th><th>damage</th>\
        <th>corrections</th><th>flags</th><th>warnings</th><th>decided</th></tr></thead>
        <tbody>
        \(rows)</tbody></table>
        """, document: nil)
    }

    // MARK: - Document

    /// A correction or flag as the script needs it to record a decision.
    struct Item: Encodable {
        var target: String
        var page: Int
        var word: String
        var corrected: String?
        var confidence: Double?
        var reason: String
        var evidence: [String]
        var candidates: [String]
        var before: String
        var after: String
        var block: String
        var originalStart: Int
    }

    /// A published unit of text: a heading, paragraph or list item.
    private struct Unit {
        var id: String
        var text: String
        var original: String
        var page: Int
        var heading: Int?
        /// A list item's marker, shown before its text (the marks' offsets count from the text).
        var marker: String?
    }

    static func documentPage(_ document: ReviewedDocument, decisions: DocumentDecisions?, hasImages: Bool) -> String {
        let output = document.output
        var units: [Unit] = []
        collect(output.preamble, page: 1, into: &units)
        for section in output.sections { collect(section, into: &units) }
        let unitIDs = Set(units.map(\.id))
        let originals = Dictionary(units.map { ($0.id, Array($0.original.unicodeScalars)) }, uniquingKeysWith: { first, _ in first })

        var items: [String: Item] = [:]
        var marks: [String: [(start: Int, end: Int, html: (String) -> String)]] = [:]
        func context(_ location: OutputTextLocation) -> (String, String) {
            let original = originals[location.block] ?? []
            let start = min(max(0, location.originalStart), original.count), end = min(max(start, location.originalEnd), original.count)
            var before = String.UnicodeScalarView(), after = String.UnicodeScalarView()
            before.append(contentsOf: original[max(0, start - 24)..<start])
            after.append(contentsOf: original[end..<min(original.count, end + 24)])
            return (String(before), String(after))
        }
        var unlocated: [String] = []
        for (index, correction) in output.corrections.enumerated() {
            guard let location = correction.location, unitIDs.contains(location.block) else {
                unlocated.append("<li>p. \(correction.page): <del>\(escape(correction.original))</del> → <ins>\(escape(correction.corrected))</ins></li>")
                continue
            }
            let key = "c\(index)"
            let (before, after) = context(location)
            items[key] = Item(target: "correction", page: correction.page, word: correction.original, corrected: correction.corrected,
                              confidence: correction.confidence, reason: correction.reason, evidence: correction.evidence,
                              candidates: [], before: before, after: after, block: location.block, originalStart: location.originalStart)
            let title = "printed: \(correction.original) · confidence \(correction.confidence) · \(correction.reason)"
                + (correction.evidence.isEmpty ? "" : " · " + correction.evidence.joined(separator: "; "))
            marks[location.block, default: []].append((location.textStart, location.textEnd, { inner in
                "<mark class=\"corr\" tabindex=\"0\" data-item=\"\(key)\" data-orig=\"\(escape(correction.original))\" title=\"\(escape(title))\">\(inner)</mark>"
            }))
        }
        var flagList = ""
        for (index, flag) in output.reviewFlags.enumerated() {
            let key = "f\(index)"
            guard let location = flag.location, unitIDs.contains(location.block) else {
                flagList += "<li class=\"flag-item unlocated\">p. \(flag.page): <b>\(escape(flag.word))</b> (\(escape(flag.reason)); not located in the text, so it cannot be decided here)</li>\n"
                continue
            }
            let (before, after) = context(location)
            items[key] = Item(target: "flag", page: flag.page, word: flag.word, corrected: nil, confidence: nil, reason: flag.reason,
                              evidence: [], candidates: flag.candidates.filter { $0 != flag.word }, before: before, after: after,
                              block: location.block, originalStart: location.originalStart)
            marks[location.block, default: []].append((location.textStart, location.textEnd, { inner in
                "<mark class=\"flag\" tabindex=\"0\" data-item=\"\(key)\" title=\"\(escape("flagged: \(flag.reason)"))\">\(inner)</mark>"
            }))
            let candidates = flag.candidates.filter { $0 != flag.word }.map(escape).joined(separator: ", ")
            flagList += """
            <li class="flag-item" id="item-\(key)" data-item="\(key)"><span class="where">p. \(flag.page)</span> \
            <span class="context">…\(escape(before))<b>\(escape(flag.word))</b>\(escape(after))…</span> \
            <span class="why">\(escape(flag.reason))\(candidates.isEmpty ? "" : "; candidates: \(candidates)")</span>
            <span class="decision" data-item="\(key)"></span></li>

            """
        }

        var byPage: [Int: String] = [:]
        for unit in units {
            let text = (unit.marker.map { escape($0) + " " } ?? "") + marked(unit.text, marks: marks[unit.id] ?? [])
            let html: String
            if let level = unit.heading {
                let tag = "h\(min(6, level + 2))"
                html = "<\(tag) id=\"\(escape(unit.id))\" class=\"unit heading\">\(text)</\(tag)>\n"
            } else {
                html = "<p id=\"\(escape(unit.id))\" class=\"unit\">\(text)</p>\n"
            }
            byPage[unit.page, default: ""] += html
        }
        var pages = ""
        for number in 1...max(1, output.source.pages) {
            let image = hasImages
                ? "<img src=\"\(escape(ReviewedDocument.imageFile(id: document.id, page: number)))\" loading=\"lazy\" alt=\"page \(number)\">"
                : "<p class=\"missing\">no page image: the source PDF was not found</p>"
            pages += """
            <section class="page" id="page-\(number)"><div class="image"><div class="label">page \(number)</div>\(image)</div>
            <div class="text">\(byPage[number] ?? "<p class=\"empty\">(no body text on this page)</p>")</div></section>

            """
        }
        let warnings = document.warnings.map {
            "<li>\($0.page.map { "p. \($0): " } ?? "")<code>\(escape($0.id))</code> \(escape($0.message))</li>"
        }.joined()
        let data = ScriptData(document: document.name, items: items)
        let title = output.metadata.title ?? output.source.file
        return page(title: title, body: """
        <header><p><a href="index.html">← all documents</a></p>
        <h1>\(escape(title))</h1>
        <p class="meta">\(escape(output.source.file)) · \(escape(output.metadata.documentType)) · \(output.source.pages) pages · \
        damage \(format(document.damage)) · \(output.corrections.count) corrections · \(output.reviewFlags.count) flags · \
        \(decisions?.decisions.count ?? 0) decided</p>
        <p id="status" class="status"></p></header>
        <div class="layout">
        <nav class="tree"><h2>Sections</h2>\(tree(output.sections))</nav>
        <main>
        <section class="flags"><h2>Flags to decide (\(output.reviewFlags.count))</h2><ol>
        \(flagList)</ol></section>
        \(warnings.isEmpty ? "" : "<section class=\"warnings\"><h2>Structure warnings</h2><ul>\(warnings)</ul></section>")
        <p class="hint">Corrections are <mark class="corr">marked</mark> (the printed word on hover; click to decide),
        flags <mark class="flag">so</mark>.</p>
        \(pages)
        \(unlocated.isEmpty ? "" : "<details class=\"unlocated\"><summary>\(unlocated.count) corrections outside the published text</summary><ul>\(unlocated.joined())</ul></details>")
        </main>
        <aside id="panel" hidden></aside>
        </div>
        <script type="application/json" id="review-data">\(scriptJSON(data))</script>
        """, document: document.name)
    }

    private struct ScriptData: Encodable {
        var document: String
        var items: [String: Item]
    }

    private static func collect(_ blocks: [OutputBlock], page: Int, into units: inout [Unit]) {
        var page = page
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                page = paragraph.pages.min() ?? page
                units.append(Unit(id: paragraph.id, text: paragraph.text, original: paragraph.original, page: page))
            case .list(let list):
                for item in list.items {
                    units.append(Unit(id: item.id, text: item.text, original: item.original, page: page, marker: item.marker))
                }
            case .table(let table):
                page = table.pages.min() ?? page
                let cells = table.rows.map { $0.cells.map(\.text).joined(separator: " | ") }.joined(separator: " / ")
                units.append(Unit(id: table.id, text: cells, original: cells, page: page))
            }
        }
    }

    private static func collect(_ section: OutputSection, into units: inout [Unit]) {
        let first = section.pages.first ?? 1
        units.append(Unit(id: section.id, text: section.heading, original: section.headingOriginal, page: first, heading: section.level))
        collect(section.blocks, page: first, into: &units)
        for child in section.sections { collect(child, into: &units) }
    }

    /// The text escaped, with each mark's range (in code points) wrapped; an overlapping mark is left out.
    private static func marked(_ text: String, marks: [(start: Int, end: Int, html: (String) -> String)]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var cursor = 0
        func chunk(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return escape(String(view))
        }
        for mark in marks.sorted(by: { $0.start < $1.start }) {
            let (start, end) = (mark.start, mark.end)
            guard start >= cursor, start <= end, end <= scalars.count else { continue }
            out += chunk(cursor..<start) + mark.html(chunk(start..<end))
            cursor = end
        }
        out += chunk(cursor..<scalars.count)
        return out
    }

    private static func tree(_ sections: [OutputSection]) -> String {
        guard !sections.isEmpty else { return "" }
        let items = sections.map { section in
            let label = [section.number, section.heading.isEmpty ? section.kind : section.heading].compactMap { $0 }.joined(separator: " ")
            return "<li><a href=\"#\(escape(section.id))\">\(escape(label))</a> <span class=\"kind\">\(escape(section.kind))</span>\(tree(section.sections))</li>"
        }
        return "<ul>\(items.joined())</ul>"
    }

    private static func page(title: String, body: String, document: String?) -> String {
        """
        <!DOCTYPE html>
        <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title><link rel="stylesheet" href="review.css"></head>
        <body\(document.map { " data-document=\"\(escape($0))\"" } ?? "")>
        \(body)
        <script src="review.js"></script>
        </body></html>

        """
    }
}
