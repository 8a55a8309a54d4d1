import DocumentModel
import Foundation

/// A block that opens a section.
struct HeadingDecision: Equatable {
    var kind: SectionKind
    var level: Int
    /// The heading text (repaired) and as printed.
    var text: String
    var printed: String
    /// Opened by a paragraph, not a printed heading (`Reservation av … enligt följande.`).
    var implicit: Bool = false
    /// A protocol item's number as printed (`§ 8`).
    var number: String?
    /// Indices of further blocks that belong to the heading (an item's title set beside its number).
    var absorbed: [Int] = []
    /// Lines of the heading's own block that are body, not heading: an
    /// agenda item's description set right under its title.
    var remainder: [TextLine] = []
}

/// Finds the headings among the body blocks.
///
/// Evidence: the genre's vocabulary, matched tolerantly of OCR damage
/// (`Remissammanstallining`); protocol item numbers (`§ 8`); the PDF's
/// bookmarks; and layout: bold, larger or capital type, numbering, a short
/// isolated block without a final period. Levels come from the bookmarks'
/// depth, else from numbering depth, else from the rank of the heading's
/// type style among the document's heading styles (larger first). Inside a
/// protocol every item is level 1 and what it holds sits below it. Inside
/// the consultation summary, a short block naming one of the consulted
/// bodies opens that body's subsection even when the scan lost its bold face.
struct HeadingDetector {
    var blocks: [TextBlock]
    /// Blocks that are not body: letterhead, furniture, the title.
    var skipped: Set<Int>
    var consultedBodies: [String]
    var outline: [OutlineEntry]
    var taggedHeadings: [OutlineEntry]
    /// Larger than the body by this factor counts as emphasis.
    var emphasisRatio: Double

    struct Result {
        var headings: [Int: HeadingDecision]
    }

    private struct Candidate {
        var index: Int
        var kind: SectionKind?
        var number: ProtocolReader.ItemHeading?
        var numberingDepth: Int?
        var outlineDepth: Int?
        var style: Style
        var text: String
    }

    /// What sets a heading's type apart; headings of one style share a level.
    struct Style: Hashable {
        var size: Double
        var bold: Bool
        var capitals: Bool
    }

    func detect() -> Result {
        let body = bodySize()
        let bodies = consultedBodies.map(TextFolding.fold)
        let outlineDepths = outlineDepths()
        let rowMates = sameBaselineBlocks()
        let (itemKeys, wholeBlockNumbers) = protocolItemIndices()
        // An item's title is bookmarked for the item; the same words in an item list above it are the list's.
        let itemTitles = Set(itemKeys.map { index, entry in
            let title = entry.item.title.isEmpty
                ? titleFollowing(entry.absorbed.last ?? index).map { Self.splitTitle(blocks[$0]).title } ?? ""
                : entry.item.title
            return Self.outlineKey(title)
        })

        var candidates: [Candidate] = []
        var absorbedTitles: [Int: Int] = [:]
        var remainders: [Int: [TextLine]] = [:]
        var topKind: SectionKind?
        var index = 0
        while index < blocks.count {
            defer { index += 1 }
            guard !skipped.contains(index), absorbedTitles[index] == nil else { continue }
            let block = blocks[index]
            let text = block.text.trimmingSpaces()
            if let (item, split) = itemKeys[index] {
                let style = Self.style(block, bodySize: body)
                var candidate = Candidate(index: index, kind: .paragraf, number: item, style: style, text: item.title)
                for part in split { absorbedTitles[part] = index }
                // `§ 8` alone, its title beside it or in the next block.
                var titleBlock = index
                var remainder: [TextLine] = []
                if !wholeBlockNumbers.contains(index), block.lines.count > 1 {
                    // The title runs on over the block's lines until a Dnr, a date or a sentence: that is body.
                    let more = block.lines.dropFirst()
                    // On a scan the number cell's line may come out among the title's (`261 som förfaller 2014-2015`).
                    let titleLines = more.prefix(Self.titleContinuations(block.lines)).map { line in
                        Self.isScanned(block) ? Self.withoutToken(item.key, line) : line
                    }.filter { !$0.text.isEmpty }
                    remainder = Array(more.dropFirst(titleLines.count))
                    // The block's own text has its line-end hyphens resolved; its lines do not.
                    let whole = block.text.trimmingSpaces().replacing(Self.listMarker, with: "", maxReplacements: 1)
                    if remainder.isEmpty, let parsed = ProtocolReader.itemHeading(whole), parsed.key == item.key {
                        candidate.text = parsed.title
                    } else {
                        candidate.text = Self.joinWrapped([item.title] + titleLines.map { $0.text.trimmingSpaces() })
                    }
                }
                if item.title.isEmpty, let next = titleFollowing(split.last ?? index), absorbedTitles[next] == nil {
                    let split = Self.splitTitle(blocks[next])
                    candidate.text = split.title
                    if !split.rest.isEmpty { remainder = split.rest }
                    absorbedTitles[next] = index
                    titleBlock = next
                }
                remainders[index] = remainder
                // The title was read from the printed lines; the block's text carries the repair's corrections.
                candidate.text = Self.repaired(candidate.text, in: blocks[titleBlock])
                // A title wrapped in a narrow cell comes out a block per line.
                for continuation in remainder.isEmpty ? continuations(of: titleBlock) : [] {
                    absorbedTitles[continuation] = index
                    // On a scan, the number cell's second line (`KS §` over `259`) may stand apart.
                    let text = blocks[continuation].text.trimmingSpaces()
                    if text != item.key { candidate.text = Self.joinWrapped([candidate.text, text]) }
                }
                // A number cell read into the title's line leaves the item's own number at its end (`… 2019-2024 86` for `§ 6`).
                if Self.isScanned(blocks[titleBlock]), let last = candidate.text.split(separator: " ").last,
                   candidate.text.count > last.count + 1, let number = Int(item.key),
                   last.wholeMatch(of: Self.signedDigits).map({ Self.readings($0.1).contains(number) }) == true {
                    candidate.text = String(candidate.text.dropLast(last.count + 1))
                }
                // OCR may read the Dnr set right of the title's last line as that line's end.
                if let dnr = candidate.text.firstMatch(of: Self.trailingDnr), var line = blocks[titleBlock].lines.last {
                    line.text = String(dnr.output.1)
                    candidate.text = String(candidate.text[..<dnr.range.lowerBound])
                    remainders[index] = [line] + (remainders[index] ?? [])
                }
                candidates.append(candidate)
                topKind = .paragraf
                continue
            }
            // Only short blocks can head anything; the tests below cost time per character.
            guard block.lines.count <= 3, text.utf8.count <= 400 else { continue }
            let style = Self.style(block, bodySize: body)
            // An item's number listed in the item list, or the range `KS §§ 195–208`, heads nothing.
            if ProtocolReader.itemHeading(text) != nil || text.firstMatch(of: Self.itemRange) != nil { continue }
            // A front-matter label (`Beslutande`, `Sekreterare`) heads a field, not a section; so does
            // a line that opens with a label of several words (`Justeringens plats och tid Kommunkansliet`).
            if let label = ProtocolReader.label(of: text), label.rest.isEmpty || ProtocolReader.hasLongLabel(text) { continue }
            // A Dnr, a vote's tally and its caption, a name with a role: lines of an item, however set.
            if Self.isDnrOrDate(text) || ProtocolReader.vote(in: text) != nil || isTallyCaption(index, text, within: candidates.last?.kind)
                || People.isNameAndRole(text) || ProtocolReader.isMemberLine(text) { continue }
            // A bulleted line is a list item, even when its text is also a bookmark's (an item's title in its Beslutsunderlag).
            if text.prefixMatch(of: Self.bullet) != nil { continue }
            let outlineDepth = itemTitles.contains(Self.outlineKey(text)) ? nil : outlineDepths[index]
            guard isHeadingShaped(block, text, maxWords: outlineDepth != nil ? 20 : 14) || outlineDepth != nil else { continue }
            // Cells of a table row and names set side by side share a baseline with another block.
            if rowMates.contains(index), outlineDepth == nil { continue }
            let numbering = Self.numberingDepth(text)
            let bare = numbering == nil ? text : Self.removeNumbering(text)
            let kind = block.lines.count <= 2 ? HeadingVocabulary.kind(of: bare) : nil
            let emphasised = block.bold || style.size >= body * emphasisRatio || (style.capitals && bare.count >= 4)
            var accepted = false
            if kind == nil, bare.split(separator: " ").count <= 6,
               emphasised || outlineDepth != nil || topKind == .remissammanstallning || topKind == .reservationer,
               bodies.contains(where: { TextFolding.similar(TextFolding.fold(bare), $0) }) {
                candidates.append(Candidate(index: index, kind: topKind == .reservationer ? .other : .remissinstans,
                                            outlineDepth: outlineDepth, style: style, text: text))
                continue
            } else if outlineDepth != nil || kind != nil {
                accepted = true
            } else if emphasised, style.size >= body * 0.95, !isSignatureOrDate(block, text), !isNameWithRole(index) {
                accepted = numbering == nil || !text.hasSuffix(".")
            } else if Self.isScanned(block), !isSignatureOrDate(block, text), isBareHeadingOnScan(index, text) {
                // A scan loses the bold face of headings set at body size.
                accepted = true
            }
            guard accepted, kind != nil || outlineDepth != nil || !isProposalLeadIn(index, text) else { continue }
            let candidate = Candidate(index: index, kind: kind, numberingDepth: numbering, outlineDepth: outlineDepth,
                                      style: style, text: text)
            if Self.topLevelKinds.contains(kind ?? .other) { topKind = kind }
            candidates.append(candidate)
        }

        // Headings set like a remissinstans beside it are remissinstanser too,
        // whether or not the referral sentence names them.
        var instanceStyle: Style?
        for position in candidates.indices {
            if candidates[position].kind == .remissinstans { instanceStyle = candidates[position].style; continue }
            guard let style = instanceStyle else { continue }
            if candidates[position].kind == nil, candidates[position].style == style, candidates[position].number == nil {
                candidates[position].kind = .remissinstans
            } else {
                instanceStyle = nil
            }
        }
        candidates = withoutNumberedLists(candidates)
        var result = Result(headings: [:])
        let levels = assignLevels(candidates)
        var openLevel = 0
        for (candidate, level) in zip(candidates, levels) {
            let block = blocks[candidate.index]
            var decision = HeadingDecision(kind: candidate.kind ?? .other, level: level, text: candidate.text,
                                           printed: block.printedText, number: candidate.number?.number)
            if candidate.number != nil {
                decision.remainder = remainders[candidate.index] ?? []
                decision.absorbed = absorbedTitles.filter { $0.value == candidate.index }.map(\.key).sorted()
                for absorbed in decision.absorbed { decision.printed += " " + blocks[absorbed].printedText }
            }
            if decision.kind == .remissinstans { decision.level = 2 }
            if decision.kind == .reservation, candidate.number == nil, !candidate.style.bold, level == 1 {
                decision.level = openLevel + 1
            }
            openLevel = decision.level
            result.headings[candidate.index] = decision
        }
        // A heading right above a § item (`Ärenden` over an agenda's items)
        // captions the items; it would open an empty section.
        for index in result.headings.keys {
            guard let decision = result.headings[index], decision.number == nil, !decision.implicit,
                  let next = nextBody(after: index), result.headings[next]?.number != nil,
                  decision.absorbed.isEmpty, decision.remainder.isEmpty
            else { continue }
            result.headings[index] = nil
        }
        // `Reservation av A (C) enligt följande.` opens a section without a heading.
        openLevel = 0
        for index in blocks.indices where !skipped.contains(index) {
            if let decision = result.headings[index] { openLevel = decision.level; continue }
            if let reservation = reservationOpening(blocks[index].text.trimmingSpaces()) {
                result.headings[index] = HeadingDecision(kind: .reservation, level: min(openLevel + 1, 3), text: reservation.heading,
                                                         printed: blocks[index].printedText, implicit: reservation.implicit)
                openLevel = min(openLevel + 1, 3)
            }
        }
        return result
    }

