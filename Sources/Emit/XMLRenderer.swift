import Foundation
import XMLSupport

/// Writes the published XML (Schemas/diarium-1.xsd) from the published
/// model, so XML and JSON carry the same values.
///
/// The shape borrows from Akoma Ntoso (OASIS LegalDocML): hierarchical
/// `section`s with `eId`s, `heading`, `p` and `list`; people and bodies
/// listed once under `meta/references` as `TLCPerson`/`TLCOrganization`
/// and pointed at with `refersTo` (an `xs:IDREF`, so the schema checks it).
/// Text elements hold the repaired text; an `original` attribute carries the
/// printed text only where it differs.
public enum XMLRenderer {
    public static func render(_ document: OutputDocument) throws -> Data {
        let writer = try XMLWriter(indent: true)
        let references = References(document)
        let marks = Marks(document)
        try writer.startElement("diarium", namespace: PublishedFormat.xmlNamespace)
        try writer.attribute("schemaVersion", document.schemaVersion)
        try writeSource(document.source, to: writer)
        try writeMeta(document.metadata, references: references, to: writer)
        try writer.startElement("preamble")
        try writeBlocks(document.preamble, marks: marks, to: writer)
        try writer.endElement()
        try writer.startElement("body")
        for section in document.sections { try writeSection(section, references: references, marks: marks, to: writer) }
        try writer.endElement()
        try writeRepairs(document, to: writer)
        try writer.startElement("diagnostics")
        for diagnostic in document.diagnostics {
            try writer.element("diagnostic", text: diagnostic.message, attributes: [
                "severity": diagnostic.severity, "id": diagnostic.id, "page": diagnostic.page.map(String.init),
            ])
        }
        try writer.endElement()
        try writer.endElement()
        return try writer.finish()
    }

    private static func writeSource(_ source: OutputSource, to writer: XMLWriter) throws {
        try writer.startElement("source")
        try writer.attribute("id", source.id)
        try writer.attribute("file", source.file)
        try writer.attribute("sha256", source.sha256)
        try writer.attribute("pages", String(source.pages))
        try writer.attribute("byteCount", String(source.byteCount))
        try writer.attribute("diariumVersion", source.diariumVersion)
        if let pipelineHash = source.pipelineHash { try writer.attribute("pipelineHash", pipelineHash) }
        // The PDF's Info fields, each only when the PDF has it (an absent attribute, as elsewhere in the XML).
        for (name, value) in [("producer", source.producer), ("creator", source.creator), ("creationDate", source.creationDate)] {
            if let value { try writer.attribute(name, value) }
        }
        if !source.outline.isEmpty {
            try writer.startElement("outline")
            for entry in source.outline {
                try writer.element("entry", text: entry.title, attributes: [
                    "depth": String(entry.depth), "page": entry.page.map(String.init),
                ])
            }
            try writer.endElement()
        }
        try writer.endElement()
    }

    private static func writeMeta(_ metadata: OutputMetadata, references: References, to writer: XMLWriter) throws {
        try writer.startElement("meta")
        try writer.element("documentType", text: metadata.documentType)
        if let title = metadata.title { try writer.element("title", text: title) }
        for dnr in metadata.dnr { try writer.element("dnr", text: dnr) }
        for number in metadata.motionNumbers { try writer.element("motionNumber", text: number) }
        if let date = metadata.date { try writer.element("date", text: date) }
        for author in metadata.authors { try writePerson("author", author, references: references, to: writer) }
        if let presenter = metadata.presenter { try writePerson("presenter", presenter, references: references, to: writer) }
        for signatory in metadata.signatories { try writePerson("signatory", signatory, references: references, to: writer) }
        for body in metadata.consultedBodies {
            try writer.element("consultedBody", text: body, attributes: ["refersTo": references.organization(body)])
        }
        for reservation in metadata.reservations { try writeReservation(reservation, references: references, to: writer) }
        if let organisation = metadata.organisation { try writer.element("organisation", text: organisation) }
        if let unit = metadata.unit { try writer.element("unit", text: unit) }
        if let label = metadata.label { try writer.element("label", text: label) }
        if let designation = metadata.designation { try writer.element("designation", text: designation) }
        if !metadata.letterhead.isEmpty {
            try writer.startElement("letterhead")
            for line in metadata.letterhead { try writer.element("line", text: line) }
            try writer.endElement()
        }
        if let meeting = metadata.meeting { try writeMeeting(meeting, references: references, to: writer) }
        try writer.startElement("references")
        for person in references.people {
            try writer.element("TLCPerson", attributes: ["eId": person.id, "showAs": person.name, "party": person.partyID])
        }
        for organization in references.organizations {
            try writer.element("TLCOrganization", attributes: ["eId": organization.id, "showAs": organization.name,
                                                               "type": organization.type])
        }
        try writer.endElement()
        try writer.endElement()
    }

