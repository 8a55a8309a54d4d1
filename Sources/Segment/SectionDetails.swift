import DocumentModel
import Foundation

/// Reads what the genre's fixed phrases say inside sections: a consulted
/// body's decision and report, and each reservation's authors and claims.
enum SectionDetails {
    /// Fills `consultation` and `reservation` throughout the tree and returns
    /// every reservation found, pointers included.
    /// `group` is the body a reservation belongs to when the document groups
    /// its reservations by body (`Reservationer m.m.` → `Socialnämnden` → …).
    /// `members`: a protocol's decision makers, of whom `Ledamöterna för (M)` are the ones in M.
    static func annotate(_ sections: inout [Section], parent: Section? = nil, group: String? = nil, members: [Person] = [],
                         decidingBody: inout String?) -> [ReservationDetails] {
        var found: [ReservationDetails] = []
        for index in sections.indices {
            var section = sections[index]
            switch section.kind {
            case .remissinstans:
                let details = consultation(section)
                section.consultation = details.consultation
                found += details.reservations
            case .reservation:
                let details = reservation(section, body: group ?? decidingBody, members: members)
                section.reservation = details
                found.append(details)
            default:
                break
            }
            if let body = lastDecidingBody(in: section) { decidingBody = body }
            let childGroup = parent?.kind == .reservationer && section.kind == .other ? section.heading : group
            found += annotate(&section.sections, parent: section, group: childGroup, members: members, decidingBody: &decidingBody)
            sections[index] = section
        }
        return found
    }

    static func paragraphs(_ section: Section) -> [String] {
        section.blocks.compactMap { if case .paragraph(let paragraph) = $0 { paragraph.text } else { nil } }
    }

    private static func consultation(_ section: Section) -> (consultation: ConsultationDetails, reservations: [ReservationDetails]) {
        var details = ConsultationDetails(body: section.heading)
        var reservations: [ReservationDetails] = []
        var awaitingPoints = false
        for block in section.blocks {
            switch block {
            case .list(let list) where awaitingPoints:
                details.decisionPoints = list.items.map(\.text)
                awaitingPoints = false
            case .list, .table:
                break
            case .paragraph(let paragraph):
                let text = paragraph.text
                if text.containsText("beslutade"), let match = text.firstMatch(of: decided) {
                    details.decisionDate = SwedishDates.firstDate(in: String(match.1))
                    awaitingPoints = true
                    continue
                }
                let pointers = !text.containsText("Reservation") ? [] : People.reservations(in: text).filter { $0.tail.hasPrefix(", se") || $0.tail.hasPrefix(" se") }
                if !pointers.isEmpty {
                    reservations += pointers.map { ReservationDetails(authors: $0.authors, body: section.heading) }
                    continue
                }
                if text.containsText("daterat"), let match = text.firstMatch(of: reported) {
                    details.reportDate = SwedishDates.firstDate(in: String(match.1))
                    awaitingPoints = false
                    continue
                }
                if text.containsText("har inte inkommit med svar") { details.noAnswer = true }
                if awaitingPoints {
                    details.decisionPoints = [text]
                    awaitingPoints = false
                }
            }
        }
        return (details, reservations)
    }

    private static func reservation(_ section: Section, body: String?, members: [Person]) -> ReservationDetails {
        var authors = People.reservations(in: section.heading).first?.authors ?? []
        // Under a bare `Reservation`, the first sentence names who reserves themselves.
        if authors.isEmpty, let first = paragraphs(section).first { authors = People.reservants(in: first, members: members) }
        var claims: [String] = []
        for block in section.blocks {
            if case .list(let list) = block, list.ordered {
                claims = list.items.map(\.text)
                break
            }
        }
        return ReservationDetails(authors: authors, body: body, claims: claims)
    }

    /// The body that decided last in a section's text (`Kommunstyrelsen delar …`):
    /// a reservation that follows it was made in that body.
    private static func lastDecidingBody(in section: Section) -> String? {
        paragraphs(section).reversed().lazy
            .filter { paragraph in decidingVerbs.contains { paragraph.prefix(80).containsText($0) } }
            .compactMap { $0.firstMatch(of: decidingSentence).map { String($0.1) } }.first
    }

    nonisolated(unsafe) private static let decided = /beslutade\s+vid\s+sitt\s+sammanträde\s+den\s+(\d{1,2}\s+\p{L}+\s+\d{4})/
    nonisolated(unsafe) private static let reported = /(?:tjänsteutlåtande|yttrande|remissvar|skrivelse)\s+daterat\s+den\s+(\d{1,2}\s+\p{L}+\s+\d{4})/
    private static let decidingVerbs = ["delar", "beslutar", "beslutade", "föreslår", "tillstyrker", "avstyrker"]
    nonisolated(unsafe) private static let decidingSentence = /^(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)\s+(?:delar|beslutar|beslutade|föreslår|tillstyrker|avstyrker)\b/
}