    /// Three or more numbered lines in a row, set alike and counting up with
    /// nothing between them, are a list (`1. Avbrott i elförsörjning`,
    /// `2. …`): a heading has text under it before the next one.
    private func withoutNumberedLists(_ candidates: [Candidate]) -> [Candidate] {
        func number(_ candidate: Candidate) -> Int? {
            guard candidate.number == nil, candidate.outlineDepth == nil,
                  let prefix = Self.numberingPrefix(candidate.text) else { return nil }
            return prefix.split(separator: ".").last.flatMap { Int($0) }
        }
        var listed = Set<Int>()
        var run: [Int] = []
        func close() {
            if run.count >= 3 { listed.formUnion(run) }
            run = []
        }
        for position in candidates.indices {
            guard let value = number(candidates[position]) else { close(); continue }
            if let last = run.last, let lastValue = number(candidates[last]),
               value == lastValue + 1, candidates[last].style == candidates[position].style,
               candidates[last].numberingDepth == candidates[position].numberingDepth,
               nextBody(after: candidates[last].index) == candidates[position].index {
                run.append(position)
            } else {
                close()
                run = [position]
            }
        }
        close()
        return candidates.indices.filter { !listed.contains($0) }.map { candidates[$0] }
    }

    /// The depth bookmarks and tagged headings give blocks. Each list is in
    /// reading order, so an entry names the first block after the previous
    /// entry's that prints its text: not the same words in a table of contents
    /// or a list above, nor every later repetition. A bookmark's depth wins
    /// over a tag's.
    private func outlineDepths() -> [Int: Int] {
        var positions: [String: [Int]] = [:]
        for index in blocks.indices where !skipped.contains(index) && blocks[index].lines.count <= 3 {
            let text = blocks[index].text.trimmingSpaces()
            guard !Self.hasLeaderDots(text) else { continue }
            positions[Self.outlineKey(text), default: []].append(index)
        }
        func aligned(_ entries: [OutlineEntry]) -> [Int: Int] {
            var depths: [Int: Int] = [:]
            var next = 0
            for entry in entries {
                // A bookmark of digits and signs (`§ 42`) folds to nothing and names no block.
                let key = Self.outlineKey(entry.title)
                guard !key.isEmpty, let candidates = positions[key] else { continue }
                if let found = bestBlock(for: entry, among: candidates.filter { $0 >= next }) {
                    depths[found] = entry.depth
                    next = found + 1
                }
            }
            return depths
        }
        return aligned(outline).merging(aligned(taggedHeadings)) { bookmark, _ in bookmark }
    }

