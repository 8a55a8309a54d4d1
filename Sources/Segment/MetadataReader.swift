import DocumentModel
import Foundation

/// Reads the registrar's metadata from the page-1 furniture, the preamble and
/// the sections' text.
struct MetadataReader {
    var document: Document
    var title: String?
    var preamble: [String]
    var sections: [Section]

    func read() -> Metadata {
        var metadata = Metadata(documentType: documentType(), title: title ?? document.info.title)
        let header = (document.pages.first?.furniture ?? []).map(\.text).joined(separator: "\n")
        let allText = ([header] + preamble + sections.flatMap(Self.texts)).joined(separator: "\n")

        metadata.dnr = Self.unique(allText.matches(of: dnr).map { String($0.1 ?? $0.2 ?? "") })
        metadata.motionNumbers = Self.unique(allText.matches(of: motionNumber).map { String($0.1) })
        metadata.date = placeAndDate(sections.flatMap(Self.texts)) ?? SwedishDates.firstDate(in: header)

        let opening = (preamble + sections.prefix(3).flatMap(Self.texts)).joined(separator: "\n")
        metadata.authors = People.motionAuthors(in: opening)
        metadata.presenter = People.presenter(in: allText)
        metadata.signatories = signatories()
        metadata.consultedBodies = consultedBodies(allText)
        return metadata
    }

    /// The type is printed in the header or the first lines (`Tjänsteutlåtande`,
    /// `Utlåtande Rotel I`); the most specific word wins.
    private func documentType() -> DocumentType {
        let firstPage = (document.pages.first?.furniture ?? []).map(\.text) + preamble + [title ?? ""]
        let folded = TextFolding.fold(firstPage.joined(separator: " "))
        let order: [(String, DocumentType)] = [
            ("tjansteutlatande", .tjansteutlatande), ("protokollsutdrag", .protokollsutdrag),
            ("utlatande", .utlatande), ("remissvar", .remissvar), ("yttrande", .remissvar),
            ("skrivelse", .skrivelse), ("motion", .motion),
        ]
        let words = Set(folded.split(separator: " ").map(String.init))
        for (word, type) in order where words.contains(where: { TextFolding.similar($0, word) }) {
            if type == .motion, !TextFolding.fold(firstPage.first ?? "").hasPrefix("motion") { continue }
            return type
        }
        return .other
    }

    /// `Stockholm den 22 oktober 2025` on its own line dates the document.
    private func placeAndDate(_ texts: [String]) -> String? {
        for text in texts where text.count < 60 {
            if text.wholeMatch(of: placeDate) != nil { return SwedishDates.firstDate(in: text) }
        }
        return nil
    }

    /// Name lines followed by role lines, wherever they stand.
    private func signatories() -> [Person] {
        var people: [Person] = []
        let lines = document.blocks.flatMap { block in block.lines.map(\.text) }
        for (name, role) in zip(lines, lines.dropFirst()) {
            if let person = People.signature(name: name, role: role), !people.contains(person) {
                people.append(person)
            }
        }
        return people
    }

    private func consultedBodies(_ text: String) -> [String] { Self.consultedBodies(text) }

    /// `Ärendet har remitterats till A, B och C.`
    static func consultedBodies(_ text: String) -> [String] {
        guard let match = text.firstMatch(of: referredTo) else { return [] }
        let list = String(match.1).replacing(" och ", with: ", ")
        return Self.unique(list.split(separator: ",").map { body in
            let trimmed = body.trimmingCharacters(in: .whitespaces)
            return trimmed.prefix(1).uppercased() + trimmed.dropFirst()
        }.filter { !$0.isEmpty })
    }

    static func texts(_ section: Section) -> [String] {
        [section.heading] + section.blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let paragraph): [paragraph.text]
            case .list(let list): list.items.map(\.text)
            }
        } + section.sections.flatMap(texts)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    nonisolated(unsafe) private let dnr =
        /(?i:dnr)\.?:?\s*(?:(\p{Lu}{1,6}\s+\d{4}\/\d{1,6}(?:-\d{1,3})?)|(\d+(?:\.\d+)*-\d+\/\d{4}))/
    nonisolated(unsafe) private let motionNumber = /\((\d{4}:\d{1,4})\)/
    nonisolated(unsafe) private let placeDate = /\p{Lu}[\p{L}]+\s+den\s+\d{1,2}\s+\p{L}+\s+\d{4}/
    nonisolated(unsafe) private static let referredTo = /remitterats\s+till\s+([^.]+)\./
}
