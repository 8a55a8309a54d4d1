import Foundation
import XMLSupport

/// Writes a document as Akoma Ntoso 3.0 (OASIS LegalDocML), valid against the
/// official schema (`Schemas/akomantoso30.xsd`), from the same published model
/// as the XML and JSON, so all formats carry the same values.
///
/// Protocols and extracts of them are `debate`s (Akoma Ntoso's type for the
/// record of an assembly's meeting), every other type a `doc` named by its
/// document type. Sections are `hcontainer`s (`debateSection`s in a debate)
/// whose `name` is Diarium's section kind, because `section` belongs to the
/// legislative hierarchy of acts and would lose the kind. Ids are the ones the
/// XML and JSON use, so a block can be found in every format by one id. The
/// text is the repaired text: the vocabulary has no place for the printed
/// original, which the XML and JSON keep. docs/akoma-ntoso.md has the mapping.
public enum AkomaNtosoRenderer {
    public static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    /// The `eId` of the converter, the source of the identification and references.
    static let converterID = "diarium"

    public static func render(_ document: OutputDocument) throws -> Data {
        var references = References(document)
        let metadata = document.metadata
        let isDebate = ["protokoll", "protokollsutdrag"].contains(metadata.documentType)
        let organisationID = metadata.organisation.map { references.addOrganization($0) }
        let unitID = metadata.unit.map { references.addOrganization($0) }
        let organID = metadata.meeting?.organ.map { references.addOrganization($0) }
        // FRBR wants an author: the organisation that issued the document, else
        // the unit or the meeting's organ; Diarium itself only when none is known.
        let authorID = organisationID ?? unitID ?? organID ?? converterID
        let roles = Roles(metadata)
        let writer = try XMLWriter(indent: true)
        try writer.startElement("akomaNtoso", namespace: namespace)
        try writer.startElement(isDebate ? "debate" : "doc")
        try writer.attribute("name", metadata.documentType)
        try writeMeta(document, authorID: authorID, element: isDebate ? "debate" : "doc",
                      references: references, roles: roles, to: writer)
        let hasSections = !document.sections.isEmpty
        try writePreface(metadata, references: references, roles: roles,
                         organisationID: organisationID, unitID: unitID,
                         // A debate has no preamble: its opening text goes to the preface.
                         blocks: isDebate && hasSections ? document.preamble : [], to: writer)
        if isDebate {
            try writer.startElement("debateBody")
            if hasSections {
                for section in document.sections { try writeSection(section, debate: true, references: references, to: writer) }
            } else {
                // The body needs a section: without the segment stage the text is one.
                try writer.startElement("debateSection")
                try writer.attribute("name", "body")
                try writer.attribute("eId", "body")
                try writeBlocks(document.preamble, opinionBy: nil, to: writer)
                try writer.endElement()
            }
            try writer.endElement()
        } else {
            if hasSections && !document.preamble.isEmpty {
                try writer.startElement("preamble")
                try writeBlocks(document.preamble, opinionBy: nil, to: writer)
                try writer.endElement()
            }
            try writer.startElement("mainBody")
            if hasSections {
                for section in document.sections { try writeSection(section, debate: false, references: references, to: writer) }
            } else if try writeBlocks(document.preamble, opinionBy: nil, to: writer) == 0 {
                // mainBody may not be empty.
                try writer.element("p")
            }
            try writer.endElement()
        }
        try writer.endElement()
        try writer.endElement()
        return try writer.finish()
    }

    // MARK: - meta

