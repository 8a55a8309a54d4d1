import DocumentModel
import Foundation
import Installation
import PipelineCore

extension OutputDocument {
    /// Maps the internal model onto the published one. Pure: the same
    /// document always gives the same value (no clock, no randomness).
    public init(_ document: Document, pipelineHash: String? = nil) {
        let preamble: [OutputBlock]
        if document.sections.isEmpty && document.preamble.isEmpty {
            // Without the segment stage there are no sections; the text is
            // still published, as one run of paragraphs.
            preamble = document.blocks.enumerated().map { index, block in
                .paragraph(OutputParagraph(id: "preamble-p\(index + 1)", text: block.text,
                                           original: block.printedText,
                                           pages: Array(block.firstPage...max(block.firstPage, block.lastPage))))
            }
        } else {
            preamble = OutputBlock.map(document.preamble, idPrefix: "preamble")
        }
        let sections = document.sections.enumerated().map { index, section in
            OutputSection(section, id: "sec-\(index + 1)")
        }
        let locator = TextLocator(blocks: document.blocks, preamble: preamble, sections: sections)
        let locations = locator.locate(
            corrections: document.corrections.map {
                TextLocator.Word(block: $0.block, offset: $0.offset, page: $0.page, original: $0.original, replacement: $0.corrected)
            },
            flags: document.reviewFlags.map {
                TextLocator.Word(block: $0.block, offset: $0.offset, page: $0.page, original: $0.word, replacement: $0.word)
            })
        self.init(
            schemaVersion: PublishedFormat.schemaVersion,
            source: OutputSource(id: ContentHash.documentID(relativePath: document.source.file, sourceSHA256: document.source.sha256),
                                 file: document.source.file, sha256: document.source.sha256,
                                 pages: document.info.pageCount, byteCount: document.source.byteCount,
                                 diariumVersion: InstalledFiles.version, pipelineHash: pipelineHash, producer: document.info.producer,
                                 creator: document.info.creator, creationDate: document.info.creationDate,
                                 outline: document.info.outline.map(OutputOutlineEntry.init)),
            metadata: OutputMetadata(document.metadata ?? Metadata()),
            preamble: preamble,
            sections: sections,
            corrections: zip(document.corrections, locations.corrections).map {
                OutputCorrection(page: $0.page, original: $0.original, corrected: $0.corrected,
                                 confidence: Fraction.rounded($0.confidence), reason: $0.reason, evidence: $0.evidence,
                                 location: $1)
            },
            reviewFlags: zip(document.reviewFlags, locations.flags).map {
                OutputReviewFlag(page: $0.page, word: $0.word, reason: $0.reason, candidates: $0.candidates, location: $1)
            },
            quality: document.quality.map {
                OutputQuality(damage: Fraction.rounded($0.damage), pageDamage: $0.pageDamage.map(Fraction.rounded),
                              unknownWordShare: Fraction.rounded($0.unknownWordShare),
                              correctionCount: $0.corrections, flaggedWordCount: $0.flagged)
            },
            diagnostics: document.diagnostics.map {
                OutputDiagnostic(severity: $0.severity.rawValue, id: $0.id, message: $0.message, page: $0.page)
            })
    }
}

extension OutputMetadata {
    init(_ metadata: Metadata) {
        self.init(documentType: metadata.documentType.rawValue, title: metadata.title, dnr: metadata.dnr,
                  motionNumbers: metadata.motionNumbers, date: ISODate.checked(metadata.date),
                  authors: metadata.authors.map(OutputPerson.init), signatories: metadata.signatories.map(OutputPerson.init),
                  presenter: metadata.presenter.map(OutputPerson.init), consultedBodies: metadata.consultedBodies,
                  reservations: metadata.reservations.map(OutputReservation.init),
                  organisation: metadata.organisation, unit: metadata.unit, label: metadata.label,
                  designation: metadata.designation, letterhead: metadata.letterhead,
                  meeting: metadata.meeting.map(OutputMeeting.init))
    }
}

extension OutputMeeting {
    init(_ meeting: Meeting) {
        self.init(organ: meeting.organ, date: ISODate.checked(meeting.date), time: meeting.time, place: meeting.place,
                  decisionMakers: meeting.decisionMakers.map(OutputPerson.init), others: meeting.others.map(OutputPerson.init),
                  chair: meeting.chair, secretary: meeting.secretary, adjusters: meeting.adjusters,
                  adjustmentDate: ISODate.checked(meeting.adjustmentDate), adjustmentPlace: meeting.adjustmentPlace)
    }
}

