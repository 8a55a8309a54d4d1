import DocumentModel
import Foundation

// The published JSON contract (Schemas/diarium-1.schema.json), kept apart from
// the internal DocumentModel so that model changes do not change the output:
// a change here is a change of the schema.
//
// Every key is always written: a value the document does not have is `null`
// (`@Nullable`) or `[]` for lists, so consumers never need to tell a missing
// key from an empty value. Fractions are rounded to four decimals.

/// What every published format shares.
public enum PublishedFormat {
    /// `major.minor`: the major part changes on a breaking change, together
    /// with the XML namespace and the schema file names.
    public static let schemaVersion = "1.5"
    public static let xmlNamespace = "urn:diarium:1"
    public static let jsonSchemaID = "urn:diarium:json:1"
}

public struct OutputDocument: Codable, Equatable, Sendable {
    public var schemaVersion: String
    public var source: OutputSource
    public var metadata: OutputMetadata
    /// Text before the first heading; every block when the document has no sections.
    public var preamble: [OutputBlock]
    public var sections: [OutputSection]
    public var corrections: [OutputCorrection]
    public var reviewFlags: [OutputReviewFlag]
    @Nullable public var quality: OutputQuality?
    public var diagnostics: [OutputDiagnostic]
}

public struct OutputSource: Codable, Equatable, Sendable {
    /// The document's stable id (`ContentHash.documentID`), also in `report.json`.
    public var id: String
    public var file: String
    public var sha256: String
    public var pages: Int
    public var byteCount: Int
    /// The release of diarium that wrote the output (`1.2.0`), without the commit
    /// `--version` adds: outputs stay byte-identical from build to build of one release.
    public var diariumVersion: String
    /// The pipeline the output came from (`PipelineHash`: stages, versions and settings), as
    /// in `report.json`; null when the document was rendered outside a pipeline run.
    @Nullable public var pipelineHash: String?
    /// From the PDF's Info dictionary, as its producer wrote them; nil when the PDF has none.
    @Nullable public var producer: String?
    @Nullable public var creator: String?
    /// ISO 8601, UTC.
    @Nullable public var creationDate: String?
    /// The PDF's bookmarks, depth first.
    public var outline: [OutputOutlineEntry]
}

/// A bookmark of the PDF's outline.
public struct OutputOutlineEntry: Codable, Equatable, Sendable {
    public var title: String
    /// 1 for a top-level bookmark.
    public var depth: Int
    /// The page it points at, when it points at one.
    @Nullable public var page: Int?
}

public struct OutputPerson: Codable, Equatable, Sendable {
    public var name: String
    @Nullable public var party: String?
    @Nullable public var role: String?
}

public struct OutputMetadata: Codable, Equatable, Sendable {
    public var documentType: String
    @Nullable public var title: String?
    public var dnr: [String]
    public var motionNumbers: [String]
    /// ISO 8601 calendar date.
    @Nullable public var date: String?
    public var authors: [OutputPerson]
    public var signatories: [OutputPerson]
    @Nullable public var presenter: OutputPerson?
    public var consultedBodies: [String]
    public var reservations: [OutputReservation]
    /// From page 1's letterhead.
    @Nullable public var organisation: String?
    @Nullable public var unit: String?
    /// The document type as printed (`Tjänsteskrivelse`).
    @Nullable public var label: String?
    @Nullable public var designation: String?
    /// The letterhead's lines as printed, kept out of the body.
    public var letterhead: [String]
    /// For protocols, agendas and extracts.
    @Nullable public var meeting: OutputMeeting?
}

public struct OutputMeeting: Codable, Equatable, Sendable {
    @Nullable public var organ: String?
    /// ISO 8601 calendar date.
    @Nullable public var date: String?
    /// As printed: `kl. 13.00–15.30`.
    @Nullable public var time: String?
    @Nullable public var place: String?
    /// Beslutande.
    public var decisionMakers: [OutputPerson]
    /// Övriga närvarande.
    public var others: [OutputPerson]
    @Nullable public var chair: String?
    @Nullable public var secretary: String?
    public var adjusters: [String]
    @Nullable public var adjustmentDate: String?
    @Nullable public var adjustmentPlace: String?
}

public struct OutputVote: Codable, Equatable, Sendable {
    public var yes: Int
    public var no: Int
    @Nullable public var abstain: Int?
    public var votes: [OutputMemberVote]
}

public struct OutputMemberVote: Codable, Equatable, Sendable {
    public var name: String
    @Nullable public var party: String?
    /// `ja`, `nej` or `avstår`.
    public var vote: String
}

/// A paragraph, a list or a table; `type` tells which in JSON.
public enum OutputBlock: Codable, Equatable, Sendable {
    case paragraph(OutputParagraph)
    case list(OutputList)
    case table(OutputTable)

    private enum CodingKeys: String, CodingKey { case type }
    private enum Kind: String, Codable { case paragraph, list, table }

