import DocumentModel
import Foundation

/// Reads the registrar's metadata from the page-1 furniture, the preamble and
/// the sections' text.
struct MetadataReader {
    var document: Document
    var title: String?
    var preamble: [String]
    var sections: [Section]
    /// Read before the headings, which need them; not read again here.
    var consultedBodies: [String]
    var letterhead: Letterhead

    func read() -> Metadata {
        var metadata = Metadata(documentType: documentType(), title: title ?? printedInfoTitle())
        let header = (document.pages.first?.furniture ?? []).map(\.text).joined(separator: "\n")
        let sectionTexts = sections.flatMap(Self.texts)
        let allText = ([header] + letterhead.lines + preamble + sectionTexts).joined(separator: "\n")

        // Regex scans are slow over a whole document: only lines with the key word are searched.
        let allLines = Self.splitLines(allText)
        let found = Self.lines(allLines, containing: "dnr").matches(of: dnr).map { String($0.1 ?? $0.2 ?? "") }
        metadata.dnr = Self.unique((letterhead.dnr.map { [$0] } ?? []) + found)
        metadata.motionNumbers = Self.unique(Self.lines(allLines, containing: ":").matches(of: motionNumber).map { String($0.1) })
        metadata.date = letterhead.date ?? placeAndDate(sectionTexts + preamble) ?? SwedishDates.firstDate(in: header)
        metadata.organisation = letterhead.organisation ?? organisation(in: header) ?? organisationOnOpeningPages()
            ?? metadata.title.flatMap(Self.organisation(inGenitive:))
        metadata.unit = letterhead.unit
        metadata.label = letterhead.label
        metadata.designation = letterhead.designation
        metadata.letterhead = letterhead.lines

        let opening = (preamble + sections.prefix(3).flatMap(Self.texts)).joined(separator: "\n")
        metadata.authors = People.motionAuthors(in: opening)
        metadata.presenter = People.presenter(in: Self.lines(allLines, containing: "redragande"))
        metadata.signatories = signatories()
        metadata.consultedBodies = consultedBodies
        return metadata
    }

    /// A protocol of a few items that certifies itself as an extract
    /// (`Rätt utdraget intygar`, `Protokollsutdrag`, `Utdrag ur protokoll`).
    private func isExtract() -> Bool {
        guard sections.filter({ $0.kind == .paragraf }).count <= 3 else { return false }
        return document.blocks.contains { block in
            let folded = TextFolding.fold(block.text)
            return folded.contains("utdraget intygar") || folded.contains("protokollsutdrag") || folded.contains("utdrag ur")
        }
    }

    /// The Info dictionary's title, only when page 1 prints it: producers
    /// write file names and template names there.
    private func printedInfoTitle() -> String? {
        guard let info = document.info.title, info.count >= 8 else { return nil }
        let key = TextFolding.fold(info)
        let printed = document.blocks.prefix { $0.firstPage <= 1 }.map { TextFolding.fold($0.text) }
        return printed.contains(key) ? info : nil
    }

    /// The first of `lines` that names an organisation and nothing else (`Umeå kommun`, `Region Skåne`).
    private static func organisation<Lines: Sequence>(in lines: Lines) -> String? where Lines.Element: StringProtocol {
        lines.lazy.map { String($0).trimmingSpaces() }.first { LetterheadLine.kind(of: $0) == .organisation }
    }

    /// In a running header.
    private func organisation(in header: String) -> String? {
        Self.organisation(in: Self.splitLines(header))
    }

    /// A line of its own on the first two pages (a report's cover: `Hagfors kommun`).
    private func organisationOnOpeningPages() -> String? {
        Self.organisation(in: document.blocks.prefix(while: { $0.firstPage <= 2 }).lazy.flatMap(\.lines).map(\.text)
            .filter { $0.split(separator: " ").count <= 4 })
    }

