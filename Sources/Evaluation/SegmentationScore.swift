import DocumentModel
import Foundation

/// How well segmentation recovered a sample's headings and metadata.
///
/// Headings count as found only with the same text (white space folded) and
/// the same level, in order; the title counts as the first level-1 heading,
/// as the outline writes it. Each metadata field is right or wrong as a whole.
public struct SegmentationScore: Sendable {
    public var truthHeadings: [Outline.Heading]
    public var foundHeadings: [Outline.Heading]
    public var matchedHeadings: Int
    /// Field name → (expected, found), for every field compared.
    public var fields: [(name: String, expected: String, found: String)]

    public var precision: Double { foundHeadings.isEmpty ? 0 : Double(matchedHeadings) / Double(foundHeadings.count) }
    public var recall: Double { truthHeadings.isEmpty ? 1 : Double(matchedHeadings) / Double(truthHeadings.count) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var wrongFields: [(name: String, expected: String, found: String)] { fields.filter { $0.expected != $0.found } }

    public init(document: Document, truth: Outline) {
        truthHeadings = truth.headings.map { Outline.Heading(text: Self.clean($0.text), level: $0.level) }
        var found: [Outline.Heading] = []
        if let title = document.metadata?.title { found.append(Outline.Heading(text: Self.clean(title), level: 1)) }
        func walk(_ sections: [Section]) {
            for section in sections {
                if !section.implicit { found.append(Outline.Heading(text: Self.clean(section.heading), level: section.level)) }
                walk(section.sections)
            }
        }
        walk(document.sections)
        foundHeadings = found
        matchedHeadings = WordAlignment(reference: truthHeadings.map { "\($0.level)\u{1F}\($0.text)" },
                                        hypothesis: found.map { "\($0.level)\u{1F}\($0.text)" }).matches
        fields = Self.compareFields(document.metadata ?? Metadata(), truth)
    }

    private static func compareFields(_ metadata: Metadata, _ truth: Outline) -> [(name: String, expected: String, found: String)] {
        func people(_ list: [(String, String?, String?)]) -> String {
            list.map { "\($0.0) (\($0.1 ?? "-")) \(baseRole($0.2))" }.sorted().joined(separator: "; ")
        }
        let foundPeople = metadata.authors.map { ($0.name, $0.party, $0.role) }
            + (metadata.presenter.map { [($0.name, $0.party, $0.role)] } ?? [])
            + metadata.signatories.map { ($0.name, $0.party, $0.role) }
        let foundReservations = metadata.reservations.map { reservation in
            "\(reservation.authors.map(\.name).joined(separator: ", ")) (\(reservation.authors.first?.party ?? "-")) in \(reservation.body ?? "-"): \(reservation.claims.joined(separator: " | "))"
        }.sorted().joined(separator: "; ")
        let truthReservations = truth.reservations.map {
            "\($0.author) (\($0.party ?? "-")) in \($0.body ?? "-"): \($0.claims.joined(separator: " | "))"
        }.sorted().joined(separator: "; ")
        return [
            ("documentType", fold(truth.documentType), metadata.documentType.rawValue),
            ("title", truth.title ?? "-", metadata.title ?? "-"),
            ("dnr", truth.dnr.joined(separator: ", "), metadata.dnr.joined(separator: ", ")),
            ("motionNumbers", truth.motion ?? "", metadata.motionNumbers.joined(separator: ", ")),
            ("date", truth.date ?? "-", metadata.date ?? "-"),
            ("people", people(truth.authors.map { ($0.name, $0.party, $0.role) }), people(foundPeople)),
            ("reservations", truthReservations, foundReservations),
        ]
    }

    /// `motionär (m. fl.)` and `motionär` are the same role.
    private static func baseRole(_ role: String?) -> String {
        guard let role else { return "-" }
        return role.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? role
    }

    private static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    private static func clean(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