    private static func writeMeta(_ document: OutputDocument, authorID: String, element: String,
                                  references: References, roles: Roles, to writer: XMLWriter) throws {
        let metadata = document.metadata
        let date = FRBRDate(document)
        // The naming convention's shape: /akn/<country>/<type>/<subtype>/<date>/<number>,
        // the number being the document's stable id (unique where a Dnr is not).
        let work = "/akn/se/\(element)/\(metadata.documentType)/\(date.value)/\(document.source.id)"
        let expression = "\(work)/swe@"
        try writer.startElement("meta")
        try writer.startElement("identification")
        try writer.attribute("source", "#\(converterID)")

        try writer.startElement("FRBRWork")
        try writer.element("FRBRthis", attributes: ["value": "\(work)/!main"])
        try writer.element("FRBRuri", attributes: ["value": work])
        for dnr in metadata.dnr { try writer.element("FRBRalias", attributes: ["value": dnr, "name": "dnr"]) }
        for number in metadata.motionNumbers { try writer.element("FRBRalias", attributes: ["value": number, "name": "motion"]) }
        if let designation = metadata.designation {
            try writer.element("FRBRalias", attributes: ["value": designation, "name": "designation"])
        }
        try writer.element("FRBRdate", attributes: ["date": date.value, "name": date.name])
        try writer.element("FRBRauthor", attributes: ["href": "#\(authorID)"])
        try writer.element("FRBRcountry", attributes: ["value": "se"])
        try writer.element("FRBRsubtype", attributes: ["value": metadata.documentType])
        try writer.element("FRBRnumber", attributes: ["value": document.source.id])
        if let title = metadata.title { try writer.element("FRBRname", attributes: ["value": title]) }
        try writer.endElement()

        try writer.startElement("FRBRExpression")
        try writer.element("FRBRthis", attributes: ["value": "\(expression)/!main"])
        try writer.element("FRBRuri", attributes: ["value": expression])
        try writer.element("FRBRdate", attributes: ["date": date.value, "name": date.name])
        try writer.element("FRBRauthor", attributes: ["href": "#\(authorID)"])
        try writer.element("FRBRlanguage", attributes: ["language": "swe"])
        try writer.endElement()

        // The manifestation is this file. Its date is the work's: reading the
        // clock would make two runs on the same input differ.
        try writer.startElement("FRBRManifestation")
        try writer.element("FRBRthis", attributes: ["value": "\(expression)/!main.xml"])
        try writer.element("FRBRuri", attributes: ["value": "\(expression).akn"])
        try writer.element("FRBRdate", attributes: ["date": date.value, "name": date.name])
        try writer.element("FRBRauthor", attributes: ["href": "#\(converterID)"])
        try writer.element("FRBRformat", attributes: ["value": "application/akn+xml"])
        try writer.endElement()
        try writer.endElement()

        try writer.startElement("references")
        try writer.attribute("source", "#\(converterID)")
        try writer.element("TLCOrganization", attributes: [
            "eId": converterID, "href": "/ontology/organization/\(converterID)", "showAs": "Diarium",
        ])
        for organization in references.organizations {
            try writer.element("TLCOrganization", attributes: [
                "eId": organization.id, "href": href(organization.id, kind: "organization"), "showAs": organization.name,
            ])
        }
        for person in references.people {
            try writer.element("TLCPerson", attributes: [
                "eId": person.id, "href": href(person.id, kind: "person"), "showAs": person.name,
            ])
        }
        for role in roles.entries {
            try writer.element("TLCRole", attributes: ["eId": role.id, "href": href(role.id, kind: "role"), "showAs": role.name])
        }
        try writer.endElement()
        try writer.endElement()
    }

