import DocumentModel
import Foundation

/// Page 1's letterhead: organisation and unit (often left), document type,
/// designation, date and Dnr (often right), contact lines. Word exports put
/// it in a first-page header that no later page repeats, so recurrence
/// cannot set it apart; it is recognised by where it stands (above the
/// title, near the top of page 1) and by what its lines say.
struct Letterhead {
    /// Indices into the blocks of those that are letterhead.
    var blocks: Set<Int> = []
    var lines: [String] = []
    var organisation: String?
    var unit: String?
    var label: String?
    var designation: String?
    var date: String?
    var dnr: String?

    /// Reads the letterhead of `blocks`, which run up to (not including) the title.
    /// `topShare` is the share of page 1's height a letterhead may reach down to.
    /// `header` holds page 1's lines that the extract stage already set apart
    /// as running header (a Dnr line that later pages repeat).
    static func read(_ blocks: [TextBlock], skipped: Set<Int>, before titleIndex: Int?, pageHeight: Double,
                     topShare: Double = 0.3, header: [TextLine] = []) -> Letterhead {
        var letterhead = Letterhead()
        for line in header where line.page == 1 && line.box.y <= pageHeight * topShare
            && LetterheadLine.kind(of: line.text) != .pageNumber {
            letterhead.take(line.text.trimmingSpaces())
        }
        let end = titleIndex ?? blocks.count
        var previousTaken = true
        for index in 0..<end where !skipped.contains(index) {
            let block = blocks[index]
            guard block.firstPage == 1 else { break }
            // The lines as printed, with the repair stage's corrections (`Norrtalje kommun` read off a scan).
            let lines = block.lines.map { HeadingDetector.repaired($0.text.trimmingSpaces(), in: block) }.filter { !$0.isEmpty }
            let inTop = (block.lines.first?.box.y ?? .infinity) <= pageHeight * topShare
            let fields = lines.filter { LetterheadLine.kind(of: $0) != nil }.count
            // Above the title everything short counts; a letterhead never holds a paragraph.
            let short = lines.allSatisfy { $0.split(separator: " ").count <= 12 } && block.text.count <= 200
            // Below the top, only lines that run on from the letterhead above are letterhead:
            // a protocol's front matter (`Plats och tid`, `Beslutande`) above a late title is body.
            let runsOn = previousTaken && fields > 0 && ProtocolReader.label(of: lines.first ?? "") == nil
            let belongs = titleIndex != nil ? short && (inTop || runsOn) : short && inTop && fields > 0
            previousTaken = belongs
            guard belongs else {
                if titleIndex == nil { break }
                continue
            }
            letterhead.blocks.insert(index)
            // An organisation's name over several lines (`Sjukvårdspartiet` / `Landsbygdspartiet Oberoende` / `(SLP)`).
            let whole = block.text.trimmingSpaces()
            if lines.count > 1, letterhead.organisation == nil, whole.wholeMatch(of: LetterheadLine.organisationName) != nil {
                letterhead.organisation = whole
            }
            for line in lines { letterhead.take(line) }
        }
        return letterhead
    }

    mutating func take(_ line: String) {
        lines.append(line)
        let kind = LetterheadLine.kind(of: line)
        switch kind {
        case .dnr(let value): dnr = dnr ?? value
        case .date(let value): date = date ?? value
        case .label(let value, let designation):
            label = label ?? value
            if let designation { self.designation = self.designation ?? designation }
        case .designation(let value): designation = designation ?? value
        case .organisation: organisation = organisation ?? line
        case .unit: unit = unit ?? line
        case .contact, .pageNumber: break
        case nil:
            // `Beslut` names the document's type only in the letterhead: in the text it heads the decision.
            if TextFolding.fold(line) == "beslut" { label = label ?? line }
        }
        // `Vänsterpartiet Halmstad 2021-09-29`: the organisation shares a line.
        if organisation == nil, kind.map({ if case .date = $0 { true } else { false } }) ?? true,
           let match = line.prefixMatch(of: LetterheadLine.organisationName) {
            organisation = String(match.0).trimmingSpaces()
            // The rest may be the other column's line, read into the same line by OCR (`… Motion till kommunfullmäktige`).
            let rest = line[match.range.upperBound...].trimmingSpaces()
            if kind == nil, !rest.isEmpty, case .label(let value, let designation)? = LetterheadLine.kind(of: rest) {
                label = label ?? value
                if let designation { self.designation = self.designation ?? designation }
            }
        }
        // `Diarienummer KS 2023/145 · 2023-03-14` carries both.
        if date == nil, let found = SwedishDates.firstDate(in: line) { date = found }
    }
}

