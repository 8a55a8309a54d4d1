import DocumentModel
import Foundation

/// Tables from the blocks' geometry: a run of blocks on one page whose first
/// lines share baselines across three or more columns is a grid of cells
/// (a budget, a vote list, a schedule). Two columns are left as text: a
/// protocol's label/value front matter and signatures side by side are set
/// that way and are read as such.
enum TableReader {
    /// The tables among `blocks`, keyed by the index of each one's first block,
    /// with the index after its last.
    static func tables(_ blocks: [TextBlock]) -> [Int: (end: Int, table: ContentBlock.Table)] {
        var found: [Int: (end: Int, table: ContentBlock.Table)] = [:]
        var start = 0
        while start < blocks.count {
            let end = runEnd(blocks, from: start)
            if end - start >= minimumCells, let table = grid(Array(blocks[start..<end])) {
                found[start] = (end, table)
            }
            // A long run that is no grid (two columns of text side by side, page after page) is
            // passed over whole: starting again inside it would read it once per block.
            start = end - start > 40 ? end : start + 1
        }
        return found
    }

    /// The blocks with each one-line block cut where its line has cell-wide gaps
    /// (cells set so close that one printed line runs across them), each piece
    /// with the index of the block it came from.
    static func pieces(_ blocks: [TextBlock]) -> [(block: TextBlock, origin: Int)] {
        blocks.enumerated().flatMap { origin, block -> [(block: TextBlock, origin: Int)] in
            guard block.original == nil, block.lines.count == 1, let line = block.lines.first, let cuts = line.cuts, !cuts.isEmpty,
                  cuts.allSatisfy({ $0.offset > 0 && $0.offset < line.text.count }), block.text == line.text
            else { return [(block, origin)] }
            let characters = Array(line.text)
            let starts = [0] + cuts.map(\.offset)
            let ends = cuts.map(\.offset) + [characters.count]
            let lefts = [line.box.x] + cuts.map(\.x)
            let rights = cuts.map(\.gapStart) + [line.box.maxX]
            return starts.indices.compactMap { index in
                guard starts[index] < ends[index] else { return nil }
                let text = String(characters[starts[index]..<ends[index]]).trimmingSpaces()
                guard !text.isEmpty else { return nil }
                let piece = TextLine(page: line.page, text: text,
                                     box: Box(x: lefts[index], y: line.box.y, width: max(1, rights[index] - lefts[index]), height: line.box.height),
                                     spans: [TextSpan(text: text, font: line.font, size: line.size, bold: line.bold, italic: line.italic)])
                return (TextBlock(lines: [piece], text: text, hyphenations: [], fontSize: block.fontSize, bold: block.bold), origin)
            }
        }
    }

    /// A table has at least this many columns and rows, and this many cells.
    static let minimumColumns = 3
    static let minimumRows = 2
    private static let minimumCells = 5

    /// A cell holds a few lines of short text, never a paragraph.
    private static func isCellSized(_ block: TextBlock) -> Bool {
        block.lines.count <= 8 && block.text.utf8.count <= 240 && block.firstPage == block.lastPage
    }

    /// The end of the run of cell-sized blocks from `start` that share a baseline
    /// with another block of the run, or stand between the rows found so far
    /// (the second line of a cell that a narrow column broke apart).
    private static func runEnd(_ blocks: [TextBlock], from start: Int) -> Int {
        guard isCellSized(blocks[start]), let first = blocks[start].lines.first else { return start }
        var end = start + 1
        var top = first.box.y, bottom = first.box.maxY
        while end < blocks.count, end - start < 400, isCellSized(blocks[end]), let line = blocks[end].lines.first,
              line.page == first.page {
            let mate = blocks[max(start, end - 60)..<end].contains { sharesBaseline($0, blocks[end]) }
                || ((end + 1)..<min(blocks.count, end + 60)).contains { sharesBaseline(blocks[$0], blocks[end]) }
            let between = line.box.y >= top - 1 && line.box.y <= bottom + 1
            guard mate || between else { break }
            top = min(top, line.box.y)
            bottom = max(bottom, line.box.maxY)
            end += 1
        }
        // The run counts only if its first block has a mate in it.
        return blocks[(start + 1)..<end].contains { sharesBaseline(blocks[start], $0) } ? end : start
    }

