import DocumentModel
import Foundation

/// A protocol's items (`§ 8 Val av justerare`, `KS § 3 a`, `39 §`) and its
/// front matter: who met, where, when, who checks the minutes.
enum ProtocolReader {
    struct ItemHeading: Equatable {
        /// As printed: `§ 8`, `KS § 3 a`, `39 §`.
        var number: String
        /// The number alone, for comparing (`8`, `3a`).
        var key: String
        /// Empty when the title is the next block.
        var title: String
    }

    /// The item heading a block's first line opens, if any. Lines that end in
    /// a page number after leaders are table-of-contents entries, not items.
    static func itemHeading(_ text: String) -> ItemHeading? {
        let line = text.trimmingSpaces()
        // Every form has a sign (OCR reads § as `$` often enough to accept it) or a digit near
        // the start; most lines have neither, and the regexes are slow.
        guard line.contains(where: { "§$£&".contains($0) }) || line.utf8.prefix(12).contains(where: { (0x30...0x39).contains($0) })
        else { return nil }
        guard !line.contains("§§"), !line.contains("$$"), line.count <= 220 else { return nil }
        if line.firstMatch(of: leaders) != nil { return nil }
        if let match = line.prefixMatch(of: prefixed) {
            // OCR's `$`, `£`, `&` and `£&` for the section sign are repaired in the number.
            let number = String(line[..<match.3.startIndex]).trimmingSpaces()
                .replacing(ocrSign, with: "§", maxReplacements: 1)
            let letter = match.2.map(String.init) ?? ""
            let title = cleanTitle(match.3)
            // `Enligt § 27 i arbetsordningen …` cites a paragraph; an item's title opens with a capital.
            if let first = title.first, first.isLowercase { return nil }
            return ItemHeading(number: number, key: String(match.1) + letter, title: title)
        }
        // An agenda's `3. § 3 Title` read by OCR as `3. 8 3 Title` or `5. 85 Title`: the list number vouches for it.
        // A sign must be there, stray: `2.2 Avtal` is a numbered heading, not an item.
        if let match = line.prefixMatch(of: agendaLine) {
            let listed = String(match.1), read = String(match.3)
            if (match.2 != nil && read == listed)
                || (read.count == listed.count + 1 && read.hasSuffix(listed) && "835$S".contains(read.first ?? " ")) {
                return ItemHeading(number: "§ \(listed)", key: listed, title: cleanTitle(match.4))
            }
        }
        // OCR reads `KS § 263` as `KS 8 263` or `KS 3 263`: a body's letters, one stray sign, a number, a title.
        if let match = line.prefixMatch(of: misreadSign) {
            let printed = String(line[..<match.2.startIndex]).trimmingSpaces()
            return ItemHeading(number: printed.replacing(strayDigitSign, with: " § ", maxReplacements: 1), key: String(match.1),
                               title: cleanTitle(match.2))
        }
        if let match = line.prefixMatch(of: suffixed) {
            return ItemHeading(number: "\(match.1) §", key: String(match.1), title: cleanTitle(match.2))
        }
        return nil
    }

    /// The title without the dashes and colons around it.
    private static func cleanTitle(_ title: Substring) -> String {
        withoutOpeningMarks(title.trimmingCharacters(in: CharacterSet(charactersIn: " \t–-:")))
    }

    /// A title's line without what stands before its first word: on a scan the
    /// junk a rule or an arrow reads as (`«:`, `=`, `<`). Its end is left alone:
    /// `… utökad 30-` runs on in the next line.
    static func withoutOpeningMarks<S: StringProtocol>(_ title: S) -> String {
        let opening = title.prefix { !$0.isLetter && !$0.isNumber && !"(\"'„”“".contains($0) }
        return String(title.dropFirst(opening.count))
    }

    /// `Dnr KS 2024/12`, `Diarienummer: 2023/145`, `Dnr 2023.0145`.
    static func itemDnr(_ text: String) -> String? {
        let line = text.trimmingSpaces()
        guard line.count <= 60, let match = line.firstMatch(of: LetterheadLine.dnrLabel) else { return nil }
        let value = String(match.1).trimmingCharacters(in: CharacterSet(charactersIn: " :.,"))
        return value.count >= 2 ? value : nil
    }