    /// `Borlänge kommuns risk- och sårbarhetsanalys` → `Borlänge kommun`.
    static func organisation(inGenitive title: String) -> String? {
        guard let match = title.prefixMatch(of: /(\p{Lu}[\p{L}-]+)\s+(kommun|stad)s\b/) else { return nil }
        return "\(match.1) \(match.2)"
    }

    /// The body that met: `Kommunstyrelsen`, `Barn- och utbildningsnämnden`, `Kommunstyrelsens arbetsutskott`.
    static func organ(in lines: [String]) -> String? {
        for line in lines {
            if let match = line.firstMatch(of: organName) { return String(match.0).trimmingSpaces() }
        }
        return nil
    }

    /// The type is printed in the letterhead, the header or the first lines
    /// (`Tjänsteutlåtande`, `Utlåtande Rotel I`); the letterhead's label wins,
    /// then the title's first words, then the most specific word on page 1.
    private func documentType() -> DocumentType {
        let type = printedType()
        // `Sammanträdesprotokoll` over one or two certified items is an extract.
        return type == .protokoll && isExtract() ? .protokollsutdrag : type
    }

    private func printedType() -> DocumentType {
        if let label = letterhead.label, let type = DocumentTypes.type(ofLabel: label) { return type }
        // A `Beslut` a förvaltning or its unit issues is an officer's decision, taken on delegation;
        // one under a nämnd's or a styrelse's name is their extract or decision and is read below.
        if let label = letterhead.label, TextFolding.fold(label) == "beslut",
           !letterhead.lines.contains(where: { $0.firstMatch(of: Self.decidingBody) != nil }) {
            return .delegationsbeslut
        }
        let header = (document.pages.first?.furniture ?? []).map(\.text) + letterhead.lines
        if let type = Self.typeWord(in: header) { return type }
        if let title, let type = DocumentTypes.type(inTitle: title) { return type }
        return Self.typeWord(in: preamble + [title ?? ""]) ?? .other
    }

    nonisolated(unsafe) private static let decidingBody = /(?i:nämnd(?:en)?|styrelse(?:n)?|fullmäktige|utskott(?:et)?)\b/

    private static func typeWord(in firstPage: [String]) -> DocumentType? {
        let folded = TextFolding.fold(firstPage.joined(separator: " "))
        let order: [(String, DocumentType)] = [
            ("tjansteutlatande", .tjansteutlatande), ("tjansteskrivelse", .tjansteskrivelse),
            ("protokollsutdrag", .protokollsutdrag), ("sammantradesprotokoll", .protokoll),
            ("delegationsbeslut", .delegationsbeslut), ("kallelse", .kallelse), ("foredragningslista", .kallelse),
            ("utlatande", .utlatande), ("remissvar", .remissvar), ("yttrande", .remissvar),
            ("skrivelse", .skrivelse), ("motion", .motion),
        ]
        let words = Set(folded.split(separator: " ").map(String.init))
        for (word, type) in order where words.contains(where: { TextFolding.similar($0, word) }) {
            if type == .motion, !TextFolding.fold(firstPage.first ?? "").hasPrefix("motion") { continue }
            return type
        }
        return nil
    }

    /// `Stockholm den 22 oktober 2025` on its own line dates the document.
    private func placeAndDate(_ texts: [String]) -> String? {
        for text in texts where text.count < 60 {
            if text.wholeMatch(of: placeDate) != nil { return SwedishDates.firstDate(in: text) }
        }
        return nil
    }

