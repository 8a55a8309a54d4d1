import Emit
import Foundation
import GRDB

/// One document's rows for every table, flattened from its JSON output.
struct DocumentRows {
    typealias Values = [String: (any DatabaseValueConvertible)?]

    private(set) var rows: [String: [Values]] = [:]
    let documentID: String

    init(_ document: OutputDocument, output: String) {
        documentID = document.source.id
        addDocument(document, output: output)
        addMetadata(document.metadata)
        for block in document.preamble { addBlock(block, section: nil) }
        var sectionPosition = 0
        addSections(document.sections, parent: nil, item: nil, reservations: document.metadata.reservations,
                    position: &sectionPosition)
        for (index, correction) in document.corrections.enumerated() {
            add(CorpusSchema.corrections, [
                "position": index + 1, "page": correction.page, "original": correction.original,
                "corrected": correction.corrected, "confidence": correction.confidence, "reason": correction.reason,
                "evidence": Self.jsonArray(correction.evidence),
            ].merging(Self.located(correction.location)) { first, _ in first })
        }
        for (index, flag) in document.reviewFlags.enumerated() {
            add(CorpusSchema.reviewFlags, [
                "position": index + 1, "page": flag.page, "word": flag.word, "reason": flag.reason,
                "candidates": Self.jsonArray(flag.candidates),
            ].merging(Self.located(flag.location)) { first, _ in first })
        }
        for (index, diagnostic) in document.diagnostics.enumerated() {
            add(CorpusSchema.diagnostics, [
                "position": index + 1, "severity": diagnostic.severity, "diagnostic_id": diagnostic.id,
                "message": diagnostic.message, "page": diagnostic.page,
            ])
        }
    }

    /// Every row gets the document's id; a key the table does not have is a
    /// mistake in this file, caught by the tests' first export.
    private mutating func add(_ table: CorpusSchema.Table, _ values: Values) {
        assert(Set(values.keys).isSubset(of: table.columnNames), "\(table.name) has no column among \(values.keys)")
        var values = values
        values[table.columns[0].name] = documentID
        rows[table.name, default: []].append(values)
    }

    private mutating func addDocument(_ document: OutputDocument, output: String) {
        let source = document.source
        let metadata = document.metadata
        add(CorpusSchema.documents, [
            "output": output, "source_file": source.file, "source_sha256": source.sha256,
            "pages": source.pages, "byte_count": source.byteCount, "document_type": metadata.documentType,
            "title": metadata.title, "date": metadata.date, "organisation": metadata.organisation,
            "unit": metadata.unit, "label": metadata.label, "designation": metadata.designation,
            "dnr": metadata.dnr.first, "motion_numbers": Self.jsonArray(metadata.motionNumbers),
            "schema_version": document.schemaVersion, "diarium_version": source.diariumVersion,
            "pipeline_hash": source.pipelineHash,
            "producer": source.producer, "creator": source.creator, "creation_date": source.creationDate,
            "damage": document.quality?.damage, "unknown_word_share": document.quality?.unknownWordShare,
            "correction_count": document.corrections.count, "flagged_word_count": document.reviewFlags.count,
        ])
        for (index, dnr) in metadata.dnr.enumerated() {
            add(CorpusSchema.documentDnr, ["position": index + 1, "dnr": dnr])
        }
    }

    private var peopleCount: Int { rows[CorpusSchema.people.name]?.count ?? 0 }

    private mutating func addPerson(_ person: OutputPerson, relation: String, reservation: Int? = nil) {
        addPerson(name: person.name, party: person.party, role: person.role, relation: relation, reservation: reservation)
    }

    private mutating func addPerson(name: String, party: String? = nil, role: String? = nil, relation: String, reservation: Int? = nil) {
        add(CorpusSchema.people, [
            "position": peopleCount + 1, "relation": relation, "name": name,
            "party": party, "role": role, "reservation": reservation,
        ])
    }

    private mutating func addOrganisation(_ name: String?, relation: String) {
        guard let name else { return }
        let count = rows[CorpusSchema.organisations.name]?.count ?? 0
        add(CorpusSchema.organisations, ["position": count + 1, "relation": relation, "name": name])
    }

    private mutating func addMetadata(_ metadata: OutputMetadata) {
        for person in metadata.authors { addPerson(person, relation: "author") }
        for person in metadata.signatories { addPerson(person, relation: "signatory") }
        if let presenter = metadata.presenter { addPerson(presenter, relation: "presenter") }
        addOrganisation(metadata.organisation, relation: "issuer")
        addOrganisation(metadata.unit, relation: "unit")
        for body in metadata.consultedBodies { addOrganisation(body, relation: "consulted") }
        if let meeting = metadata.meeting {
            add(CorpusSchema.meetings, [
                "organ": meeting.organ, "date": meeting.date, "time": meeting.time, "place": meeting.place,
                "chair": meeting.chair, "secretary": meeting.secretary,
                "adjustment_date": meeting.adjustmentDate, "adjustment_place": meeting.adjustmentPlace,
            ])
            addOrganisation(meeting.organ, relation: "meeting_organ")
            for person in meeting.decisionMakers { addPerson(person, relation: "decision_maker") }
            for person in meeting.others { addPerson(person, relation: "attendee") }
            for name in meeting.adjusters { addPerson(name: name, relation: "adjuster") }
        }
    }