    // `KS § 3 a Title`, `§ 8 Title`, `Kf § 12`.
    // An organ's short name may have two parts: `KS EU § 6`, `KS AU § 12`.
    nonisolated(unsafe) private static let prefixed = /(?:\p{Lu}[\p{L}]{0,5}\s+(?:\p{Lu}{1,4}\s+)?)?[§$£&][£&$S]?\s*(\d{1,4})(?:\s?([a-z])\b)?(?:\/\d{2,4})?\s*(.*)/
    nonisolated(unsafe) private static let agendaLine = /(\d{1,3})[.)]\s*(?:([835S$])\s)?([835S$]?\d{1,3})\s+(\p{Lu}.*)/
    nonisolated(unsafe) private static let labelResidue = /^(?:(?:och|tid|plats)(?:\s+|$))+|^[—–-]\s*/
    nonisolated(unsafe) private static let ocrSign = /[§$£&][£&$S]?/
    nonisolated(unsafe) private static let strayDigitSign = /\s[835S]{1,2}\s/
    nonisolated(unsafe) private static let misreadSign = /\p{Lu}{1,3}\s+[835S]{1,2}\s+(\d{1,4})(?:\/\d{2,4})?\s+(\p{Lu}.*)/
    // `39 § Title` (Finland-Swedish protocols).
    nonisolated(unsafe) private static let suffixed = /(\d{1,4})\s*[§$]\s*(.*)/
    nonisolated(unsafe) private static let leaders = /(?:\.\s*){4,}\s*\d{0,4}\s*$|\s\.{3,}|…/

    // MARK: - Front matter

    /// The labels of a protocol's front matter, folded, and the field each fills.
    enum Field: CaseIterable {
        case placeAndTime, organ, decisionMakers, others, adjusters, adjustment, paragraphs, signatures, secretary, chair, adjusting
    }

    private static let labels: [(String, Field)] = [
        ("plats och tid", .placeAndTime), ("tid och plats", .placeAndTime), ("sammantradesdatum", .placeAndTime),
        ("sammantradestid", .placeAndTime), ("sammantradesplats", .placeAndTime),
        ("tid", .placeAndTime), ("plats", .placeAndTime), ("datum", .placeAndTime), ("organ", .organ),
        ("beslutande", .decisionMakers), ("narvarande ledamoter", .decisionMakers), ("ledamoter", .decisionMakers),
        ("tjanstgorande ersattare", .decisionMakers),
        ("ovriga narvarande", .others), ("ovriga deltagare", .others), ("narvarande ersattare", .others),
        ("ersattare", .others), ("narvarande", .others), ("ovriga", .others), ("tjansteman", .others),
        ("utses att justera", .adjusters), ("justerare", .adjusters),
        ("justeringens plats och tid", .adjustment), ("justeringens tid och plats", .adjustment),
        ("tid och plats for justering", .adjustment), ("justeringens plats", .adjustment), ("justeringens tid", .adjustment),
        ("justering", .adjustment),
        ("paragrafer", .paragraphs), ("paragraf", .paragraphs), ("underskrifter", .signatures),
        ("sekreterare", .secretary), ("ordforande", .chair), ("justerande", .adjusting),
    ]

    /// The label that opens a line, the field it fills and the rest of the line.
    static func label(of line: String) -> (field: Field, rest: String)? {
        let folded = TextFolding.fold(line)
        for (label, field) in labels where folded == label || folded.hasPrefix(label + " ") {
            // The rest starts after as many words as the label has.
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            let count = label.split(separator: " ").count
            guard words.count >= count else { continue }
            let rest = words.dropFirst(count).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            return (field, rest)
        }
        return nil
    }

    /// True when `line` opens with a front-matter label of several words
    /// (`Justeringens plats och tid`, `Utses att justera`): those are never a heading's words.
    static func hasLongLabel(_ line: String) -> Bool {
        let folded = TextFolding.fold(line)
        return labels.contains { label, _ in label.contains(" ") && (folded == label || folded.hasPrefix(label + " ")) }
    }

    /// Reads the meeting from the front-matter lines (label lines and the
    /// value lines below or beside them).
    static func meeting(lines: [String], organ: String?) -> Meeting {
        var meeting = Meeting(organ: organ)
        var values: [Field: [String]] = [:]
        var current: Field?
        // The last label's line, and whether its rest was taken as a value.
        var labelLine: (text: String, tookRest: Bool)?
        for raw in lines {
            let line = raw.trimmingSpaces()
            guard !line.isEmpty else { continue }
            // A label wrapped in its cell (`Justeringens plats` over `och tid …`) goes on in this line.
            if let previous = labelLine, let longer = label(of: previous.text + " " + line),
               longer.rest.count < line.count, line.hasSuffix(longer.rest) {
                if previous.tookRest, let field = current { values[field]?.removeLast() }
                current = longer.field
                if !longer.rest.isEmpty { values[longer.field, default: []].append(longer.rest) }
                labelLine = (previous.text + " " + line, !longer.rest.isEmpty)
                continue
            }
            if let found = label(of: line) {
                current = found.field
                if !found.rest.isEmpty { values[found.field, default: []].append(found.rest) }
                labelLine = (line, !found.rest.isEmpty)
                continue
            }
            labelLine = nil
            if let current {
                values[current, default: []].append(line)
            }
        }
        if let printed = values[.organ]?.first { meeting.organ = printed }
        let placeAndTime = (values[.placeAndTime] ?? []).joined(separator: " ")
        meeting.date = SwedishDates.firstDate(in: placeAndTime)
        meeting.time = placeAndTime.firstMatch(of: clock).map { String($0.0).trimmingSpaces() }
        meeting.place = place(in: values[.placeAndTime] ?? [])
        meeting.decisionMakers = (values[.decisionMakers] ?? []).flatMap(members)
        meeting.others = (values[.others] ?? []).flatMap(members)
        meeting.adjusters = (values[.adjusters] ?? []).flatMap(names)
        let adjustment = (values[.adjustment] ?? []).joined(separator: " ")
        meeting.adjustmentDate = SwedishDates.firstDate(in: adjustment)
        meeting.adjustmentPlace = place(in: values[.adjustment] ?? [])
        meeting.secretary = (values[.secretary] ?? []).flatMap(names).first
            ?? (meeting.others + meeting.decisionMakers).first { $0.role?.contains("sekreterare") == true }?.name
        meeting.chair = (values[.chair] ?? []).flatMap(names).first
            ?? meeting.decisionMakers.first { $0.role?.hasPrefix("ordförande") == true }?.name
        if meeting.adjusters.isEmpty { meeting.adjusters = (values[.adjusting] ?? []).flatMap(names) }
        return meeting
    }

    /// The place is the part of the place-and-time lines that is neither date nor time.
    private static func place(in lines: [String]) -> String? {
        for line in lines {
            var text = line
            if let clock = text.firstMatch(of: clock) { text.removeSubrange(clock.range) }
            for part in text.split(separator: ",") {
                // What a label wrapped beside the value leaves (`och`, `och tid`) and a dash before it are no place.
                let trimmed = part.trimmingSpaces().replacing(labelResidue, with: "")
                if trimmed.isEmpty || SwedishDates.firstDate(in: trimmed) != nil || trimmed.first?.isNumber == true { continue }
                if weekdays.contains(TextFolding.fold(trimmed.split(separator: " ").first.map(String.init) ?? "")) { continue }
                return trimmed
            }
        }
        return nil
    }

    /// `Anna Andersson (S), ordförande`, `Anna Andersson, S, ordförande`, `Dan Möllengård (-)` (no party),
    /// `Eva Holm (C) tjänstgörande ersättare för Lars Ek`, `Karin Lund, kommunsekreterare`.
    static func members(_ line: String) -> [Person] {
        let text = line.trimmingSpaces()
        var people: [Person] = []
        let matches = text.matches(of: member)
        if !matches.isEmpty {
            for match in matches {
                let role = match.3.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ,;")) }
                people.append(Person(name: String(match.1).trimmingSpaces(), party: match.2 == "–" ? "-" : String(match.2),
                                     role: role?.isEmpty == false ? role : nil))
            }
            return people
        }
        let parts = text.split(separator: ",").map { $0.trimmingSpaces() }
        guard let name = parts.first, People.isName(name) else { return [] }
        if parts.count >= 2, People.parties.contains(parts[1].uppercased()) {
            return [Person(name: name, party: parts[1].uppercased(), role: parts.count > 2 ? parts[2...].joined(separator: ", ") : nil)]
        }
        return [Person(name: name, role: parts.count > 1 ? parts[1...].joined(separator: ", ") : nil)]
    }

    /// A line of a Beslutande or Närvarande list (`Ingmar Ögren (SD), ledamot`): it heads nothing, however set.
    static func isMemberLine(_ line: String) -> Bool {
        let text = line.trimmingSpaces()
        guard text.count <= 90, text.contains("("), let first = members(text).first else { return false }
        return text.hasPrefix(first.name)
    }

    /// Names in `Per Nilsson och Eva Holm`, `Per Nilsson (M), Eva Holm (C)`.
    static func names(_ line: String) -> [String] {
        let withoutParties = line.replacing(partyInParentheses, with: "")
        return withoutParties.replacing(" och ", with: ", ").split(separator: ",")
            .map { $0.trimmingSpaces() }
            .filter { People.isName($0) }
    }

    private static let weekdays: Set<String> = ["mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag",
                                                "mandagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lordagen", "sondagen", "den"]

    nonisolated(unsafe) private static let clock = /(?i:kl\.?|klockan)?\s*\d{1,2}[.:]\d{2}(?:\s*[–-]\s*\d{1,2}[.:]\d{2})?/
    nonisolated(unsafe) private static let partyInParentheses = /\s*\((?:S|M|C|V|L|KD|MP|SD|FP|FI|-)\)/
    nonisolated(unsafe) private static let member =
        /(\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:von|af|de|van|der|la|di)\s+)?(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.?(?=\s))){1,3})\s*\(([A-Za-zÅÄÖåäö]{1,3}|[-–])\)\s*,?\s*((?:[\p{Ll}][\p{L}-]*)(?:\s+(?:för\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}|[\p{Ll}][\p{L}-]*))*)?/

    // MARK: - Votes

    /// `Ja-röster: 8, Nej-röster: 5, Avstår: 0`, `8 ja-röster mot 5 nej-röster`.
    static func vote(in text: String) -> VoteResult? {
        let folded = text.lowercased()
        guard folded.contains("ja"), folded.contains("nej") else { return nil }
        func count(_ pattern: Regex<(Substring, Substring)>) -> Int? {
            folded.firstMatch(of: pattern).flatMap { Int($0.1) }
        }
        guard let yes = count(yesCount) ?? count(yesCountAfter), let no = count(noCount) ?? count(noCountAfter),
              yes <= 10_000, no <= 10_000
        else { return nil }
        let abstain = count(abstainCount) ?? count(abstainCountAfter)
        return VoteResult(yes: yes, no: no, abstain: abstain.flatMap { $0 <= 10_000 ? $0 : nil })
    }

    nonisolated(unsafe) private static let yesCount = /ja(?:-?röster)?\s*[:=]?\s*(\d{1,5})\b/
    nonisolated(unsafe) private static let noCount = /nej(?:-?röster)?\s*[:=]?\s*(\d{1,5})\b/
    nonisolated(unsafe) private static let abstainCount = /avst(?:år|ående|od)\s*[:=]?\s*(\d{1,5})\b/
    nonisolated(unsafe) private static let yesCountAfter = /(\d{1,5})\s+ja(?:-?röster)?\b/
    nonisolated(unsafe) private static let noCountAfter = /(\d{1,5})\s+nej(?:-?röster)?\b/
    nonisolated(unsafe) private static let abstainCountAfter = /(\d{1,5})\s+(?:avstår|avstod|ledamöter avstod)\b/
}
