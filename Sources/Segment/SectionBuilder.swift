import DocumentModel
import Foundation

/// Builds the section tree from the blocks and the heading decisions, and
/// reads each section's content: paragraphs, lists, table-of-contents
/// entries, attachments, consultation and reservation details.
struct SectionBuilder {
    var blocks: [TextBlock]
    var headings: [Int: HeadingDecision]
    /// Blocks that are not body (letterhead, furniture) or part of a heading.
    var skipped: Set<Int>

    func build() -> (preamble: [ContentBlock], sections: [Section]) {
        var preamble: [TextBlock] = []
        // Open sections from the root down; closed ones are folded into their parent.
        var stack: [(section: Section, blocks: [TextBlock])] = []
        var roots: [Section] = []

        func close(downTo level: Int) {
            while let last = stack.last, last.section.level >= level {
                stack.removeLast()
                let finished = finish(last.section, last.blocks)
                if stack.isEmpty {
                    roots.append(finished)
                } else {
                    stack[stack.count - 1].section.sections.append(finished)
                    stack[stack.count - 1].section.lastPage = max(stack[stack.count - 1].section.lastPage, finished.lastPage)
                }
            }
        }

        for (index, block) in blocks.enumerated() where !skipped.contains(index) {
            if let heading = headings[index] {
                close(downTo: heading.level)
                let level = min(heading.level, (stack.last?.section.level ?? 0) + 1)
                let section = Section(kind: heading.kind, heading: heading.text, headingOriginal: heading.printed,
                                      level: level, implicit: heading.implicit,
                                      firstPage: block.firstPage, lastPage: block.lastPage, number: heading.number)
                // An implicit section's opening paragraph is part of its text; so are
                // the lines of the heading's block that are not heading.
                var opening = heading.implicit ? [block] : []
                if !heading.remainder.isEmpty {
                    let text = heading.remainder.map { $0.text.trimmingSpaces() }.joined(separator: " ")
                    opening.append(TextBlock(lines: heading.remainder, text: text, hyphenations: [],
                                             fontSize: block.fontSize, bold: false))
                }
                stack.append((section, opening))
            } else if stack.isEmpty {
                preamble.append(block)
            } else {
                stack[stack.count - 1].blocks.append(block)
                stack[stack.count - 1].section.lastPage = max(stack[stack.count - 1].section.lastPage, block.lastPage)
            }
        }
        close(downTo: 0)
        return (ContentReader.content(preamble), roots)
    }

    private func finish(_ section: Section, _ blocks: [TextBlock]) -> Section {
        var section = section
        switch section.kind {
        case .innehallsforteckning:
            // The entries as data; the lines stay as text too, so nothing printed is lost.
            section.tableOfContents = blocks.flatMap(\.lines).map { TableOfContents.entry($0.text) }
        case .bilagor:
            section.attachments = ContentReader.attachments(blocks)
        case .paragraf:
            section.dnr = blocks.prefix(3).lazy.compactMap { ProtocolReader.itemDnr($0.text) }.first
        default:
            break
        }
        if section.kind == .paragraf || section.kind == .omrostning {
            section.vote = blocks.lazy.compactMap { ProtocolReader.vote(in: $0.text) }.first
        }
        section.blocks = ContentReader.content(blocks)
        if section.kind == .paragraf || section.kind == .omrostning {
            section.vote = VoteTables.vote(section.vote, content: section.blocks)
        }
        return section
    }
}

/// Paragraphs, lists and tables from blocks; list items carry their marker.
enum ContentReader {
    static func content(_ blocks: [TextBlock]) -> [ContentBlock] {
        var content: [ContentBlock] = []
        // Tables are read from the blocks cut at their lines' cell-wide gaps; a table
        // stands in for whole blocks only.
        let pieces = TableReader.pieces(blocks)
        var tables: [Int: (end: Int, table: ContentBlock.Table)] = [:]
        for (start, found) in TableReader.tables(pieces.map(\.block)) {
            let first = pieces[start].origin, last = pieces[found.end - 1].origin
            guard start == 0 || pieces[start - 1].origin != first,
                  found.end == pieces.count || pieces[found.end].origin != last else { continue }
            tables[first] = (last + 1, found.table)
        }
        var skipUntil = 0
        for (index, block) in blocks.enumerated() where index >= skipUntil {
            if let (end, table) = tables[index] {
                content.append(.table(table))
                skipUntil = end
                continue
            }
            let pages = Array(Set(block.lines.map(\.page))).sorted()
            if let item = listItem(block) {
                if case .list(var list) = content.last, list.ordered == item.ordered {
                    list.items.append(item.item)
                    content[content.count - 1] = .list(list)
                } else {
                    content.append(.list(ContentBlock.ListBlock(ordered: item.ordered, items: [item.item])))
                }
            } else {
                content.append(.paragraph(ContentBlock.Paragraph(text: block.text, original: block.printedText,
                                                                 pages: pages.isEmpty ? [block.firstPage] : pages)))
            }
        }
        return content
    }

    private static func listItem(_ block: TextBlock) -> (item: ContentBlock.ListItem, ordered: Bool)? {
        guard let match = block.text.prefixMatch(of: marker) else { return nil }
        let printed = block.printedText
        let printedMatch = printed.prefixMatch(of: marker)
        let item = ContentBlock.ListItem(marker: String(match.1),
                                         text: String(block.text[match.range.upperBound...]),
                                         original: printedMatch.map { String(printed[$0.range.upperBound...]) } ?? printed)
        return (item, match.1.first?.isNumber == true || match.1.count == 2)
    }

    /// Attachments are the list items and the paragraphs that carry a Dnr.
    static func attachments(_ blocks: [TextBlock]) -> [Attachment] {
        blocks.compactMap { block in
            let text = block.text.trimmingSpaces()
            let dnr = text.firstMatch(of: attachmentDnr)
            guard listItem(block) != nil || dnr != nil else { return nil }
            var title = dnr.map { String(text[..<$0.range.lowerBound]) } ?? text
            if let item = title.prefixMatch(of: marker) { title = String(title[item.range.upperBound...]) }
            title = title.trimmingCharacters(in: CharacterSet(charactersIn: " ,;"))
            return Attachment(title: title, dnr: dnr.map { String($0.1) })
        }
    }

    // `1.`, `2)`, `a)`, bullets, and the characters OCR makes of bullets.
    nonisolated(unsafe) static let marker = /(\d{1,2}[.)]|[a-z]\)|[-–•▪¢*«°·])\s+/
    nonisolated(unsafe) private static let attachmentDnr = /,?\s*(?i:dnr)\.?:?\s*(\S+(?:\s\d{4}\/\S+)?)\s*$/
}

/// Table-of-contents lines: a title, dot leaders (or what OCR made of them), a page.
enum TableOfContents {
    static func entry(_ line: String) -> TableOfContentsEntry {
        var title = line
        var page: Int?
        if let match = line.firstMatch(of: pageNumber) {
            page = Int(match.1)
            title = String(line[..<match.range.lowerBound])
        }
        // Leaders are spaced dots after a space, or three dots in a row; the
        // dots of an abbreviation (`m.m.`) are not.
        if let leader = title.firstMatch(of: leaders) {
            title = String(title[..<leader.range.lowerBound])
        }
        return TableOfContentsEntry(title: title.trimmingSpaces(), page: page, printed: line)
    }

    nonisolated(unsafe) private static let pageNumber = /\s*(\d{1,4})\s*$/
    nonisolated(unsafe) private static let leaders = /\s+\.(?:\s*\.){2,}.*$|\.{3,}.*$|\s*…+.*$/
}