    private static func writeMeeting(_ meeting: OutputMeeting, references: References, to writer: XMLWriter) throws {
        try writer.startElement("meeting")
        try writer.attribute("date", meeting.date)
        try writer.attribute("time", meeting.time)
        if let organ = meeting.organ { try writer.element("organ", text: organ) }
        if let place = meeting.place { try writer.element("place", text: place) }
        for member in meeting.decisionMakers { try writePerson("decisionMaker", member, references: references, to: writer) }
        for other in meeting.others { try writePerson("present", other, references: references, to: writer) }
        if let chair = meeting.chair { try writer.element("chair", text: chair) }
        if let secretary = meeting.secretary { try writer.element("secretary", text: secretary) }
        for adjuster in meeting.adjusters { try writer.element("adjuster", text: adjuster) }
        if meeting.adjustmentDate != nil || meeting.adjustmentPlace != nil {
            try writer.element("adjustment", text: meeting.adjustmentPlace ?? "", attributes: ["date": meeting.adjustmentDate])
        }
        try writer.endElement()
    }

    private static func writePerson(_ element: String, _ person: OutputPerson, references: References, to writer: XMLWriter) throws {
        try writer.element(element, attributes: [
            "refersTo": references.person(person), "name": person.name, "party": person.party, "role": person.role,
        ])
    }

    private static func writeReservation(_ reservation: OutputReservation, references: References, to writer: XMLWriter) throws {
        try writer.startElement("reservation")
        try writer.attribute("body", reservation.body)
        try writer.attribute("bodyRef", reservation.body.flatMap(references.organization))
        for author in reservation.authors { try writePerson("author", author, references: references, to: writer) }
        for claim in reservation.claims { try writer.element("claim", text: claim) }
        try writer.endElement()
    }

    private static func writeSection(_ section: OutputSection, references: References, marks: Marks, to writer: XMLWriter) throws {
        try writer.startElement("section")
        try writer.attribute("eId", section.id)
        try writer.attribute("kind", section.kind)
        try writer.attribute("level", String(section.level))
        try writer.attribute("firstPage", String(section.pages[0]))
        try writer.attribute("lastPage", String(section.pages[1]))
        if section.implicit { try writer.attribute("implicit", "true") }
        try writer.attribute("number", section.number)
        try writer.attribute("dnr", section.dnr)
        try writeRepaired("heading", section.heading, id: section.id, marks: marks, attributes: [
            "original": differing(section.headingOriginal, from: section.heading),
        ], to: writer)
        if let consultation = section.consultation {
            try writer.startElement("consultation")
            try writer.attribute("body", consultation.body)
            try writer.attribute("refersTo", references.organization(consultation.body))
            try writer.attribute("decisionDate", consultation.decisionDate)
            try writer.attribute("reportDate", consultation.reportDate)
            try writer.attribute("noAnswer", String(consultation.noAnswer))
            for point in consultation.decisionPoints { try writer.element("decisionPoint", text: point) }
            try writer.endElement()
        }
        if let reservation = section.reservation { try writeReservation(reservation, references: references, to: writer) }
        if let vote = section.vote {
            try writer.startElement("vote")
            try writer.attribute("yes", String(vote.yes))
            try writer.attribute("no", String(vote.no))
            try writer.attribute("abstain", vote.abstain.map(String.init))
            for member in vote.votes {
                try writer.element("memberVote", attributes: ["name": member.name, "party": member.party, "vote": member.vote])
            }
            try writer.endElement()
        }
        if let entries = section.tableOfContents {
            try writer.startElement("tableOfContents")
            for entry in entries {
                try writer.element("entry", text: entry.title, attributes: [
                    "page": entry.page.map(String.init), "printed": entry.printed,
                ])
            }
            try writer.endElement()
        }
        if let attachments = section.attachments {
            try writer.startElement("attachments")
            for attachment in attachments {
                try writer.element("attachment", text: attachment.title, attributes: ["dnr": attachment.dnr])
            }
            try writer.endElement()
        }
        try writeBlocks(section.blocks, marks: marks, to: writer)
        for child in section.sections { try writeSection(child, references: references, marks: marks, to: writer) }
        try writer.endElement()
    }