/// What one short line of a letterhead, or of a protocol's front matter, says.
enum LetterheadLine: Equatable {
    case dnr(String)
    case date(String)
    /// The document type as printed, and a designation when one follows it (`Utlåtande 2015:123 RI`).
    case label(String, designation: String?)
    /// A serial designation without a type word: `Handling 2020 nr 84`, `Utl. 2009:31`.
    case designation(String)
    case organisation
    case unit
    case contact
    case pageNumber

    static func kind(of line: String) -> LetterheadLine? {
        let text = line.trimmingSpaces()
        guard !text.isEmpty, text.count <= 120 else { return nil }
        // Page numbers and serials need a digit; most lines have none, and the regexes are slow.
        let hasDigit = text.contains(where: \.isNumber)
        if hasDigit, text.wholeMatch(of: pageNumberLine) != nil { return .pageNumber }
        // The label opens the line (the pattern is anchored): only the start need be tried.
        if let match = text.prefixMatch(of: dnrLabel) {
            let value = String(match.1).trimmingCharacters(in: CharacterSet(charactersIn: " :.,"))
            return value.isEmpty ? .contact : .dnr(value)
        }
        let words = text.split(separator: " ")
        if let first = words.first, DocumentTypes.type(ofLabel: String(first)) != nil, words.count <= 6 {
            let rest = words.dropFirst().joined(separator: " ")
            if rest.isEmpty { return .label(String(first), designation: nil) }
            // `Motion till kommunfullmäktige`, `Yttrande till Region Skåne`: the type and its addressee.
            // The addressee may have a place (`Motion till kommunfullmäktige i Piteå`).
            if words[1] == "till" || words[1] == "från", words.count <= 3 || (words.count <= 5 && words[3] == "i") {
                return .label(String(first), designation: nil)
            }
            if rest.contains(where: \.isNumber) { return .label(String(first), designation: text) }
        }
        if words.count <= 4, DocumentTypes.type(ofLabel: text) != nil { return .label(text, designation: nil) }
        // A serial has a colon or `nr` beside its digits.
        if words.count <= 5, hasDigit, text.contains(":") || text.localizedCaseInsensitiveContains("nr"),
           text.wholeMatch(of: serialDesignation) != nil {
            return .designation(text)
        }
        if Self.mayBeContact(text), text.firstMatch(of: contactWords) != nil { return .contact }
        if let date = SwedishDates.firstDate(in: text), text.count <= 40, words.count <= 5 { return .date(date) }
        if words.count <= 5, text.wholeMatch(of: organisationName) != nil { return .organisation }
        if words.count <= 6, text.last != ".", text.firstMatch(of: unitWords) != nil, isUnitName(words) { return .unit }
        return nil
    }

    /// A unit's name joins words with `och` only (`Barn- och utbildningsförvaltningen`);
    /// `för` only after a head word (`Kontoret för samhällsutveckling`). A title has prepositions.
    private static func isUnitName(_ words: [Substring]) -> Bool {
        let heads: Set<String> = ["kontoret", "forvaltningen", "avdelningen", "enheten", "staben", "sekretariatet", "namnden"]
        for (position, word) in words.enumerated() where word.first?.isLowercase == true {
            if word == "och" || word.hasSuffix("-") { continue }
            if word == "för", position > 0, heads.contains(TextFolding.fold(String(words[0]))) { continue }
            if word.contains(where: \.isUppercase) { continue }
            // Lower-case words of a unit's name are parts of it (`Kommunstyrelsens förvaltning`).
            if word.firstMatch(of: unitWords) != nil { continue }
            return false
        }
        return true
    }

