import DocumentModel

/// Turns the lines of every page into the document's layout: page furniture
/// set apart per page, body paragraphs rebuilt across pages. The extract
/// stage does it once from the PDF's text; the OCR stage does it again after
/// replacing the lines of the pages it read, since furniture is recognised
/// by recurrence over all pages and paragraphs run across page breaks.
public enum PageAssembly {
    /// `pageLines[i]` are the lines of `pages[i]` in reading order.
    public static func assemble(pageLines: [[TextLine]], pages: [Page],
                                settings: ExtractStage.Settings) -> (pages: [Page], blocks: [TextBlock]) {
        precondition(pageLines.count == pages.count, "one list of lines per page")
        // A page read by OCR counts as a page with text when deciding how
        // many pages a running header must recur on.
        var counted = pages
        for index in counted.indices { counted[index].hasTextLayer = pages[index].hasText }
        let split = FurnitureDetector(zone: settings.furnitureZone, recurrence: settings.furnitureRecurrence)
            .split(pageLines, pages: counted)
        var assembled = pages
        for index in assembled.indices {
            assembled[index].furniture = split.furniture[index]
            assembled[index].label = split.furniture[index].lazy.map(\.text).first(where: FurnitureDetector.isPageNumber)
        }
        return (assembled, ParagraphBuilder(gapFactor: settings.paragraphGap).blocks(from: split.body))
    }

    /// The lines of each page as `assemble` was given them, recovered from
    /// the blocks and the furniture: furniture above the page's middle comes
    /// before its body, the rest after.
    public static func pageLines(of document: Document) -> [[TextLine]] {
        let slot = Dictionary(uniqueKeysWithValues: document.pages.enumerated().map { ($1.number, $0) })
        var body = Array(repeating: [TextLine](), count: document.pages.count)
        for block in document.blocks {
            for line in block.lines {
                if let index = slot[line.page] { body[index].append(line) }
            }
        }
        return document.pages.enumerated().map { index, page in
            let top = page.furniture.filter { $0.box.midY < page.height / 2 }
            let bottom = page.furniture.filter { $0.box.midY >= page.height / 2 }
            return top + body[index] + bottom
        }
    }
}