    private static func writeBlocks(_ blocks: [OutputBlock], marks: Marks, to writer: XMLWriter) throws {
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                try writeRepaired("p", paragraph.text, id: paragraph.id, marks: marks, attributes: [
                    "eId": paragraph.id,
                    "pages": paragraph.pages.isEmpty ? nil : paragraph.pages.map(String.init).joined(separator: " "),
                    "original": differing(paragraph.original, from: paragraph.text),
                ], to: writer)
            case .list(let list):
                try writer.startElement("list")
                try writer.attribute("eId", list.id)
                try writer.attribute("ordered", String(list.ordered))
                for item in list.items {
                    try writeRepaired("item", item.text, id: item.id, marks: marks, attributes: [
                        "eId": item.id, "marker": item.marker, "original": differing(item.original, from: item.text),
                    ], to: writer)
                }
                try writer.endElement()
            case .table(let table):
                try writer.startElement("table")
                try writer.attribute("eId", table.id)
                if !table.pages.isEmpty { try writer.attribute("pages", table.pages.map(String.init).joined(separator: " ")) }
                for row in table.rows {
                    try writer.startElement("tr")
                    for cell in row.cells {
                        try writer.element(cell.header ? "th" : "td", text: cell.text,
                                           attributes: ["original": differing(cell.original, from: cell.text)])
                    }
                    try writer.endElement()
                }
                try writer.endElement()
            }
        }
    }

    private static func writeRepairs(_ document: OutputDocument, to writer: XMLWriter) throws {
        try writer.startElement("corrections")
        for correction in document.corrections {
            try writer.startElement("correction")
            try writer.attribute("page", String(correction.page))
            try writer.attribute("original", correction.original)
            try writer.attribute("corrected", correction.corrected)
            try writer.attribute("confidence", String(correction.confidence))
            try writer.attribute("reason", correction.reason)
            try writeLocation(correction.location, to: writer)
            for evidence in correction.evidence { try writer.element("evidence", text: evidence) }
            try writer.endElement()
        }
        try writer.endElement()
        try writer.startElement("reviewFlags")
        for flag in document.reviewFlags {
            try writer.startElement("flag")
            try writer.attribute("page", String(flag.page))
            try writer.attribute("word", flag.word)
            try writer.attribute("reason", flag.reason)
            try writeLocation(flag.location, to: writer)
            for candidate in flag.candidates { try writer.element("candidate", text: candidate) }
            try writer.endElement()
        }
        try writer.endElement()
        if let quality = document.quality {
            try writer.startElement("quality")
            try writer.attribute("damage", String(quality.damage))
            try writer.attribute("unknownWordShare", String(quality.unknownWordShare))
            try writer.attribute("correctionCount", String(quality.correctionCount))
            try writer.attribute("flaggedWordCount", String(quality.flaggedWordCount))
            for (index, damage) in quality.pageDamage.enumerated() {
                try writer.element("page", attributes: ["number": String(index + 1), "damage": String(damage)])
            }
            try writer.endElement()
        }
    }

    /// The attributes that say where a correction or flag is (schema 1.4); none when it was not found.
    private static func writeLocation(_ location: OutputTextLocation?, to writer: XMLWriter) throws {
        guard let location else { return }
        try writer.attribute("block", location.block)
        try writer.attribute("originalStart", String(location.originalStart))
        try writer.attribute("originalEnd", String(location.originalEnd))
        try writer.attribute("textStart", String(location.textStart))
        try writer.attribute("textEnd", String(location.textEnd))
    }

    /// A text element whose corrections are marked where they stand:
    /// `<p>… <corr orig="bada" confidence="0.926" reason="ocr.context">båda</corr> …</p>`.
    private static func writeRepaired(_ name: String, _ text: String, id: String, marks: Marks,
                                      attributes: KeyValuePairs<String, String?>, to writer: XMLWriter) throws {
        let spans = marks.spans[id] ?? []
        guard !spans.isEmpty else { return try writer.element(name, text: text, attributes: attributes) }
        let scalars = Array(text.unicodeScalars)
        try writer.mixedElement(name, attributes: attributes) { () throws(XMLError) in
            var cursor = 0
            for span in spans {
                try writer.text(String(String.UnicodeScalarView(scalars[cursor..<span.start])))
                try writer.element("corr", text: String(String.UnicodeScalarView(scalars[span.start..<span.end])), attributes: [
                    "orig": span.correction.original, "confidence": String(span.correction.confidence),
                    "reason": span.correction.reason,
                ])
                cursor = span.end
            }
            try writer.text(String(String.UnicodeScalarView(scalars[cursor...])))
        }
    }

    private static func differing(_ original: String, from text: String) -> String? {
        original == text ? nil : original
    }
}