extension OutputOutlineEntry {
    /// The schemas type depth and page as positive; a value a damaged or
    /// hand-made outline gets wrong is clamped or dropped rather than breaking them.
    init(_ entry: OutlineEntry) {
        self.init(title: entry.title, depth: max(1, entry.depth), page: entry.page.flatMap { $0 >= 1 ? $0 : nil })
    }
}

extension OutputPerson {
    init(_ person: Person) {
        self.init(name: person.name, party: person.party, role: person.role)
    }
}

extension OutputReservation {
    init(_ reservation: ReservationDetails) {
        self.init(authors: reservation.authors.map(OutputPerson.init), body: reservation.body, claims: reservation.claims)
    }
}

extension OutputSection {
    /// `id` is the section's path in the tree (`sec-3.2`); its blocks and
    /// children are numbered under it, so ids stay stable across reruns.
    init(_ section: Section, id: String) {
        self.init(
            id: id, kind: section.kind.rawValue, heading: section.heading, headingOriginal: section.headingOriginal,
            level: section.level, implicit: section.implicit, pages: [section.firstPage, section.lastPage],
            blocks: OutputBlock.map(section.blocks, idPrefix: id),
            sections: section.sections.enumerated().map { OutputSection($1, id: "\(id).\($0 + 1)") },
            consultation: section.consultation.map {
                OutputConsultation(body: $0.body, decisionDate: ISODate.checked($0.decisionDate),
                                   decisionPoints: $0.decisionPoints, reportDate: ISODate.checked($0.reportDate),
                                   noAnswer: $0.noAnswer)
            },
            reservation: section.reservation.map(OutputReservation.init),
            tableOfContents: section.tableOfContents?.map {
                OutputTableOfContentsEntry(title: $0.title, page: $0.page, printed: $0.printed)
            },
            attachments: section.attachments?.map { OutputAttachment(title: $0.title, dnr: $0.dnr) },
            number: section.number, dnr: section.dnr,
            vote: section.vote.map { vote in
                OutputVote(yes: vote.yes, no: vote.no, abstain: vote.abstain, votes: vote.votes.map {
                    OutputMemberVote(name: $0.name, party: $0.party, vote: $0.vote)
                })
            })
    }
}

extension OutputBlock {
    /// Paragraphs, lists and tables are numbered apart: `sec-2-p1`, `sec-2-p2`, `sec-2-list1`, `sec-2-table1`;
    /// list items under their list: `sec-2-list1-i1`.
    static func map(_ blocks: [ContentBlock], idPrefix: String) -> [OutputBlock] {
        var paragraphs = 0, lists = 0, tables = 0
        return blocks.map { block in
            switch block {
            case .paragraph(let paragraph):
                paragraphs += 1
                return .paragraph(OutputParagraph(id: "\(idPrefix)-p\(paragraphs)", text: paragraph.text,
                                                  original: paragraph.original, pages: paragraph.pages))
            case .list(let list):
                lists += 1
                let id = "\(idPrefix)-list\(lists)"
                return .list(OutputList(id: id, ordered: list.ordered, items: list.items.enumerated().map { index, item in
                    OutputListItem(id: "\(id)-i\(index + 1)", marker: item.marker, text: item.text, original: item.original)
                }))
            case .table(let table):
                tables += 1
                return .table(OutputTable(id: "\(idPrefix)-table\(tables)", pages: table.pages, rows: table.rows.map { row in
                    OutputTableRow(cells: row.map { OutputTableCell(text: $0.text, original: $0.original, header: $0.header) })
                }))
            }
        }
    }
}

enum Fraction {
    /// Four decimals: enough for a confidence or a damage share, and short,
    /// stable numbers in both formats.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return (min(max(value, 0), 1) * 10_000).rounded() / 10_000
    }
}

/// The schemas type dates as ISO calendar dates (`xs:date`); a value the
/// segment stage got wrong is published as null rather than breaking them.
enum ISODate {
    static func checked(_ text: String?) -> String? {
        guard let text, isValid(text) else { return nil }
        return text
    }

    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1, (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