    /// The block an entry names among those printing its words: a contents
    /// line without leaders still ends in the page number the entry lacks, and
    /// a numbered list's `3. Avbrott` is not the heading `5.2.3 Avbrott`. The
    /// same numbering printed, then the entry's page, settle between repetitions.
    private func bestBlock(for entry: OutlineEntry, among candidates: [Int]) -> Int? {
        let endsInNumber = Self.endsInNumber(entry.title)
        let numbering = Self.numberingPrefix(entry.title)
        var fitting: [(index: Int, sameNumbering: Bool, onPage: Bool)] = []
        for index in candidates {
            let text = blocks[index].text.trimmingSpaces()
            guard endsInNumber || !Self.endsInNumber(text) else { continue }
            let printed = Self.numberingPrefix(text)
            if let numbering, let printed, printed != numbering { continue }
            fitting.append((index, numbering != nil && printed == numbering,
                            entry.page == nil || blocks[index].firstPage == entry.page))
        }
        return (fitting.first { $0.sameNumbering && $0.onPage } ?? fitting.first { $0.sameNumbering }
            ?? fitting.first { $0.onPage } ?? fitting.first)?.index
    }

    static func numberingPrefix(_ text: String) -> Substring? {
        text.prefixMatch(of: numbering)?.output.1
    }

    static func hasLeaderDots(_ text: String) -> Bool {
        text.contains("...") || text.contains("…") || text.contains(". . .")
    }

    static func endsInNumber(_ text: String) -> Bool {
        text.wholeMatch(of: endingNumber) != nil
    }

    private static let topLevelKinds: Set<SectionKind> = [.remissammanstallning, .reservationer, .forslagTillBeslut, .sammanfattning,
                                                          .bakgrund, .arendet, .beredning, .synpunkter, .bilagor]

    /// Levels: the bookmark depth where there is one, else numbering depth,
    /// else the rank of the style among the heading styles outside items, and
    /// one below the item inside a protocol item.
    private func assignLevels(_ candidates: [Candidate]) -> [Int] {
        let inItem = candidates.indices.map { position in
            candidates[..<position].contains { $0.number != nil } && candidates[position].number == nil
        }
        func ranks(_ selected: [Candidate]) -> [Style: Int] {
            let styles = Set(selected.map(\.style))
            let ordered = styles.sorted { a, b in
                if abs(a.size - b.size) > 0.6 { return a.size > b.size }
                if a.capitals != b.capitals { return a.capitals }
                if a.bold != b.bold { return a.bold }
                return a.size > b.size
            }
            var rank: [Style: Int] = [:]
            var level = 0
            var previous: Style?
            for style in ordered {
                // Sizes within half a point are one size set by different fonts.
                if let previous, abs(previous.size - style.size) <= 0.6, previous.bold == style.bold, previous.capitals == style.capitals {
                    rank[style] = level
                    continue
                }
                level += 1
                rank[style] = level
                previous = style
            }
            return rank
        }
        let outside = zip(candidates, inItem).filter { !$0.1 && $0.0.number == nil && $0.0.numberingDepth == nil }.map(\.0)
        let inside = zip(candidates, inItem).filter { $0.1 && $0.0.numberingDepth == nil }.map(\.0)
        let outsideRanks = ranks(outside)
        let insideRanks = ranks(inside)
        let minimumNumbering = candidates.compactMap(\.numberingDepth).min() ?? 1
        let minimumOutline = candidates.compactMap(\.outlineDepth).min() ?? 1
        return zip(candidates, inItem).map { candidate, inItem in min(4, level(candidate, inItem)) }

        func level(_ candidate: Candidate, _ inItem: Bool) -> Int {
            if candidate.number != nil { return 1 }
            // Inside an item a bookmark sits below the item's own, or the item has none.
            if let depth = candidate.outlineDepth { return inItem ? max(2, depth - minimumOutline + 1) : depth - minimumOutline + 1 }
            if let depth = candidate.numberingDepth { return depth - minimumNumbering + 1 + (inItem ? 1 : 0) }
            // An item's parts (Ärendet, Beslutsunderlag, Yrkanden, Beslut …) are siblings right below it.
            if inItem, let kind = candidate.kind, kind != .other { return 2 }
            if inItem { return 1 + (insideRanks[candidate.style] ?? 1) }
            return outsideRanks[candidate.style] ?? 1
        }
    }