    /// A signature is a line that is only a name with a role line right
    /// below it. Below, not next: signatures are often set side by side, and
    /// the reading order then runs name, name, role, role.
    private func signatories() -> [Person] {
        // Every line may be a role, but few can be a name: lines are given
        // their repaired wording only in blocks where it is asked for.
        let blocks = document.blocks
        var repaired: [Int: [(line: TextLine, text: String)]] = [:]
        func text(_ block: Int, _ line: Int) -> String {
            if let lines = repaired[block] { return lines[line].text }
            let lines = Self.repairedLines(blocks[block])
            repaired[block] = lines
            return lines[line].text
        }
        var people: [Person] = []
        for (nameBlock, block) in blocks.enumerated() {
            for (nameIndex, name) in block.lines.enumerated() where People.mayBeName(name.text) {
                let nameText = text(nameBlock, nameIndex)
                guard People.isName(nameText) else { continue }
                var role: (block: Int, line: Int, y: Double)?
                for (roleBlock, candidates) in blocks.enumerated() {
                    for (roleIndex, candidate) in candidates.lines.enumerated()
                    where candidate.page == name.page && candidate.box.y > name.box.y
                        && candidate.box.y - name.box.maxY < 2 * name.box.height
                        && candidate.box.x < name.box.maxX && name.box.x < candidate.box.maxX
                        && candidate.box.y < role?.y ?? .infinity {
                        role = (roleBlock, roleIndex, candidate.box.y)
                    }
                }
                guard let role, let person = People.signature(name: nameText, role: text(role.block, role.line)),
                      !people.contains(person)
                else { continue }
                people.append(person)
            }
        }
        return people
    }

    /// The block's lines with their repaired wording, when repair kept the
    /// words one for one; otherwise as printed.
    private static func repairedLines(_ block: TextBlock) -> [(line: TextLine, text: String)] {
        let repaired = block.text.split(separator: " ")
        let counts = block.lines.map { $0.text.split(separator: " ").count }
        guard counts.reduce(0, +) == repaired.count else { return block.lines.map { ($0, $0.text) } }
        var start = 0
        return zip(block.lines, counts).map { line, count in
            defer { start += count }
            return (line, repaired[start..<start + count].joined(separator: " "))
        }
    }

    /// `Ärendet har remitterats till A, B och C.`
    static func consultedBodies(_ text: String) -> [String] {
        guard let match = lines(of: text, containing: "remitterats").firstMatch(of: referredTo) else { return [] }
        let list = String(match.1).replacing(" och ", with: ", ")
        return Self.unique(list.split(separator: ",").map { body in
            let trimmed = body.trimmingSpaces()
            return trimmed.prefix(1).uppercased() + trimmed.dropFirst()
        }.filter { !$0.isEmpty })
    }

    static func texts(_ section: Section) -> [String] {
        [section.heading] + section.blocks.flatMap(\.texts) + section.sections.flatMap(texts)
    }

    /// The lines of `text` that contain `word` (ASCII, lower case), in any
    /// case, joined again. Compared on UTF-8 bytes: Foundation's
    /// case-insensitive search was slower than the regexes it spares.
    static func lines(of text: String, containing word: String) -> String {
        lines(splitLines(text), containing: word)
    }

    static func lines(_ lines: [Substring], containing word: String) -> String {
        lines.filter { $0.containsTextIgnoringASCIICase(word) }.joined(separator: "\n")
    }

    /// Lines split on the bytes: splitting by Character walks grapheme clusters.
    static func splitLines(_ text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A).map { Substring($0) }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    nonisolated(unsafe) private let dnr =
        /(?i:dnr)\.?:?\s*(?:(\p{Lu}{1,6}\s+\d{4}\/\d{1,6}(?:-\d{1,3})?)|(\d+(?:\.\d+)*-\d+\/\d{4}))/
    nonisolated(unsafe) private static let organName =
        /(?:\p{Lu}[\p{L}]*-?\s+och\s+)?\p{Lu}[\p{L}]*(?:styrelse|nämnd|fullmäktige|utskott|råd|sektion|direktion|beredning)\p{L}*(?:\s+\p{Ll}*(?:utskott|beredning)\p{L}*)?/
    nonisolated(unsafe) private let motionNumber = /\((\d{4}:\d{1,4})\)/
    nonisolated(unsafe) private let placeDate = /\p{Lu}[\p{L}]+\s+den\s+\d{1,2}\s+\p{L}+\s+\d{4}/
    nonisolated(unsafe) private static let referredTo = /remitterats\s+till\s+([^.]+)\./
}