/// The located corrections of each text element, in text order, by the
/// element's id; a correction overlapping one before it is left unmarked
/// (it still stands in `corrections`), so the marks nest in nothing.
struct Marks {
    struct Span {
        var start: Int
        var end: Int
        var correction: OutputCorrection
    }

    private(set) var spans: [String: [Span]] = [:]

    init(_ document: OutputDocument) {
        var found: [String: [Span]] = [:]
        for correction in document.corrections {
            guard let location = correction.location, location.textStart < location.textEnd else { continue }
            found[location.block, default: []].append(Span(start: location.textStart, end: location.textEnd, correction: correction))
        }
        for (id, unsorted) in found {
            var kept: [Span] = []
            for span in unsorted.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) where span.start >= (kept.last?.end ?? 0) {
                kept.append(span)
            }
            spans[id] = kept
        }
    }
}

/// The people and bodies a document names, each with a stable `eId` made
/// from its name (`pers-karin-wanngard`, `org-socialnamnden`, `party-c`),
/// so the same name gets the same id in every run and every document.
struct References {
    struct PersonEntry {
        var id: String
        var name: String
        var partyID: String?
    }

    struct OrganizationEntry {
        var id: String
        var name: String
        /// `party` or `body`.
        var type: String
    }

    private(set) var people: [PersonEntry] = []
    private(set) var organizations: [OrganizationEntry] = []
    private var personIDs: [String: String] = [:]
    private var organizationIDs: [String: String] = [:]
    /// Every id given so far, so an organisation added later cannot take one.
    private var used: Set<String> = []

    init(_ document: OutputDocument) {
        // A person is one entry however often named; the same name with and
        // without a party (signatory vs. föredragande) is still one person.
        var parties: [String: [String: Int]] = [:]
        var bodies: Set<String> = []
        func add(_ person: OutputPerson) {
            var counts = parties[person.name, default: [:]]
            if let party = person.party { counts[party, default: 0] += 1 }
            parties[person.name] = counts
        }
        func add(_ reservation: OutputReservation) {
            reservation.authors.forEach(add)
            if let body = reservation.body { bodies.insert(body) }
        }
        func visit(_ section: OutputSection) {
            if let consultation = section.consultation { bodies.insert(consultation.body) }
            if let reservation = section.reservation { add(reservation) }
            section.sections.forEach(visit)
        }
        let metadata = document.metadata
        (metadata.authors + metadata.signatories + (metadata.presenter.map { [$0] } ?? [])
            + (metadata.meeting?.decisionMakers ?? []) + (metadata.meeting?.others ?? [])).forEach(add)
        metadata.reservations.forEach(add)
        metadata.consultedBodies.forEach { bodies.insert($0) }
        document.sections.forEach(visit)
        // The party a person is most often named with, ties by name.
        let partyOf = parties.compactMapValues { counts in
            counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }

        var partyIDs: [String: String] = [:]
        for party in Set(partyOf.values).sorted() {
            let id = uniqueID("party", party)
            partyIDs[party] = id
            organizations.append(OrganizationEntry(id: id, name: party, type: "party"))
        }
        for body in bodies.sorted() {
            let id = uniqueID("org", body)
            organizationIDs[body] = id
            organizations.append(OrganizationEntry(id: id, name: body, type: "body"))
        }
        for name in parties.keys.sorted() {
            let id = uniqueID("pers", name)
            personIDs[name] = id
            people.append(PersonEntry(id: id, name: name, partyID: partyOf[name].flatMap { partyIDs[$0] }))
        }
    }

    private mutating func uniqueID(_ prefix: String, _ name: String) -> String {
        let base = "\(prefix)-\(Self.slug(name))"
        var id = base, counter = 1
        while used.contains(id) {
            counter += 1
            id = "\(base)-\(counter)"
        }
        used.insert(id)
        return id
    }

    /// The id of the body called `name`, listed now if it was not: the
    /// Akoma Ntoso output also names the document's own organisation and unit.
    mutating func addOrganization(_ name: String) -> String {
        if let id = organizationIDs[name] { return id }
        let id = uniqueID("org", name)
        organizationIDs[name] = id
        organizations.append(OrganizationEntry(id: id, name: name, type: "body"))
        return id
    }

    func person(_ person: OutputPerson) -> String? {
        personIDs[person.name]
    }

    func organization(_ name: String) -> String? {
        organizationIDs[name]
    }

    /// Lower-case ASCII letters and digits joined by `-`: `Karin Wanngård` → `karin-wanngard`.
    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-"), !slug.isEmpty {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "x" : slug
    }
}