    /// Blocks that open a protocol item, with the blocks its number was split
    /// into (`KS §` above `259` in a narrow column). A number listed twice is
    /// an entry of the item list the first time.
    private func protocolItemIndices() -> (items: [Int: (item: ProtocolReader.ItemHeading, absorbed: [Int])], wholeBlock: Set<Int>) {
        var found: [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])] = []
        var wholeBlockNumbers = Set<Int>()
        for (index, block) in blocks.enumerated() where !skipped.contains(index) {
            guard block.lines.count <= 4, let printedFirst = block.lines.first?.text else { continue }
            // An agenda numbers its items as a list too: `1. § 1 Upprop`.
            let first = printedFirst.trimmingSpaces().replacing(Self.listMarker, with: "", maxReplacements: 1)
            if block.lines.count == 1, first.wholeMatch(of: Self.bareSection) != nil,
               let next = nextBody(after: index), blocks[next].firstPage == block.firstPage,
               let number = blocks[next].text.trimmingSpaces().wholeMatch(of: Self.bareNumber),
               let item = ProtocolReader.itemHeading(first + " " + number.0) {
                found.append((index, item, [next]))
                continue
            }
            // The same with the number a block of its own below (`KS EU § Befolkningsprognos` over `6`).
            if block.lines.count == 1, let opening = Self.signThenTitle(first, in: block),
               let next = nextBody(after: index), blocks[next].firstPage == block.firstPage, blocks[next].lines.count == 1,
               let number = blocks[next].text.trimmingSpaces().wholeMatch(of: Self.lastNumber) {
                let printed = (opening.1.map { "\($0) " } ?? "") + "§ " + String(number.0)
                found.append((index, ProtocolReader.ItemHeading(number: printed, key: String(number.1), title: String(opening.2)), [next]))
                continue
            }
            // `KS §` over `96/2015` with the title beside the sign: its line reads `KS § Title`, the number comes last.
            if (2...4).contains(block.lines.count), let opening = Self.signThenTitle(first, in: block),
               let last = block.lines.last?.text.trimmingSpaces(), let number = last.wholeMatch(of: Self.lastNumber) {
                let title = Self.joinWrapped([String(opening.2)] + block.lines.dropFirst().dropLast().map { $0.text.trimmingSpaces() })
                let printed = (opening.1.map { "\($0) " } ?? "") + "§ " + last
                found.append((index, ProtocolReader.ItemHeading(number: printed, key: String(number.1), title: title), []))
                wholeBlockNumbers.insert(index)
                continue
            }
            // On a scan, `KS §` over `10` beside a title that wraps: the number opens the second line
            // (`KS8 =:Försäljning av mark inom Stallbacka` / `10 industriområde`).
            if Self.isScanned(block), (2...4).contains(block.lines.count), let opening = Self.signThenTitle(first, in: block),
               let second = block.lines.dropFirst().first?.text.trimmingSpaces(), let lead = second.prefixMatch(of: Self.leadingNumber) {
                let title = Self.joinWrapped([ProtocolReader.withoutOpeningMarks(opening.2), String(second[lead.range.upperBound...])]
                    + block.lines.dropFirst(2).map { $0.text.trimmingSpaces() })
                let printed = (opening.1.map { "\($0) " } ?? "") + "§ " + String(lead.1)
                found.append((index, ProtocolReader.ItemHeading(number: printed, key: String(lead.1), title: title), []))
                wholeBlockNumbers.insert(index)
                continue
            }
            // `KS EU` over `§ 6`, the title beside the organ: its first line reads `KS EU Title`, the sign and number come last.
            if (2...4).contains(block.lines.count), let opening = first.wholeMatch(of: Self.organThenTitle),
               let last = block.lines.last?.text.trimmingSpaces(), let number = last.wholeMatch(of: Self.signedNumber) {
                let title = Self.joinWrapped([String(opening.2)] + block.lines.dropFirst().dropLast().map { $0.text.trimmingSpaces() })
                found.append((index, ProtocolReader.ItemHeading(number: "\(opening.1) § \(number.1)", key: String(number.1), title: title), []))
                wholeBlockNumbers.insert(index)
                continue
            }
            // A narrow number column wraps `KS § 259` over two lines, or `KS § 96/2015` over three (`96/20` / `15`).
            let fromFirstLine = ProtocolReader.itemHeading(first)
            guard let item = fromFirstLine
                    ?? (block.lines.count <= 3 ? ProtocolReader.itemHeading(Self.numberCell(block).replacing(Self.listMarker, with: "", maxReplacements: 1)) : nil)
            else { continue }
            // A block of several item lines is a list of items, not an item.
            if block.lines.dropFirst().contains(where: { ProtocolReader.itemHeading($0.text) != nil }) { continue }
            // `KS §` over `259` was read from the whole block: its lines are the number's.
            if fromFirstLine == nil { wholeBlockNumbers.insert(index) }
            found.append((index, item, []))
        }
        found = continuingSequence(found)
        var result: [Int: (item: ProtocolReader.ItemHeading, absorbed: [Int])] = [:]
        for (position, entry) in found.enumerated() {
            let later = found[(position + 1)...].contains { $0.item.key == entry.item.key }
            if later { continue }
            result[entry.index] = (entry.item, entry.absorbed)
        }
        return (result, wholeBlockNumbers)
    }

    /// Items whose sign OCR lost (`842 Val av justerare`, `85 Medborgarförslag`)
    /// found by the numbering: in a protocol whose other items were read, a
    /// short block that opens with the next number in the sequence, or
    /// with the first number again (the items after their list), opens an
    /// item. The sign may have become a leading `8`, `5`, `3`, `S`, `$`, `£` or `&`.
    private func continuingSequence(_ found: [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])])
        -> [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])] {
        // A lone item read with its sign stays an item even when no run of signs backs it.
        let run = found.count >= 2 ? [] : signedRun()
        var found = run.count > found.count ? run : found
        // Where a number is found twice (an item list above the items), the later block is the item.
        let foundBlocks = Set(found.map(\.index))
        found += displacedNumbers().filter { !foundBlocks.contains($0.index) }
        let announced = announcedNumbers()
        if found.count < 2 { found = announcedItems(announced.numbers, besides: found, valueBlocks: announced.valueBlocks) }
        found.sort { $0.index < $1.index }
        guard found.count >= 2, let template = found.first?.item else { return found }
        let keys = found.compactMap { Int($0.item.key) } + announced.numbers
        guard let lowest = keys.min(), let highest = keys.max() else { return found }
        let known = Dictionary(found.map { ($0.index, $0.item.key) }, uniquingKeysWith: { first, _ in first })
        var result = found
        var last: Int?
        for index in blocks.indices where !skipped.contains(index) {
            if let key = known[index] {
                last = Int(key)
                continue
            }
            guard let match = numberedTitle(index) else { continue }
            let fits = { (number: Int) in
                number == (last ?? -10) + 1 || (number != last && (lowest - 3...highest + 3).contains(number))
            }
            guard let number = Self.readings(match.2).first(where: fits) else { continue }
            result.append((index, Self.item(number, like: template, title: match.3), []))
            last = number
        }
        result.sort { $0.index < $1.index }
        // Items before the first one read (`S 1`, `5 2`, `S 3` above `§ 4`), counted down from it.
        if let first = result.first, var expected = Int(first.item.key).map({ $0 - 1 }) {
            for index in blocks.indices[..<first.index].reversed() where !skipped.contains(index) && expected >= 0 {
                guard let match = numberedTitle(index), Self.readings(match.2).contains(expected) else { continue }
                result.insert((index, Self.item(expected, like: template, title: match.3), []), at: 0)
                expected -= 1
            }
        }
        return result
    }

    /// Where OCR read no item's sign, the items that still show a stray sign
    /// before their number (`8 114`, `$ 115`), or on a scan a sign read as a
    /// digit glued to it (`8114` for `§ 114`), when at least three of them
    /// number on one after another.
    private func signedRun() -> [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])] {
        var signed: [(index: Int, number: Int, title: String)] = []
        for index in blocks.indices where !skipped.contains(index) {
            guard let match = numberedTitle(index) else { continue }
            let digits = match.2
            var readings: [Int] = []
            if match.1 != nil, digits.count <= 4, let number = Int(digits) { readings.append(number) }
            if Self.isScanned(blocks[index]) { readings += Self.readings(digits).filter { $0 != Int(digits) } }
            let next = (signed.last?.number ?? -10) + 1
            // The next number, else one a little further on (an item missed), else the number as read.
            guard let number = readings.first(where: { $0 == next }) ?? readings.first(where: { (next...next + 3).contains($0) })
                    ?? readings.first else { continue }
            signed.append((index, number, match.3.map(ProtocolReader.withoutOpeningMarks) ?? ""))
        }
        let consecutive = zip(signed, signed.dropFirst()).filter { $1.number == $0.number + 1 }.count
        guard signed.count >= 3, consecutive * 2 >= signed.count else { return [] }
        return numberedItems(signed)
    }

    /// Where too few items were read to follow a numbering, the numbers the
    /// protocol announces (`Paragrafer KS §§ 318–319`, its signs read as `88`)
    /// say what to look for: a short block opening with one of them, its sign
    /// misread or glued (`KS8318 Samordning …`, `KSEUS6` over its title), opens that item.
    /// `valueBlocks`: where the announcement itself stands, no item.
    private func announcedItems(_ announced: Set<Int>, besides found: [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])],
                                valueBlocks: Set<Int>) -> [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])] {
        guard !announced.isEmpty else { return found }
        let foundBlocks = Set(found.map(\.index)).union(valueBlocks)
        var signed: [(index: Int, number: Int, title: String)] = []
        for index in blocks.indices where !skipped.contains(index) && !foundBlocks.contains(index) {
            if let match = numberedTitle(index), let number = Self.readings(match.2).first(where: announced.contains) {
                // A title in the next block is found there, as for any item.
                signed.append((index, number, match.3.map(ProtocolReader.withoutOpeningMarks) ?? ""))
            } else if Self.isScanned(blocks[index]), blocks[index].lines.count <= 2,
                      let match = blocks[index].text.trimmingSpaces().wholeMatch(of: Self.organTitleNumber),
                      match.1 != nil || match.3 != nil, let number = Int(match.4), announced.contains(number) {
                // `KS EU` over `§ 6` beside the title, read as one line with the number last
                // (`KS EU Befolkningsprognos 2019-2024 86`); without the organ's letters, only after a sign.
                signed.append((index, number, String(match.2)))
            }
        }
        return found + numberedItems(signed)
    }

    /// Blocks read as items by their numbers, each printed `§ N` after the organ's letters they open with.
    private func numberedItems(_ signed: [(index: Int, number: Int, title: String)])
        -> [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])] {
        let organ = Self.organPrefix(signed.map { blocks[$0.index].lines.first?.text ?? "" })
        return signed.map { ($0.index, ProtocolReader.ItemHeading(number: organ + "§ \($0.number)", key: String($0.number), title: $0.title), []) }
    }

    /// The item numbers the protocol announces: ranges (`§§ 42–55`), and the
    /// one number an extract's `Paragrafer` label gives (`KS EU § 6`, read `KSEUS6`).
    private func announcedNumbers() -> (numbers: Set<Int>, valueBlocks: Set<Int>) {
        var announced = Set<Int>()
        var valueBlocks = Set<Int>()
        for (index, block) in blocks.enumerated() {
            // The label may end a block of the front matter's other column (`… 2018-10-03 Paragrafer`).
            let endsWithLabel = block.text.hasSuffix(" Paragrafer") || block.text.hasSuffix(" Paragraf")
            if endsWithLabel || block.text.hasPrefix("Paragraf"),
               let rest = endsWithLabel ? "" : ProtocolReader.label(of: block.text).flatMap({ $0.field == .paragraphs ? $0.rest : nil }) {
                let valueBlock = rest.isEmpty ? nextBody(after: index) : index
                let value = rest.isEmpty ? valueBlock.map { blocks[$0].text } ?? "" : rest
                if let number = value.trimmingSpaces().wholeMatch(of: Self.announcedNumber) {
                    if let valueBlock { valueBlocks.insert(valueBlock) }
                    // Only a scan's sign turns into digits (`86` for `§ 6`).
                    announced.formUnion(Self.isScanned(block) ? Self.readings(number.1) : Int(number.1).map { [$0] } ?? [])
                }
            }
            // A range has its dash; most blocks have none, and the pattern runs slowly.
            guard block.text.containsText("-") || block.text.containsText("–") else { continue }
            for range in block.text.matches(of: Self.itemRange) {
                let bounds = range.output.split { !$0.isNumber }.suffix(2).compactMap { Int($0) }
                guard bounds.count == 2, bounds[0] <= bounds[1], bounds[1] - bounds[0] <= 200 else { continue }
                announced.formUnion(bounds[0]...bounds[1])
            }
        }
        return (announced, valueBlocks)
    }

    /// The organ's letters the run's item numbers open with (`KS ` of `KSS1`,
    /// `KS52`, `KS 57`), with a space, or "": the most common leading capitals,
    /// less a last `S` that stands for the sign in the longer readings.
    private static func organPrefix(_ lines: [String]) -> String {
        let prefixes = lines.map { line -> String in
            let letters = String(line.trimmingSpaces().prefix { $0.isUppercase && $0.isLetter })
            return letters.count >= 3 && letters.hasSuffix("S") ? String(letters.dropLast()) : letters
        }
        let counts = Dictionary(prefixes.map { ($0, 1) }, uniquingKeysWith: +)
        guard let (best, count) = counts.max(by: { $0.value < $1.value }), !best.isEmpty, count * 2 > lines.count, best.count <= 3 else { return "" }
        return best + " "
    }

    /// The numbers a printed item number may stand for: itself, and on a scan
    /// without its first digit when that is OCR's `8`, `3` or `5` for the sign (`842` for `§ 42`).
    private static func readings(_ digits: Substring) -> [Int] {
        var readings = digits.count <= 4 ? [Int(digits)] : []
        // The sign may come out as two such digits (`85319` for `§ 319`).
        for dropped in 1...2 where digits.count > dropped && digits.prefix(dropped).allSatisfy({ "835".contains($0) }) {
            readings.append(Int(digits.dropFirst(dropped)))
        }
        return readings.compactMap { $0 }.filter { $0 <= 9999 }
    }

    /// An item numbered `number` and printed as `template` is (`KS § 12` → `KS § 13`).
    private static func item(_ number: Int, like template: ProtocolReader.ItemHeading, title: Substring?) -> ProtocolReader.ItemHeading {
        ProtocolReader.ItemHeading(number: template.number.replacing(itemNumber, with: String(number), maxReplacements: 1),
                                   key: String(number), title: title.map(ProtocolReader.withoutOpeningMarks) ?? "")
    }

    /// `KS § Title` (a body's letters, the sign, a title and no number), and on a
    /// scan with the sign misread (`KS 8 Gemensam ledningsorganisation …`).
    private static func signThenTitle(_ line: String, in block: TextBlock) -> Regex<(Substring, Substring?, Substring)>.Match? {
        line.wholeMatch(of: signThenTitle) ?? (isScanned(block) ? line.wholeMatch(of: loneSign) : nil)
    }

    /// A number cell's lines as one: a number broken between digits runs on without a space.
    private static func numberCell(_ block: TextBlock) -> String {
        block.lines.map { $0.text.trimmingSpaces() }.reduce("") { text, line in
            if text.isEmpty { return line }
            let broken = (text.last?.isNumber == true || text.last == "/") && line.first?.isNumber == true
                && line.allSatisfy { $0.isNumber || $0 == "/" }
            return broken ? text + line : text + " " + line
        }
    }

    /// The line without the word `token` standing alone in it.
    private static func withoutToken(_ token: String, _ line: TextLine) -> TextLine {
        let words = line.text.split(separator: " ")
        guard words.contains(where: { $0 == token }) else { return line }
        var kept = line
        kept.text = words.filter { $0 != token }.joined(separator: " ")
        return kept
    }

    /// Items set as a table whose number stands under the sign (`KS §` over
    /// `259`, the title in the next cell), which OCR reads as one line with
    /// the number out of place: `KS 8 Strategi för större externa förhyrningar
    /// 261 som förfaller`. A scanned block that opens with a body's letters and
    /// a lone sign opens an item when its stray numbers run on from one such
    /// block to the next, three at least; one the run skips (its number lost
    /// to another line) takes the number between its neighbours.
    private func displacedNumbers() -> [(index: Int, item: ProtocolReader.ItemHeading, absorbed: [Int])] {
        var rows: [(index: Int, prefix: String, title: String, numbers: [Int])] = []
        for index in blocks.indices where !skipped.contains(index) && Self.isScanned(blocks[index]) {
            guard blocks[index].lines.count <= 4, let line = blocks[index].lines.first?.text.trimmingSpaces(),
                  let match = line.wholeMatch(of: Self.loneSign)
            else { continue }
            let title = String(match.2)
            // Numbers standing alone among the block's words, not a date, a range or `2:1`.
            let numbers = blocks[index].text.split(separator: " ").compactMap { word in
                word.count <= 4 && word.allSatisfy { $0.isASCII && $0.isNumber } ? Int(word) : nil
            }
            rows.append((index, String(match.1 ?? ""), title, numbers))
        }
        guard rows.count >= 3 else { return [] }
        // Follow the run from each number the first two rows show; an item the
        // rows lack (its line read otherwise) may be skipped, by one or two.
        var best: [Int?] = []
        for start in rows[0].numbers + rows[1].numbers.map({ $0 - 1 }) {
            var next = start
            let assigned = rows.map { row -> Int? in
                guard let number = row.numbers.first(where: { (next...next + 2).contains($0) }) else {
                    next += 1
                    return nil
                }
                next = number + 1
                return number
            }
            if assigned.compactMap({ $0 }).count > best.compactMap({ $0 }).count { best = assigned }
        }
        let numbered = best.compactMap { $0 }.count
        guard numbered >= 3, numbered * 3 >= rows.count * 2 else { return [] }
        return rows.indices.compactMap { position in
            let row = rows[position]
            // A row the run skipped takes the number between its neighbours, when there is exactly one.
            let before = best[..<position].last { $0 != nil }.flatMap { $0 }
            let after = best[(position + 1)...].first { $0 != nil }.flatMap { $0 }
            let between: Int?
            switch (before, after) {
            case let (before?, after?): between = after - before == 2 ? before + 1 : nil
            // The first row or the last, right beside the run.
            case let (nil, after?): between = best[position + 1] != nil ? after - 1 : nil
            case let (before?, nil): between = best[position - 1] != nil ? before + 1 : nil
            case (nil, nil): between = nil
            }
            guard let number = best[position] ?? between else { return nil }
            let printed = (row.prefix.isEmpty ? "" : row.prefix + " ") + "§ \(number)"
            let title = row.title.split(separator: " ").filter { $0 != String(number) }.joined(separator: " ")
            return (row.index, ProtocolReader.ItemHeading(number: printed, key: String(number), title: title), [])
        }
    }

    /// A short block opening with an item number that OCR may have damaged
    /// (`842 Title`, `8 114`), its title beside it or, for a number alone, in
    /// the block right after it.
    private func numberedTitle(_ index: Int) -> Regex<(Substring, Substring?, Substring, Substring?)>.Match? {
        let block = blocks[index]
        guard block.lines.count <= 4, let line = block.lines.first?.text.trimmingSpaces(),
              let match = line.wholeMatch(of: Self.numberedTitle) ?? (Self.isScanned(block) ? line.wholeMatch(of: Self.gluedNumberedTitle) : nil),
              match.3?.last != "."
        else { return nil }
        if match.3 == nil, titleFollowing(index) == nil { return nil }
        return match
    }

    /// The next body block when it is shaped like a title (an item's title set apart from its number).
    private func titleFollowing(_ index: Int) -> Int? {
        guard var next = nextBody(after: index) else { return nil }
        // A cell that reading order put here from higher up the page (the end of the item before) is passed over.
        if let number = blocks[index].lines.first, let cell = blocks[next].lines.first, cell.page == number.page,
           cell.box.maxY < number.box.y, let after = nextBody(after: next) {
            next = after
        }
        return isHeadingShaped(blocks[next], blocks[next].text.trimmingSpaces(), maxWords: 30) ? next : nil
    }

    /// Blocks whose first line shares its baseline with a line of another
    /// block on the same page: table cells, side-by-side signatures.
    private func sameBaselineBlocks() -> Set<Int> {
        var byPage: [Int: [(index: Int, box: Box)]] = [:]
        for (index, block) in blocks.enumerated() where !skipped.contains(index) {
            for line in block.lines { byPage[line.page, default: []].append((index, line.box)) }
        }
        var mates = Set<Int>()
        for (index, block) in blocks.enumerated() where !skipped.contains(index) {
            guard let first = block.lines.first, let lines = byPage[first.page] else { continue }
            if lines.contains(where: { $0.index != index && abs($0.box.maxY - first.box.maxY) < 1.5 }) { mates.insert(index); continue }
            // OCR boxes follow the ink, so cells of one row end at different depths; they still share most of their height.
            if first.isOCRText,
               lines.contains(where: { $0.index != index && Self.sharesRow($0.box, first.box) }) { mates.insert(index) }
        }
        return mates
    }

    /// Side by side, and overlapping over most of the lower one's height.
    private static func sharesRow(_ a: Box, _ b: Box) -> Bool {
        let apart = a.maxX <= b.x || b.maxX <= a.x
        let overlap = min(a.maxY, b.maxY) - max(a.y, b.y)
        return apart && overlap >= 0.6 * min(a.height, b.height)
    }

    /// The blocks after `index` that continue its lines: the same face and
    /// size, the same left edge, each right below the one before, short,
    /// and opening nothing themselves.
    private func continuations(of index: Int) -> [Int] {
        var found: [Int] = []
        var previous = blocks[index]
        guard let left = previous.lines.last?.box.x else { return [] }
        while let next = nextBody(after: found.last ?? index) {
            let block = blocks[next]
            guard let first = block.lines.first, let above = previous.lines.last,
                  first.page == above.page, block.lines.count <= 2, abs(first.box.x - left) < 3 || hangs(first, under: above),
                  // OCR measures a line without capitals smaller: after `… och`, or where the line
                  // opens in lower case (`kontroll` under `… interna`), the face need not agree.
                  above.isOCRText && (Self.endsOpen(above.text) || Self.opensLowerCase(block.text))
                    || block.bold == previous.bold && abs(block.fontSize - previous.fontSize) < 0.6,
                  first.box.y > above.box.y, first.box.y - above.box.maxY < above.box.height * 0.8,
                  block.text.firstMatch(of: Self.opensItemOrList) == nil, !first.opensProtocolItemOnScan,
                  HeadingVocabulary.kind(of: block.text) == nil,
                  !Self.isDnrOrDate(block.text)
            else { break }
            found.append(next)
            previous = block
        }
        return found
    }

    /// A title wrapped under a hanging indent (`§ 119 Svar på … 30-` over
    /// `zon i Kramfors stad`) goes on where the title's words began, right of the number.
    private func hangs(_ line: TextLine, under above: TextLine) -> Bool {
        line.box.x > above.box.x && line.box.x - above.box.x <= max(12, above.box.width * 0.3)
    }

    /// `printed`, a block's printed words, as the repair stage left them: the
    /// same words of the block's repaired text, where repair kept the words'
    /// count (it corrects words, it does not add or drop them). The words are
    /// found in order, not necessarily side by side: a title wrapped beside a
    /// number column reads `KS § Revidering av … for` / `265 kommunstyrelsen`.
    static func repaired(_ printed: String, in block: TextBlock) -> String {
        guard let original = block.original else { return printed }
        let printedWords = original.split(whereSeparator: \.isWhitespace)
        let repairedWords = block.text.split(whereSeparator: \.isWhitespace)
        let wanted = printed.split(whereSeparator: \.isWhitespace)
        guard printedWords.count == repairedWords.count, !wanted.isEmpty, wanted.count <= printedWords.count else { return printed }
        for start in printedWords.indices where printedWords[start] == wanted[0] {
            var found: [Substring] = []
            var position = start
            for word in wanted {
                guard let at = printedWords[position...].firstIndex(of: word) else { break }
                found.append(repairedWords[at])
                position = at + 1
            }
            // A few words between (the number cell's), no more.
            if found.count == wanted.count, position - start <= wanted.count + 3 { return found.joined(separator: " ") }
        }
        return printed
    }

    /// A title block's title, and the lines below it that are body (its Dnr,
    /// a description), which it shares a block with when set close.
    static func splitTitle(_ block: TextBlock) -> (title: String, rest: [TextLine]) {
        let lines = block.lines
        let titleCount = 1 + titleContinuations(lines)
        guard titleCount < lines.count else { return (block.text.trimmingSpaces(), []) }
        return (joinWrapped(lines.prefix(titleCount).map { $0.text.trimmingSpaces() }), Array(lines.dropFirst(titleCount)))
    }

    /// How many of the lines after the first go on with the title the first
    /// line starts. On a scan, where faces and sizes are rough, a line also
    /// ends the title when the next line's first word would have fitted after
    /// it: a title wraps where its line is full, so one that stops short ended
    /// there (`§ 37 Borgensåtagande för … AB` over its description).
    static func titleContinuations(_ lines: [TextLine]) -> Int {
        guard let first = lines.first else { return 0 }
        let rightEdge = lines.map(\.box.maxX).max() ?? 0
        var count = 0
        for (previous, line) in zip(lines, lines.dropFirst()) {
            // A title never ends on `och` or `av`: the line after one goes on with it, whatever its measured size.
            if endsOpen(previous.text), !isDnrOrDate(line.text), !endsSentence(line.text) { count += 1; continue }
            guard continuesTitle(line, of: first) else { break }
            // A line ending in a hyphen was broken where it ran full, whatever its length.
            if previous.isOCRText, line.isOCRText, previous.page == line.page, previous.text.last != "-",
               let word = line.text.split(separator: " ").first {
                let characterWidth = line.box.width / Double(line.text.count)
                let needed = characterWidth * Double(word.count + 1)
                if previous.box.maxX + needed < rightEdge { break }
            }
            count += 1
        }
        return count
    }

    /// A line with a sentence in it (`… för beredning.`, `förslag. Ändringarna`) is no title.
    /// A line under a title's first line that is still title: set in its size,
    /// neither a Dnr, a date nor a sentence. Body type right below a title
    /// that OCR or a tight layout put in the title's block is body.
    static func continuesTitle(_ line: TextLine, of first: TextLine) -> Bool {
        // OCR sizes come from the letters' heights (a line without capitals reads smaller); its measured face must agree.
        guard line.isOCRText ? line.size >= first.size * 0.8 && line.bold == first.bold : line.size >= first.size * 0.9 else { return false }
        // `Plats och tid` under a protocol's title; a one-word label (`justering`) may be the title's last word.
        if line.text.contains(" "), ProtocolReader.label(of: line.text).map({ $0.rest.isEmpty }) == true { return false }
        return !isDnrOrDate(line.text) && !endsSentence(line.text)
    }

    /// A line that ends in a conjunction, a preposition or an article (`Information om … och`)
    /// stops mid-phrase: a heading or title cannot end there.
    static func endsOpen(_ text: String) -> Bool {
        guard let last = text.split(separator: " ").last else { return false }
        return openEndings.contains(last.lowercased())
    }

    /// A few words opening in lower case go on with something; `att …` and `a) …` open clauses of their own.
    static func opensLowerCase(_ text: String) -> Bool {
        text.prefixMatch(of: lowerCaseWord) != nil && !text.hasPrefix("att ") && text.split(separator: " ").count <= 6
    }
    nonisolated(unsafe) private static let lowerCaseWord = /\p{Ll}\p{L}+(?:\s|$)/

    private static let openEndings: Set<String> = [
        "och", "samt", "eller", "i", "av", "för", "om", "till", "med", "på", "vid", "inom", "mot", "från", "enligt",
        "under", "över", "avseende", "angående", "gällande", "kring", "efter", "hos", "genom", "mellan", "utan",
        "en", "ett", "den", "det", "de", "att", "som",
    ]

    static func endsSentence(_ text: String) -> Bool {
        let line = text.trimmingSpaces()
        return line.hasSuffix(".") && !line.hasSuffix("m.m.") || line.contains(". ")
    }

    /// Lines of a wrapped title joined: a line that ends in a dash
    /// (`2014-` / `2015`) runs on without a space.
    static func joinWrapped(_ lines: [String]) -> String {
        lines.reduce("") { text, line in
            if text.isEmpty { return line }
            return text.hasSuffix("-") || text.hasSuffix("–") ? text + line : text + " " + line
        }
    }

    /// `Dnr KS 2024/12`, `2024-03-21`: the lines that follow an item's title, not part of it.
    static func isDnrOrDate(_ text: String) -> Bool {
        if ProtocolReader.itemDnr(text) != nil { return true }
        switch LetterheadLine.kind(of: text) {
        case .dnr, .date: return true
        default: return false
        }
    }

    private func nextBody(after index: Int) -> Int? {
        var next = index + 1
        while next < blocks.count, skipped.contains(next) { next += 1 }
        return next < blocks.count ? next : nil
    }

    /// On a scan, a heading set in bold at body size is a short line of its
    /// own between sentences: the block before it ends a sentence and a
    /// paragraph follows it.
    private func isBareHeadingOnScan(_ index: Int, _ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard blocks[index].lines.count == 1, (1...6).contains(words.count), let last = text.last, last.isLetter,
              !People.isName(text), ProtocolReader.label(of: text) == nil, LetterheadLine.kind(of: text) == nil,
              let next = nextBody(after: index), index > 0, !skipped.contains(index - 1)
        else { return false }
        let following = blocks[next]
        let previous = blocks[index - 1].text.trimmingSpaces()
        if introducesList(index) { return false }
        return following.lines.count >= 2 && following.text.split(separator: " ").count >= 12
            && (previous.hasSuffix(".") || previous.hasSuffix(":") == false && HeadingVocabulary.kind(of: previous) != nil)
    }

    /// A lead-in to a list or to `att` clauses (`Mot denna bakgrund föreslår vi kommunfullmäktige`
    /// over `1. att …`): a sentence the list completes, no heading.
    private func introducesList(_ index: Int) -> Bool {
        guard let next = nextBody(after: index) else { return false }
        let following = blocks[next].text
        return following.prefixMatch(of: ContentReader.marker) != nil || following.hasPrefix("att ")
    }

    /// `Arbetsutskottet föreslår kommunstyrelsen att föreslå kommunfullmäktige` over `1. att …`:
    /// a clause whose verb proposes, completed by the list below. Set apart, or in a face a scan
    /// cannot tell from bold, it still is the sentence the list finishes.
    private func isProposalLeadIn(_ index: Int, _ text: String) -> Bool {
        text.firstMatch(of: Self.proposingVerb) != nil && introducesList(index)
    }

    /// `Omröstningsresultat` over `Ja-röster: 8, Nej-röster: 7`: the tally's caption.
    /// An `Omröstning` heading right above the tally opens the vote part; a caption stands within it.
    private func isTallyCaption(_ index: Int, _ text: String, within open: SectionKind?) -> Bool {
        guard open == .omrostning, text.split(separator: " ").count <= 2, let next = nextBody(after: index) else { return false }
        return ProtocolReader.vote(in: blocks[next].text) != nil
    }

    private func isNameWithRole(_ index: Int) -> Bool {
        let text = blocks[index].text.trimmingSpaces()
        guard People.isName(text), let next = nextBody(after: index) else { return false }
        return People.isRole(blocks[next].text)
    }

    /// A reservation opens with `Reservation av A (C)`: as a heading in the
    /// reservations part, or as the paragraph `… (C) enligt följande.` A mere
    /// pointer (`…, se Reservationer m.m.`) opens nothing.
    private func reservationOpening(_ text: String) -> (heading: String, implicit: Bool)? {
        guard text.hasPrefix("Reservation av"), let found = People.reservations(in: text).first else { return nil }
        let tail = found.tail.trimmingSpaces()
        let heading = String(text[..<found.tail.startIndex]).trimmingSpaces()
        if tail.isEmpty { return (heading, false) }
        if tail.hasPrefix("enligt följande") || tail.hasPrefix("enligt foljande") { return (heading, true) }
        return nil
    }

    private func isHeadingShaped(_ block: TextBlock, _ text: String, maxWords: Int) -> Bool {
        // An item's title under its number may run to five lines (`Yttrande över laglighetsprövning … borgen`).
        let itemTitle = maxWords >= 30
        guard block.lines.count <= 2 || (block.lines.count <= 3 && maxWords > 14) || (itemTitle && block.lines.count <= 5),
              text.count <= (itemTitle ? 260 : 160),
              text.split(separator: " ").count <= maxWords,
              let first = text.first, first.isUppercase || first.isNumber || first == "|",
              let last = text.last, !",;".contains(last)
        else { return false }
        if text.hasPrefix("- ") || text.hasPrefix("• ") { return false }
        // Dot leaders make a table-of-contents entry, whatever its type.
        if text.firstMatch(of: Self.leaders) != nil { return false }
        // A numbered list item with a sentence is no heading; `2.1 Ekonomi` is.
        if first.isNumber, Self.numberingDepth(text) == nil { return false }
        return !(last == "." && !text.hasSuffix("m.m.") && Self.numberingDepth(text) == nil)
    }

    private func isSignatureOrDate(_ block: TextBlock, _ text: String) -> Bool {
        if text.firstMatch(of: Self.dated) != nil { return true }
        // `Föredragande borgarrådet Karin Wanngård` names a person; it heads nothing.
        if People.presenter(in: text) != nil { return true }
        let lines = block.lines.map(\.text)
        return lines.count == 2 && People.isName(lines[0]) && People.isRole(lines[1])
    }

    private func bodySize() -> Double {
        TitleFinder.bodySize(blocks, skipped: skipped)
    }

    static func style(_ block: TextBlock, bodySize: Double) -> Style {
        let letters = block.text.unicodeScalars.filter { CharacterSet.letters.contains($0) }
        let upper = letters.filter { CharacterSet.uppercaseLetters.contains($0) }.count
        let capitals = letters.count >= 4 && upper * 10 >= letters.count * 9
        // A scan's sizes are estimated from word heights, which drift by the
        // letters: only steps of 30 % tell styles apart. Its bold, measured by
        // the OCR stage from the strokes, says a line is emphasised, but is too
        // rough to rank headings by.
        guard isScanned(block), bodySize > 0, block.fontSize > 0 else {
            return Style(size: (block.fontSize * 2).rounded() / 2, bold: block.bold, capitals: capitals)
        }
        let step = (log(block.fontSize / bodySize) / log(1.3)).rounded()
        return Style(size: bodySize * pow(1.3, step), bold: false, capitals: capitals)
    }

    /// `2.1 Ekonomi` → 2, `3. Bakgrund` → 1; nil for unnumbered text.
    static func numberingDepth(_ text: String) -> Int? {
        guard let match = text.prefixMatch(of: numbering) else { return nil }
        return match.1.split(separator: ".").count
    }

    static func removeNumbering(_ text: String) -> String {
        guard let match = text.prefixMatch(of: numbering) else { return text }
        return String(text[match.range.upperBound...])
    }

    static func outlineKey(_ text: String) -> String {
        TextFolding.fold(removeNumbering(text.trimmingSpaces()))
    }

    static func isScanned(_ block: TextBlock) -> Bool {
        block.lines.contains(where: \.isInvisibleOCRText)
    }

    // Regex literals inside a function are parsed on every call: kept here, once.
    nonisolated(unsafe) private static let numbering = /(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=\p{Lu})/
    nonisolated(unsafe) private static let numberedTitle = /(?:\d{1,3}[.)]\s*)?(?:\p{Lu}{1,3}\s+)?([S$§£&]|[835$£&]{1,2}\s)?\s*(\d{1,4})(?:\s*[-–—=:]?\s+(\p{Lu}\p{L}.{2,}))?/
    /// A lone item number after a `Paragrafer` label, its sign as OCR may read it (`KS § 6`, `KSEUS6`).
    nonisolated(unsafe) private static let announcedNumber = /(?:\p{Lu}{1,4}\s?){0,2}[§$£&S]?\s?(\d{1,6})/
    // OCR glues an organ's letters to a misread sign: `KSS1`, `KS52`, `KS813`, `KS8S319` for `KS § 1`, `§ 2`, `§ 13`, `§ 319`.
    nonisolated(unsafe) private static let gluedNumberedTitle = /(?:\d{1,3}[.)]\s*)?\p{Lu}{1,4}?([S$§£&]|[835][$£&S]|[835$£&S]{1,2}\s)?\s*(\d{1,6})(?:\s*[-–—=:]?\s+(\p{Lu}\p{L}.{2,}))?/
    nonisolated(unsafe) private static let opensItemOrList = /^\s*(?:\d{1,3}[.)]\s|[-–•]\s|(?:\p{Lu}{1,5}\s)?[§$£&]|\d{1,4}\s?[§$])/
    nonisolated(unsafe) private static let listMarker = /^\d{1,3}[.)]\s+(?=\p{Lu}{0,5}\s?[§$£&])/
    nonisolated(unsafe) private static let endingNumber = /.*\p{L}.*\s\d{1,3}/
    nonisolated(unsafe) private static let bareSection = /(?:\p{Lu}[\p{L}]{0,5}\s+(?:\p{Lu}{1,4}\s+)?)?[§$£&]/
    nonisolated(unsafe) private static let itemNumber = /\d{1,4}(?:\s?[a-z])?(?:\/\d{2,4})?/
    nonisolated(unsafe) private static let bareNumber = /\d{1,4}(?:\s?[a-z])?/
    /// `KS §§ 259–272`, as OCR reads the signs too (`$$`, `$8`).
    nonisolated(unsafe) private static let itemRange = /(?:§§|[§$£&8S]{2})\s*\d{1,4}\s*[-–]\s*\d{1,4}/
    /// `KS EU Title`: an organ's letters (one or two capitalised abbreviations) and a title.
    nonisolated(unsafe) private static let organThenTitle = /(\p{Lu}{1,4}(?:\s\p{Lu}{1,4})?)\s+(\p{Lu}\p{Ll}.*)/
    /// `§ 6`, `§6`: the sign and a number alone on a line.
    nonisolated(unsafe) private static let signedNumber = /§\s?(\d{1,4})/
    /// `KS § Title`: a body's letters, the sign, a title, and no number.
    nonisolated(unsafe) private static let signThenTitle = /(\p{Lu}{1,3}(?:\s\p{Lu}{1,4})?)?\s*§\s+(\p{Lu}\p{Ll}.*)/
    /// `10 ` opening a line: a number cell's number before the title's next words.
    nonisolated(unsafe) private static let leadingNumber = /(\d{1,4})\s+(?=\p{Ll})/
    /// `96/2015`, `259`: a number cell's last line.
    nonisolated(unsafe) private static let lastNumber = /(\d{1,4})(?:\/\d{2,4})?/
    /// `KS 8 Title …`: a body's letters, a lone sign (or OCR's digit for it), a title.
    nonisolated(unsafe) private static let loneSign = /(\p{Lu}{1,3})?\s*[§$£&835S]{1,3}\s*(?:[=–\-:<«»]{1,3}\s*|\s)(\p{Lu}\p{Ll}.*)/
    nonisolated(unsafe) private static let organTitleNumber =
        /(?:(\p{Lu}{1,4}(?:\s\p{Lu}{1,4})?)\s+)?(?:[§$£&8S5]{1,2}\s+)?(\p{Lu}\p{Ll}.*?)\s+([§$£&]\s?|[835])?(\d{1,3})/
    nonisolated(unsafe) private static let signedDigits = /[§$£&]?(\d{1,4})/
    nonisolated(unsafe) private static let trailingDnr = /\s+((?i:dnr|diarienr|diarienummer)[\s:.]+(?:[\p{Lu}\p{N}][\p{L}\p{N}.\/\-:]*\s?){1,3})$/
    nonisolated(unsafe) private static let proposingVerb = /(?i)\b(?:föreslår|föreslås|yrkar|hemställer|beslutar|besluta)\b/
    nonisolated(unsafe) private static let bullet = /[•▪◦●■\-–*]\s/
    nonisolated(unsafe) private static let leaders = /\.{4,}|(?:\.\s){3,}|…{2,}/
    /// `Stockholm den 8 mars 2017`, and `Piteå som ovan` (the place and date given above) under a second signature.
    nonisolated(unsafe) private static let dated = /\bden\s+\d{1,2}\s+\p{L}+\s+\d{4}|^\p{Lu}[\p{L}-]+\s+som\s+ovan\b/
}
