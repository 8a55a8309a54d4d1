import DocumentModel
import Foundation

/// How well one converted corpus document matches its truth: headings (text,
/// level, kind), metadata fields, protocol items, and the body words kept or
/// lost in the published text.
public struct StructureScore: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var expected: String
        public var found: String
        public var right: Bool { expected == found }
    }

    public struct HeadingPair: Sendable {
        public var text: String
        public var expectedLevel: Int
        public var foundLevel: Int
        public var expectedKind: String
        public var foundKind: String
    }

    public var truthHeadings: [String]
    public var foundHeadings: [String]
    public var matched: [HeadingPair]
    public var fields: [Field]
    public var items: Int
    public var itemsFound: Int
    /// Rows of the truth's tables, and those an output table holds as one row with the same cells.
    public var tableRows: Int
    public var tableRowsFound: Int
    public var missedItems: [String]
    /// The truth's reservations, and those found with the same authors (in the same item, in a protocol).
    public var reservations: Int
    public var missedReservations: [String]
    /// The truth's omröstningar, and those found with the same tally in the same item.
    public var votes: Int
    public var missedVotes: [String]
    public var bodyWords: Int
    public var lostWords: [String]
    public var outputWords: Int
    /// Output words that are not body words: letterhead and furniture let through.
    public var extraWords: [String]
    /// Body words whose letters appear nowhere in the output, even split
    /// (a narrow table cell wraps `socialförvaltningen` without a hyphen):
    /// text that was dropped, not text that was broken.
    public var droppedWords: [String]

    public var precision: Double { foundHeadings.isEmpty ? (truthHeadings.isEmpty ? 1 : 0) : Double(matched.count) / Double(foundHeadings.count) }
    public var recall: Double { truthHeadings.isEmpty ? 1 : Double(matched.count) / Double(truthHeadings.count) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    public init(document: Document, publishedText: String, truth: StructureTruth) {
        let truthList = truth.headings.map { (text: Self.headingKey($0.text), level: $0.level, kind: $0.kind) }
        var found: [(text: String, level: Int, kind: String, number: String?)] = []
        func walk(_ sections: [Section]) {
            for section in sections {
                if !section.implicit {
                    found.append((Self.headingKey(section.heading), section.level, section.kind.rawValue, section.number))
                }
                walk(section.sections)
            }
        }
        walk(document.sections)
        truthHeadings = truthList.map(\.text)
        foundHeadings = found.map(\.text)
        let alignment = WordAlignment(reference: truthHeadings, hypothesis: foundHeadings)
        matched = alignment.steps.compactMap { step in
            guard case .match(let r, let h) = step else { return nil }
            return HeadingPair(text: truthList[r].text, expectedLevel: truthList[r].level, foundLevel: found[h].level,
                               expectedKind: truthList[r].kind, foundKind: found[h].kind)
        }

        let numbered = Set(found.compactMap { entry in entry.number.map { "\(Self.itemNumber($0))\u{1F}\(entry.text)" } })
        items = truth.items.count
        missedItems = truth.items.filter { !numbered.contains("\(Self.itemNumber($0.number))\u{1F}\(Self.headingKey($0.title))") }
            .map { "\($0.number) \($0.title)" }
        itemsFound = items - missedItems.count

        fields = Self.fields(document.metadata ?? Metadata(), truth)

        // In a protocol a reservation is counted in its item's section; elsewhere from the metadata's list,
        // which also holds those pointed to outside their section (`…, se Reservationer m.m.`).
        let isProtocol = !truth.items.isEmpty
        var foundReservations: [String: Int] = [:]
        var foundVotes: [String: Int] = [:]
        func collectRecords(_ sections: [Section], item: String) {
            for section in sections {
                let item = section.number.map(Self.itemNumber) ?? item
                if isProtocol, let reservation = section.reservation {
                    foundReservations[Self.reservationKey(item: item, authors: reservation.authors.map(\.name)), default: 0] += 1
                }
                if let vote = section.vote { foundVotes[Self.voteKey(item: item, yes: vote.yes, no: vote.no), default: 0] += 1 }
                collectRecords(section.sections, item: item)
            }
        }
        collectRecords(document.sections, item: "")
        if !isProtocol {
            for reservation in document.metadata?.reservations ?? [] {
                foundReservations[Self.reservationKey(item: "", authors: reservation.authors.map(\.name)), default: 0] += 1
            }
        }
        let truthReservations = truth.reservations ?? []
        reservations = truthReservations.count
        missedReservations = truthReservations.filter { reservation in
            let item = isProtocol ? reservation.item.map(Self.itemNumber) ?? "" : ""
            return !Self.take(Self.reservationKey(item: item, authors: reservation.authors.map(\.name)), from: &foundReservations)
        }.map { "\($0.item ?? "") \($0.authors.map(\.name).joined(separator: ", "))" }
        let truthVotes = truth.votes ?? []
        votes = truthVotes.count
        missedVotes = truthVotes.filter { vote in
            !Self.take(Self.voteKey(item: vote.item.map(Self.itemNumber) ?? "", yes: vote.yes, no: vote.no), from: &foundVotes)
        }.map { "\($0.item ?? "") \($0.yes)-\($0.no)" }

        var foundRows: [String: Int] = [:]
        func collect(_ blocks: [ContentBlock]) {
            for case .table(let table) in blocks {
                for row in table.rows { foundRows[Self.rowKey(row.map(\.text)), default: 0] += 1 }
            }
        }
        func collect(_ sections: [Section]) {
            for section in sections {
                collect(section.blocks)
                collect(section.sections)
            }
        }
        collect(document.preamble)
        collect(document.sections)
        let truthRows = (truth.tables ?? []).joined().map(Self.rowKey)
        tableRows = truthRows.count
        tableRowsFound = truthRows.filter { Self.take($0, from: &foundRows) }.count

        let bodyTokens = truth.body.flatMap { Self.comparedWords($0) }
        let outputTokens = Self.comparedWords(publishedText)
        bodyWords = bodyTokens.count
        outputWords = outputTokens.count
        lostWords = Self.difference(bodyTokens, outputTokens)
        extraWords = Self.difference(outputTokens, bodyTokens)
        let stream = outputTokens.joined()
        droppedWords = lostWords.filter { !stream.contains($0) }
    }

    /// The words of a text as the lost-word count compares them, the same way on
    /// both sides: list markers and heading numbers are the house style's print,
    /// not words of the body, and the kind of dash is the font's.
    private static func comparedWords(_ text: String) -> [String] {
        let unmarked = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.prefixMatch(of: marker).map { line[$0.range.upperBound...] } ?? line[...]
        }.joined(separator: "\n")
        return WordTokenizer.words(unmarked.lowercased().replacing(dashes, with: "-"))
    }

    // `1.`, `a)`, bullets: list markers; `2.1` only before a short line (a numbered heading), since table cells start so too.
    nonisolated(unsafe) private static let dashes = /[–—]/
    nonisolated(unsafe) private static let headingNumber = /(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\))\s+/
    nonisolated(unsafe) private static let itemDigits = /(\d{1,4})\s*([a-z])?\b/
    nonisolated(unsafe) private static let marker = /\s*(?:\d{1,2}[.)]|[a-zA-Z][.)]|[-–•▪*]|\d{1,2}(?:\.\d{1,2})+(?=\s+\S+(?:\s+\S+){0,7}$))\s+(?=\p{L})/

    /// Heading text as compared: printed numbering (`2.1`, `3.`), case and
    /// spacing are the house style's, not the heading's.
    static func headingKey(_ text: String) -> String {
        var key = spaced(text)
        if let number = key.prefixMatch(of: headingNumber) {
            key = String(key[number.range.upperBound...])
        }
        return key.trimmingCharacters(in: CharacterSet(charactersIn: " :."))
    }

    /// A reservation as compared: its item and its authors' names, in any order.
    static func reservationKey(item: String, authors: [String]) -> String {
        ([item] + authors.map { spaced($0) }.sorted()).joined(separator: "\u{1F}")
    }

    /// True, and one fewer left, when `found` still holds `key`: each found thing matches one truth entry.
    private static func take(_ key: String, from found: inout [String: Int]) -> Bool {
        guard let count = found[key], count > 0 else { return false }
        found[key] = count - 1
        return true
    }

    /// A vote as compared: its item and its tally.
    static func voteKey(item: String, yes: Int, no: Int) -> String { "\(item) \(yes)-\(no)" }

    /// A row's cells as compared: the non-empty cells in order, folded like headings.
    static func rowKey(_ cells: [String]) -> String {
        cells.map { spaced($0) }.filter { !$0.isEmpty }.joined(separator: "\u{1F}")
    }

    /// `§ 30`, `KS § 30`, `30 §` → `30`; `§ 3 a` → `3a`.
    static func itemNumber(_ printed: String) -> String {
        guard let match = printed.firstMatch(of: itemDigits) else { return printed }
        return String(match.1) + (match.2.map(String.init) ?? "")
    }

    private static func difference(_ a: [String], _ b: [String]) -> [String] {
        var available: [String: Int] = [:]
        for word in b { available[word, default: 0] += 1 }
        var missing: [String] = []
        for word in a {
            if let count = available[word], count > 0 { available[word] = count - 1 } else { missing.append(word) }
        }
        return missing
    }

    /// Lower case, one space between words, one kind of dash: OCR and fonts swap
    /// `–`, `—` and `-`, which says nothing of structure.
    private static func spaced(_ text: String) -> String {
        text.lowercased().replacing(dashes, with: "-").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func fold(_ text: String?) -> String {
        guard let text else { return "-" }
        let folded = spaced(text).trimmingCharacters(in: CharacterSet(charactersIn: " .,:;"))
        return folded.isEmpty ? "-" : folded
    }

    private static func fields(_ metadata: Metadata, _ truth: StructureTruth) -> [Field] {
        let expected = truth.metadata
        var fields = [
            Field(name: "documentType", expected: expected.documentType, found: metadata.documentType.rawValue),
            Field(name: "title", expected: fold(expected.title), found: fold(metadata.title)),
            Field(name: "date", expected: expected.date ?? "-", found: metadata.date ?? "-"),
            Field(name: "organisation", expected: fold(expected.organisation), found: fold(metadata.organisation)),
        ]
        let meetingTypes: Set<String> = ["protokoll", "protokollsutdrag", "kallelse"]
        if !meetingTypes.contains(truth.type) {
            fields.append(Field(name: "dnr", expected: expected.dnr.first ?? "-", found: metadata.dnr.first ?? "-"))
        }
        if expected.unit != nil {
            fields.append(Field(name: "unit", expected: fold(expected.unit), found: fold(metadata.unit)))
        }
        if expected.designation != nil {
            fields.append(Field(name: "designation", expected: fold(expected.designation), found: fold(metadata.designation)))
        }
        if let meeting = truth.meeting {
            let found = metadata.meeting
            // A person is scored only where the document prints the name: an extract often names no chair.
            let printed = truth.body.joined(separator: " ").lowercased()
            let chair = meeting.chair.flatMap { printed.contains($0.lowercased()) ? $0 : nil }
            let secretary = meeting.secretary.flatMap { printed.contains($0.lowercased()) ? $0 : nil }
            fields.append(Field(name: "meeting.organ", expected: fold(meeting.organ), found: fold(found?.organ)))
            if let chair {
                fields.append(Field(name: "meeting.chair", expected: fold(chair), found: fold(found?.chair)))
            }
            if let secretary {
                fields.append(Field(name: "meeting.secretary", expected: fold(secretary), found: fold(found?.secretary)))
            }
            if let adjusters = meeting.adjusters, !adjusters.isEmpty {
                fields.append(Field(name: "meeting.adjusters", expected: adjusters.map(fold).sorted().joined(separator: "; "),
                                    found: (found?.adjusters ?? []).map(fold).sorted().joined(separator: "; ")))
            }
            if let members = meeting.decisionMakers, !members.isEmpty {
                fields.append(Field(name: "meeting.decisionMakers",
                                    expected: members.map { "\(fold($0.name)) (\($0.party ?? "-"))" }.sorted().joined(separator: "; "),
                                    found: (found?.decisionMakers ?? []).map { "\(fold($0.name)) (\($0.party ?? "-"))" }.sorted().joined(separator: "; ")))
            }
        }
        return fields
    }
}