    public init(from decoder: any Decoder) throws {
        switch try decoder.container(keyedBy: CodingKeys.self).decode(Kind.self, forKey: .type) {
        case .paragraph: self = .paragraph(try OutputParagraph(from: decoder))
        case .list: self = .list(try OutputList(from: decoder))
        case .table: self = .table(try OutputTable(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .paragraph(let paragraph):
            try container.encode(Kind.paragraph, forKey: .type)
            try paragraph.encode(to: encoder)
        case .list(let list):
            try container.encode(Kind.list, forKey: .type)
            try list.encode(to: encoder)
        case .table(let table):
            try container.encode(Kind.table, forKey: .type)
            try table.encode(to: encoder)
        }
    }
}

public struct OutputTable: Codable, Equatable, Sendable {
    public var id: String
    public var pages: [Int]
    public var rows: [OutputTableRow]
}

public struct OutputTableRow: Codable, Equatable, Sendable {
    public var cells: [OutputTableCell]
}

public struct OutputTableCell: Codable, Equatable, Sendable {
    /// Repaired; empty where the row has no cell in this column.
    public var text: String
    /// As printed.
    public var original: String
    /// A header cell (the first row, set apart).
    public var header: Bool
}

public struct OutputParagraph: Codable, Equatable, Sendable {
    /// Stable within the document: `sec-3.2-p1`, `preamble-p2`.
    public var id: String
    /// Repaired.
    public var text: String
    /// As printed.
    public var original: String
    public var pages: [Int]
}

public struct OutputList: Codable, Equatable, Sendable {
    public var id: String
    public var ordered: Bool
    public var items: [OutputListItem]
}

public struct OutputListItem: Codable, Equatable, Sendable {
    /// `sec-2-list1-i3`: the list's id and the item's place in it (schema 1.4).
    public var id: String
    public var marker: String
    public var text: String
    public var original: String
}

public struct OutputSection: Codable, Equatable, Sendable {
    /// `sec-3.2`: the section's position in the tree, 1-based.
    public var id: String
    public var kind: String
    /// Repaired.
    public var heading: String
    /// As printed.
    public var headingOriginal: String
    public var level: Int
    /// True when no printed heading opens the section (a reservation that
    /// starts at `Reservation av … enligt följande.`).
    public var implicit: Bool
    /// `[first, last]`.
    public var pages: [Int]
    public var blocks: [OutputBlock]
    public var sections: [OutputSection]
    @Nullable public var consultation: OutputConsultation?
    @Nullable public var reservation: OutputReservation?
    @Nullable public var tableOfContents: [OutputTableOfContentsEntry]?
    @Nullable public var attachments: [OutputAttachment]?
    /// A protocol item's number as printed: `§ 8`, `KS § 3 a`, `39 §`.
    @Nullable public var number: String?
    @Nullable public var dnr: String?
    @Nullable public var vote: OutputVote?
}

public struct OutputConsultation: Codable, Equatable, Sendable {
    public var body: String
    @Nullable public var decisionDate: String?
    public var decisionPoints: [String]
    @Nullable public var reportDate: String?
    public var noAnswer: Bool
}

public struct OutputReservation: Codable, Equatable, Sendable {
    public var authors: [OutputPerson]
    @Nullable public var body: String?
    public var claims: [String]
}

public struct OutputTableOfContentsEntry: Codable, Equatable, Sendable {
    public var title: String
    @Nullable public var page: Int?
    /// The line as printed, dot leaders and all.
    public var printed: String
}

public struct OutputAttachment: Codable, Equatable, Sendable {
    public var title: String
    @Nullable public var dnr: String?
}

public struct OutputCorrection: Codable, Equatable, Sendable {
    public var page: Int
    public var original: String
    public var corrected: String
    public var confidence: Double
    /// Stable reason id: `ocr.diacritic`, `ocr.context`, `hyphenation.join`, …
    public var reason: String
    public var evidence: [String]
    /// Where in the published text it is (schema 1.4); nil when its text is
    /// not in the body (the letterhead, page furniture) or cannot be found there.
    @Nullable public var location: OutputTextLocation?
}

/// A stretch of one published block's text, in Unicode code points (what a
/// Python `str` indexes), start inclusive and end exclusive.
public struct OutputTextLocation: Codable, Equatable, Sendable {
    /// The `id` of the paragraph or list item (`sec-1-p2`, `sec-2-list1-i3`),
    /// or of the section whose heading holds it (`sec-1`).
    public var block: String
    /// In the block's printed text (`original`, `headingOriginal`).
    public var originalStart: Int
    public var originalEnd: Int
    /// In the block's repaired text (`text`, `heading`).
    public var textStart: Int
    public var textEnd: Int
}

public struct OutputReviewFlag: Codable, Equatable, Sendable {
    public var page: Int
    public var word: String
    public var reason: String
    public var candidates: [String]
    /// As for a correction; the word is the same in both texts.
    @Nullable public var location: OutputTextLocation?
}

public struct OutputQuality: Codable, Equatable, Sendable {
    /// 0 (clean) … 1 (unreadable), before repair.
    public var damage: Double
    /// The same estimate per page, in page order.
    public var pageDamage: [Double]
    public var unknownWordShare: Double
    public var correctionCount: Int
    public var flaggedWordCount: Int
}

public struct OutputDiagnostic: Codable, Equatable, Sendable {
    public var severity: String
    public var id: String
    public var message: String
    @Nullable public var page: Int?
}

/// Writes `null` for a missing value where synthesized Codable would leave
/// the key out, so every key of the contract is always present.
@propertyWrapper
public struct Nullable<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}

extension KeyedDecodingContainer {
    /// A nullable key missing from the file reads as null: outputs of an earlier minor
    /// schema (1.4 had no `source.pipelineHash`) still read for `export`; the schemas,
    /// not this decoder, say that every key is written.
    public func decode<Value>(_ type: Nullable<Value>.Type, forKey key: Key) throws -> Nullable<Value> {
        try decodeIfPresent(type, forKey: key) ?? Nullable(wrappedValue: nil)
    }
}