    nonisolated(unsafe) private static let pageNumberLine = /(?i:sida|sid)?\s*\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|\/\s*\d{1,4}|av\s+\d{1,4})/
    /// The labels a Dnr is printed under, in letterheads and under protocol items alike.
    nonisolated(unsafe) static let dnrLabel =
        /^(?i:dnr|diarienummer|diarienr|ärendenummer|ärendenr|vår beteckning|vår referens|beteckning|dnr\.)\s*[:.]?\s*(.*)$/
    /// A word (not a Dnr's capitals) and a serial: a year and a number after a colon
    /// (`2009:31 RIII`), a year and `nr` (`2020 nr 84`), or `nr` and a number (`nr 45/2020`).
    nonisolated(unsafe) private static let serialDesignation =
        /\p{Lu}\p{Ll}+\.?(?:[ -]\p{Ll}+)?\s+(?:\d{4}:\d{1,4}(?:\s+\p{Lu}{1,5})?|\d{4}\s+(?i:nr)\.?\s*\d{1,5}|(?i:nr)\.?\s*\d{1,5}(?:\/\d{4})?)/
    /// Each contact word holds one of these pieces: a cheap test before the regex.
    private static func mayBeContact(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.contains("@") || lower.contains("tel") || lower.contains("post") || lower.contains("handl")
            || lower.contains("mobil") || lower.contains("kontakt") || lower.contains("adress") || lower.contains("www.")
            || lower.contains("org")
    }
    nonisolated(unsafe) private static let contactWords =
        /(?i:handläggare|telefon|tel\.|e-post|epost|mobil|kontaktperson|vår handläggare|postadress|besöksadress|org\.?\s?nr|www\.|@)/
    nonisolated(unsafe) static let organisationName =
        /(?:Socialdemokraterna|Moderaterna|Liberalerna|Kristdemokraterna|Sverigedemokraterna|\p{Lu}\p{Ll}+partiet(?:\s+\p{Lu}\p{Ll}+partiet)*(?:\s+Oberoende)?(?:\s+\(\p{Lu}{1,5}\))?)(?:(?:\s+i)?\s+(?!Motion\b|Skrivelse\b|Interpellation\b)\p{Lu}[\p{L}-]+)?|(?:\p{Lu}[\p{L}-]+\s+){1,3}(?i:kommun|stad|stads|landsting)\b|Region\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?|(?:\p{Lu}[\p{L}-]+\s+)?(?i:kommun)\b/
    nonisolated(unsafe) private static let unitWords =
        /(?i:förvaltning|kontor(?:et)?\b|nämnd|styrelse|fullmäktige|avdelning|enhet(?:en)?\b|sekretariat|kansli|utskott|direktion|förbund|\bAB\b|kommunledning|ledningsstab|staben)/
}

/// The document types the genre prints as a word in the letterhead or title.
enum DocumentTypes {
    /// The label word as printed → the type; nil for words that name no type.
    static func type(ofLabel label: String) -> DocumentType? {
        let folded = TextFolding.fold(label)
        for (word, type) in labels where folded == word { return type }
        return nil
    }

    /// The type a title or a genre phrase names, most specific first.
    static func type(inTitle title: String) -> DocumentType? {
        let folded = TextFolding.fold(title)
        for (prefix, type) in titlePrefixes where folded.hasPrefix(prefix) { return type }
        return nil
    }

    private static let labels: [(String, DocumentType)] = [
        ("tjansteskrivelse", .tjansteskrivelse), ("tjansteutlatande", .tjansteutlatande),
        ("utlatande", .utlatande), ("yttrande", .remissvar), ("remissvar", .remissvar),
        ("remissyttrande", .remissvar), ("motion", .motion), ("skrivelse", .skrivelse),
        ("delegationsbeslut", .delegationsbeslut), ("beslut pa delegation", .delegationsbeslut),
        ("kallelse", .kallelse), ("foredragningslista", .kallelse), ("dagordning", .kallelse),
        ("kallelse och foredragningslista", .kallelse), ("kungorelse", .kallelse),
        ("protokoll", .protokoll), ("sammantradesprotokoll", .protokoll), ("protokollsutdrag", .protokollsutdrag),
        ("utdrag ur protokoll", .protokollsutdrag), ("utdrag ur sammantradesprotokoll", .protokollsutdrag),
        ("tjanstemannaforslag", .tjansteskrivelse), ("missiv", .skrivelse),
        // A member's or a group's initiative is filed as a skrivelse.
        ("politiskt initiativ", .skrivelse), ("initiativarende", .skrivelse), ("initiativ", .skrivelse),
    ]

    private static let titlePrefixes: [(String, DocumentType)] = [
        ("protokollsutdrag", .protokollsutdrag), ("utdrag ur", .protokollsutdrag),
        ("sammantradesprotokoll", .protokoll), ("protokoll", .protokoll),
        ("kallelse", .kallelse), ("foredragningslista", .kallelse), ("dagordning", .kallelse),
        ("delegationsbeslut", .delegationsbeslut), ("beslut pa delegation", .delegationsbeslut),
        ("yttrande", .remissvar), ("remissvar", .remissvar), ("svar pa remiss", .remissvar),
        ("motion", .motion), ("skrivelse", .skrivelse),
    ]
}