    /// First lines on one page, side by side on one baseline.
    private static func sharesBaseline(_ a: TextBlock, _ b: TextBlock) -> Bool {
        guard let x = a.lines.first, let y = b.lines.first, x.page == y.page else { return false }
        return x.box.standsBeside(y.box)
    }

    /// Rows by baseline, columns by overlapping extents; nil when the run is no grid.
    private static func grid(_ blocks: [TextBlock]) -> ContentBlock.Table? {
        // Columns: the blocks' horizontal extents, merged where they overlap.
        var columns: [(x: Double, maxX: Double)] = []
        for block in blocks.sorted(by: { ($0.lines.first?.box.x ?? 0) < ($1.lines.first?.box.x ?? 0) }) {
            let extent = block.lines.reduce((x: Double.infinity, maxX: -Double.infinity)) { (min($0.x, $1.box.x), max($0.maxX, $1.box.maxX)) }
            if let last = columns.last, extent.x < last.maxX - 1 {
                columns[columns.count - 1].maxX = max(last.maxX, extent.maxX)
            } else {
                columns.append(extent)
            }
        }
        guard columns.count >= minimumColumns else { return nil }
        func column(of block: TextBlock) -> Int {
            let x = block.lines.first?.box.x ?? 0
            return columns.lastIndex { $0.x <= x + 1 } ?? 0
        }
        // Rows: blocks with a mate open or join a row by their first baseline; the others
        // continue the cell above them in their column.
        let ordered = blocks.sorted { ($0.lines.first?.box.y ?? 0) < ($1.lines.first?.box.y ?? 0) }
        var rows: [(y: Double, height: Double, cells: [Int: [TextBlock]])] = []
        for block in ordered {
            guard let line = block.lines.first else { continue }
            let hasMate = blocks.contains { $0 != block && sharesBaseline($0, block) }
            let index = column(of: block)
            if let row = rows.indices.last(where: { abs(rows[$0].y - line.box.y) < 0.5 * max(rows[$0].height, line.box.height) }) {
                rows[row].cells[index, default: []].append(block)
            } else if hasMate || rows.isEmpty {
                rows.append((line.box.y, line.box.height, [index: [block]]))
            } else {
                rows[rows.count - 1].cells[index, default: []].append(block)
            }
        }
        // A heading set left over figures set right falls into two columns that no row fills
        // both of (`Antal platser` over `54`): they are one column.
        var count = columns.count
        var merged = 0
        while merged + 1 < count {
            if rows.contains(where: { $0.cells[merged] != nil && $0.cells[merged + 1] != nil }) {
                merged += 1
                continue
            }
            for row in rows.indices {
                var cells: [Int: [TextBlock]] = [:]
                for (index, blocks) in rows[row].cells { cells[index > merged ? index - 1 : index, default: []] += blocks }
                rows[row].cells = cells
            }
            count -= 1
        }
        guard count >= minimumColumns, rows.count >= minimumRows, rows.filter({ $0.cells.count >= 2 }).count >= 2 else { return nil }
        let bold = rows.map { row in row.cells.values.joined().allSatisfy(\.bold) }
        let headerRow = (bold[0] && bold.dropFirst().contains(false)) || wordsOverNumbers(rows.map { Array($0.cells.values.joined()) })
        let table = rows.enumerated().map { position, row in
            (0..<count).map { index -> ContentBlock.Cell in
                let cell = row.cells[index] ?? []
                return ContentBlock.Cell(text: cell.map { $0.text.trimmingSpaces() }.joined(separator: " "),
                                         original: cell.map { $0.printedText.trimmingSpaces() }.joined(separator: " "),
                                         header: position == 0 && headerRow)
            }
        }
        let pages = Array(Set(blocks.map(\.firstPage))).sorted()
        return ContentBlock.Table(rows: table, pages: pages)
    }

    /// A first row of words over rows that hold figures: the column headings.
    private static func wordsOverNumbers(_ rows: [[TextBlock]]) -> Bool {
        guard let first = rows.first, rows.count >= 2 else { return false }
        let figures = rows.dropFirst().joined().filter { $0.text.contains(where: \.isNumber) }.count
        return !first.contains { $0.text.contains(where: \.isNumber) } && figures * 2 >= rows.dropFirst().joined().count
    }
}