/// Scores added up over many documents.
public struct StructureTotals: Sendable {
    public var documents = 0
    public var truthHeadings = 0
    public var foundHeadings = 0
    public var matchedHeadings = 0
    public var levelRight = 0
    public var kindRight = 0
    public var lowestF1 = 1.0
    public var fieldsRight: [String: Int] = [:]
    public var fieldsTotal: [String: Int] = [:]
    public var items = 0
    public var itemsFound = 0
    public var tableRows = 0
    public var tableRowsFound = 0
    public var reservations = 0
    public var reservationsFound = 0
    public var votes = 0
    public var votesFound = 0
    public var bodyWords = 0
    public var lostWords = 0
    /// Lost words whose letters appear nowhere in the output: text gone, not text broken.
    public var droppedWords = 0
    public var outputWords = 0
    public var extraWords = 0

    public init() {}

    public init(_ scores: some Sequence<StructureScore>) {
        scores.forEach { add($0) }
    }

    public mutating func add(_ score: StructureScore) {
        documents += 1
        truthHeadings += score.truthHeadings.count
        foundHeadings += score.foundHeadings.count
        matchedHeadings += score.matched.count
        levelRight += score.matched.filter { $0.expectedLevel == $0.foundLevel }.count
        kindRight += score.matched.filter { $0.expectedKind == $0.foundKind }.count
        lowestF1 = min(lowestF1, score.f1)
        for field in score.fields {
            fieldsTotal[field.name, default: 0] += 1
            if field.right { fieldsRight[field.name, default: 0] += 1 }
        }
        items += score.items
        itemsFound += score.itemsFound
        tableRows += score.tableRows
        tableRowsFound += score.tableRowsFound
        reservations += score.reservations
        reservationsFound += score.reservations - score.missedReservations.count
        votes += score.votes
        votesFound += score.votes - score.missedVotes.count
        bodyWords += score.bodyWords
        lostWords += score.lostWords.count
        droppedWords += score.droppedWords.count
        outputWords += score.outputWords
        extraWords += score.extraWords.count
    }

    public var precision: Double { foundHeadings == 0 ? 0 : Double(matchedHeadings) / Double(foundHeadings) }
    public var recall: Double { truthHeadings == 0 ? 1 : Double(matchedHeadings) / Double(truthHeadings) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var levelAccuracy: Double { matchedHeadings == 0 ? 0 : Double(levelRight) / Double(matchedHeadings) }
    public var kindAccuracy: Double { matchedHeadings == 0 ? 0 : Double(kindRight) / Double(matchedHeadings) }
    public var fieldAccuracy: Double {
        let total = fieldsTotal.values.reduce(0, +)
        return total == 0 ? 1 : Double(fieldsRight.values.reduce(0, +)) / Double(total)
    }
    public var itemRecall: Double { items == 0 ? 1 : Double(itemsFound) / Double(items) }
    public var extraShare: Double { outputWords == 0 ? 0 : Double(extraWords) / Double(outputWords) }
}