    /// Reservations are numbered in the metadata's order; the section that
    /// prints one (an equal reservation) is named beside it.
    private mutating func addReservation(_ reservation: OutputReservation, number: Int, section: String?) {
        add(CorpusSchema.reservations, ["reservation": number, "section_id": section, "body": reservation.body])
        for (index, claim) in reservation.claims.enumerated() {
            add(CorpusSchema.reservationClaims, ["reservation": number, "position": index + 1, "claim": claim])
        }
        for person in reservation.authors { addPerson(person, relation: "reservant", reservation: number) }
    }

    private mutating func addSections(_ sections: [OutputSection], parent: String?, item: String?,
                                      reservations: [OutputReservation], position: inout Int) {
        if parent == nil {
            // Reservations first, so that their numbers follow the metadata's
            // order whatever the sections hold.
            let placed = Self.sectionsHoldingReservations(sections)
            for (index, reservation) in reservations.enumerated() {
                let section = placed.first { $0.reservation == reservation }?.section
                addReservation(reservation, number: index + 1, section: section)
            }
            // A reservation only a section holds still counts.
            var number = reservations.count
            for held in placed where !reservations.contains(held.reservation) {
                number += 1
                addReservation(held.reservation, number: number, section: held.section)
            }
        }
        for section in sections {
            position += 1
            add(CorpusSchema.sections, [
                "section_id": section.id, "parent_id": parent, "position": position, "level": section.level,
                "kind": section.kind, "heading": section.heading, "heading_original": section.headingOriginal,
                "implicit": section.implicit, "first_page": section.pages.first, "last_page": section.pages.last,
                "number": section.number, "dnr": section.dnr,
            ])
            let itemSection = section.number != nil ? section.id : item
            if let number = section.number {
                add(CorpusSchema.items, [
                    "section_id": section.id, "position": (rows[CorpusSchema.items.name]?.count ?? 0) + 1,
                    "number": number, "title": section.heading, "dnr": section.dnr,
                    "first_page": section.pages.first, "last_page": section.pages.last,
                ])
            }
            if let vote = section.vote {
                add(CorpusSchema.votes, [
                    "section_id": section.id, "item_section_id": itemSection,
                    "yes": vote.yes, "no": vote.no, "abstain": vote.abstain,
                ])
                for (index, member) in vote.votes.enumerated() {
                    add(CorpusSchema.memberVotes, [
                        "section_id": section.id, "position": index + 1, "name": member.name,
                        "party": member.party, "vote": member.vote,
                    ])
                }
            }
            if let consultation = section.consultation {
                add(CorpusSchema.consultations, [
                    "section_id": section.id, "body": consultation.body, "decision_date": consultation.decisionDate,
                    "report_date": consultation.reportDate, "no_answer": consultation.noAnswer,
                    "decision_points": Self.jsonArray(consultation.decisionPoints),
                ])
            }
            for (index, attachment) in (section.attachments ?? []).enumerated() {
                add(CorpusSchema.attachments, [
                    "section_id": section.id, "position": index + 1, "title": attachment.title, "dnr": attachment.dnr,
                ])
            }
            for block in section.blocks { addBlock(block, section: section.id) }
            addSections(section.sections, parent: section.id, item: itemSection, reservations: reservations,
                        position: &position)
        }
    }

    private static func sectionsHoldingReservations(_ sections: [OutputSection]) -> [(section: String, reservation: OutputReservation)] {
        sections.flatMap { section in
            (section.reservation.map { [(section.id, $0)] } ?? []) + sectionsHoldingReservations(section.sections)
        }
    }

    private var blockCount: Int { rows[CorpusSchema.blocks.name]?.count ?? 0 }

    private mutating func addBlock(_ block: OutputBlock, section: String?) {
        switch block {
        case .paragraph(let paragraph):
            add(CorpusSchema.blocks, [
                "position": blockCount + 1, "block_id": paragraph.id, "section_id": section, "type": "paragraph",
                "text": paragraph.text, "original": paragraph.original,
                "first_page": paragraph.pages.first, "last_page": paragraph.pages.last,
            ])
        case .list(let list):
            // One row per item: an item is what a reader quotes and a search should find alone.
            for (number, item) in list.items.enumerated() {
                add(CorpusSchema.blocks, [
                    "position": blockCount + 1, "block_id": list.id, "item": number + 1, "section_id": section,
                    "type": "list_item", "marker": item.marker, "text": item.text, "original": item.original,
                ])
            }
        case .table(let table):
            // The table's text, row by row, cells apart by tabs, so search finds a
            // figure or a name in it; the cells themselves go to table_cells.
            func text(_ cell: KeyPath<OutputTableCell, String>) -> String {
                table.rows.map { $0.cells.map { $0[keyPath: cell] }.joined(separator: "\t") }.joined(separator: "\n")
            }
            add(CorpusSchema.blocks, [
                "position": blockCount + 1, "block_id": table.id, "section_id": section, "type": "table",
                "text": text(\.text), "original": text(\.original),
                "first_page": table.pages.first, "last_page": table.pages.last,
            ])
            for (rowIndex, row) in table.rows.enumerated() {
                for (columnIndex, cell) in row.cells.enumerated() {
                    add(CorpusSchema.tableCells, [
                        "block_id": table.id, "row_index": rowIndex + 1, "column_index": columnIndex + 1,
                        "header": cell.header, "text": cell.text, "original": cell.original,
                    ])
                }
            }
        }
    }

    private static func located(_ location: OutputTextLocation?) -> Values {
        guard let location else { return [:] }
        return ["block_id": location.block, "original_start": location.originalStart, "original_end": location.originalEnd,
                "text_start": location.textStart, "text_end": location.textEnd]
    }

    /// A list of strings as a JSON array (SQLite's json_each reads it).
    static func jsonArray(_ strings: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: strings, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