    /// A document-local ontology address from an id: `pers-karin-wanngard` →
    /// `/ontology/person/se/karin-wanngard`, `party-c` → `/ontology/organization/se/party/c`.
    /// The id's own numbering (`-2`) keeps two people of one name apart.
    static func href(_ id: String, kind: String) -> String {
        let parts = id.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "/ontology/\(kind)/se/\(id)" }
        switch parts[0] {
        case "party": return "/ontology/\(kind)/se/party/\(parts[1])"
        default: return "/ontology/\(kind)/se/\(parts[1])"
        }
    }

    /// The work's date and what it is: the document's own date, else the
    /// meeting's, else the PDF's creation; the schema requires one, so a
    /// document with none gets `0001-01-01` named `unknown`.
    struct FRBRDate: Equatable {
        var value: String
        var name: String

        init(_ document: OutputDocument) {
            let creation = document.source.creationDate.map { String($0.prefix(10)) }.flatMap(ISODate.checked)
            if let date = document.metadata.date {
                (value, name) = (date, "document")
            } else if let date = document.metadata.meeting?.date {
                (value, name) = (date, "meeting")
            } else if let creation {
                (value, name) = (creation, "pdfCreation")
            } else {
                (value, name) = ("0001-01-01", "unknown")
            }
        }
    }

    /// The roles the preface names its proponents in (`motionär`, `föredragande`), as `TLCRole`s.
    struct Roles {
        private(set) var entries: [(id: String, name: String)] = []
        private var ids: [String: String] = [:]

        init(_ metadata: OutputMetadata) {
            let named = (metadata.authors + (metadata.presenter.map { [$0] } ?? [])).compactMap(\.role)
            for role in named where ids[role] == nil {
                var id = "role-\(References.slug(role))", counter = 1
                while entries.contains(where: { $0.id == id }) {
                    counter += 1
                    id = "role-\(References.slug(role))-\(counter)"
                }
                ids[role] = id
                entries.append((id, role))
            }
        }

        func id(_ role: String?) -> String? {
            role.flatMap { ids[$0] }
        }
    }

    // MARK: - preface

    private static func writePreface(_ metadata: OutputMetadata, references: References, roles: Roles,
                                     organisationID: String?, unitID: String?, blocks: [OutputBlock],
                                     to writer: XMLWriter) throws {
        try writer.startElement("preface")
        var lines = 0
        func line(_ element: String, _ text: String, _ attributes: KeyValuePairs<String, String?> = [:]) throws {
            lines += 1
            try writer.mixedElement("p") { () throws(XMLError) in
                try writer.element(element, text: text, attributes: attributes)
            }
        }
        if let organisation = metadata.organisation, let organisationID {
            try line("organization", organisation, ["refersTo": "#\(organisationID)"])
        }
        if let unit = metadata.unit, let unitID { try line("organization", unit, ["refersTo": "#\(unitID)"]) }
        if let label = metadata.label { try line("docType", label) }
        if let title = metadata.title { try line("docTitle", title) }
        for dnr in metadata.dnr { try line("docNumber", dnr) }
        if let designation = metadata.designation, metadata.dnr.isEmpty { try line("docNumber", designation) }
        if let date = metadata.date { try line("docDate", date, ["date": date]) }
        for person in metadata.authors + (metadata.presenter.map { [$0] } ?? []) {
            try line("docProponent", shown(person), [
                "refersTo": references.person(person).map { "#\($0)" }, "as": roles.id(person.role).map { "#\($0)" },
            ])
        }
        // Every reservation the document records, as its authors' dissenting
        // opinion, also those whose text the segment stage found no section for.
        for reservation in metadata.reservations {
            lines += 1
            try writeOpinion(summary(reservation), by: reservation.authors.compactMap(references.person).map { "#\($0)" },
                             attributes: [:], to: writer)
        }
        // A preface may not be empty.
        if try writeBlocks(blocks, opinionBy: nil, to: writer) + lines == 0 { try writer.element("p") }
        try writer.endElement()
    }

    /// `Reservation av Jonas Naddebo (C) i Kommunstyrelsen: Att tillstyrka motionen`.
    static func summary(_ reservation: OutputReservation) -> String {
        let names = reservation.authors.map(shown)
        var text = "Reservation"
        if let last = names.last {
            text += " av " + (names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " och " + last)
        }
        if let body = reservation.body { text += " i \(body)" }
        if !reservation.claims.isEmpty { text += ": " + reservation.claims.joined(separator: "; ") }
        return text
    }

    /// `<p><opinion type="dissenting" by="#…">text</opinion></p>`; a plain `p`
    /// when no author is known, since `by` is required. `by` names one agent,
    /// so the others who signed are in `refersTo`.
    private static func writeOpinion(_ text: String, by authors: [String], attributes: KeyValuePairs<String, String?>,
                                     to writer: XMLWriter) throws {
        guard let first = authors.first else {
            return try writer.element("p", text: text, attributes: attributes)
        }
        try writer.mixedElement("p", attributes: attributes) { () throws(XMLError) in
            try writer.element("opinion", text: text, attributes: [
                "type": "dissenting", "by": first, "refersTo": authors.count > 1 ? authors.joined(separator: " ") : nil,
            ])
        }
    }

    /// `Jonas Naddebo (C)`: a name with its party, as council documents print it.
    private static func shown(_ person: OutputPerson) -> String {
        person.party.map { "\(person.name) (\($0))" } ?? person.name
    }

    // MARK: - body

    private static func writeSection(_ section: OutputSection, debate: Bool, references: References,
                                      to writer: XMLWriter) throws {
        try writer.startElement(debate ? "debateSection" : "hcontainer")
        try writer.attribute("name", section.kind)
        try writer.attribute("eId", section.id)
        if let body = section.consultation?.body, let id = references.organization(body) {
            try writer.attribute("refersTo", "#\(id)")
        }
        if let number = section.number { try writer.element("num", text: number) }
        if !section.implicit { try writer.element("heading", text: section.heading) }
        // A reservation's text is its authors' dissenting opinion.
        let opinionBy = section.reservation.map { reservation in
            reservation.authors.compactMap(references.person).map { "#\($0)" }
        }
        if debate {
            // A debate section holds blocks and sections side by side.
            try writeBlocks(section.blocks, opinionBy: opinionBy, to: writer)
            for child in section.sections { try writeSection(child, debate: true, references: references, to: writer) }
        } else if section.sections.isEmpty {
            // The hierarchy takes blocks in `content` when it has no children, in `intro` before them.
            try writer.startElement("content")
            try writeBlocks(section.blocks, opinionBy: opinionBy, to: writer)
            try writer.endElement()
        } else {
            if !section.blocks.isEmpty {
                try writer.startElement("intro")
                try writeBlocks(section.blocks, opinionBy: opinionBy, to: writer)
                try writer.endElement()
            }
            for child in section.sections { try writeSection(child, debate: false, references: references, to: writer) }
        }
        try writer.endElement()
    }

    /// `opinionBy`: the reservants (`#pers-…`), whose opinion each paragraph and list item is.
    /// Returns how many elements it wrote: lists and tables without content have no place in the schema.
    @discardableResult
    private static func writeBlocks(_ blocks: [OutputBlock], opinionBy: [String]?, to writer: XMLWriter) throws -> Int {
        var written = 0
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                try writeOpinion(paragraph.text, by: opinionBy ?? [], attributes: ["eId": paragraph.id], to: writer)
                written += 1
            case .list(let list):
                // Neither has text to lose.
                guard !list.items.isEmpty else { continue }
                try writer.startElement("blockList")
                try writer.attribute("eId", list.id)
                for item in list.items {
                    try writer.startElement("item")
                    try writer.attribute("eId", item.id)
                    try writer.element("num", text: item.marker)
                    try writeOpinion(item.text, by: opinionBy ?? [], attributes: [:], to: writer)
                    try writer.endElement()
                }
                try writer.endElement()
                written += 1
            case .table(let table):
                let rows = table.rows.filter { !$0.cells.isEmpty }
                guard !rows.isEmpty else { continue }
                try writer.startElement("table")
                try writer.attribute("eId", table.id)
                for row in rows {
                    try writer.startElement("tr")
                    for cell in row.cells {
                        try writer.startElement(cell.header ? "th" : "td")
                        try writer.element("p", text: cell.text)
                        try writer.endElement()
                    }
                    try writer.endElement()
                }
                try writer.endElement()
                written += 1
            }
        }
        return written
    }
}
