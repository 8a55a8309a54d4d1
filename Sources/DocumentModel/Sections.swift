/// The kinds of section a council document has; `other` for headings
/// outside the genre's vocabulary.
public enum SectionKind: String, Codable, Hashable, Sendable, CaseIterable {
    case forslagTillBeslut = "forslag_till_beslut"
    case sammanfattning
    case bakgrund
    case arendet
    case arendetsBeredning = "arendets_beredning"
    case beredning
    case synpunkter
    case remissammanstallning
    case remissinstans
    case reservationer
    case reservation
    case bilagor
    case innehallsforteckning
    case beslut
    case other
}

public enum DocumentType: String, Codable, Hashable, Sendable, CaseIterable {
    case utlatande
    case tjansteutlatande
    case motion
    case skrivelse
    case remissvar
    case protokollsutdrag
    case other
}

/// A person named in the document: author, motionär, signatory, föredragande.
public struct Person: Codable, Hashable, Sendable {
    public var name: String
    /// Party abbreviation such as `C`, `M`, `S`.
    public var party: String?
    /// `motionär`, `föredragande`, `ordförande`, `förvaltningschef`, `reservant`, …
    public var role: String?

    public init(name: String, party: String? = nil, role: String? = nil) {
        self.name = name
        self.party = party
        self.role = role
    }
}

/// What a registrar files: typed metadata read from the text.
public struct Metadata: Codable, Hashable, Sendable {
    public var documentType: DocumentType
    public var title: String?
    /// Diarienummer, main first (`KS 2025/364`), then attachments (`KS 2025/364-1`).
    public var dnr: [String]
    /// Motion numbers such as `2017:54`.
    public var motionNumbers: [String]
    /// ISO date (`2025-10-22`).
    public var date: String?
    public var authors: [Person]
    public var signatories: [Person]
    /// The föredragande borgarråd or official, when named.
    public var presenter: Person?
    /// Bodies the matter was referred to (remissinstanser).
    public var consultedBodies: [String]
    /// Every reservation in the document, with the body it was made in.
    public var reservations: [ReservationDetails]

    public init(documentType: DocumentType = .other, title: String? = nil, dnr: [String] = [],
                motionNumbers: [String] = [], date: String? = nil, authors: [Person] = [],
                signatories: [Person] = [], presenter: Person? = nil, consultedBodies: [String] = [],
                reservations: [ReservationDetails] = []) {
        self.documentType = documentType
        self.title = title
        self.dnr = dnr
        self.motionNumbers = motionNumbers
        self.date = date
        self.authors = authors
        self.signatories = signatories
        self.presenter = presenter
        self.consultedBodies = consultedBodies
        self.reservations = reservations
    }
}

/// A paragraph or a list inside a section.
public enum ContentBlock: Codable, Hashable, Sendable {
    case paragraph(Paragraph)
    case list(ListBlock)

    public struct Paragraph: Codable, Hashable, Sendable {
        public var text: String
        /// As printed (before repair).
        public var original: String
        public var pages: [Int]

        public init(text: String, original: String, pages: [Int]) {
            self.text = text
            self.original = original
            self.pages = pages
        }
    }

    public struct ListBlock: Codable, Hashable, Sendable {
        public var ordered: Bool
        public var items: [ListItem]

        public init(ordered: Bool, items: [ListItem]) {
            self.ordered = ordered
            self.items = items
        }
    }

    public struct ListItem: Codable, Hashable, Sendable {
        /// `1.`, `-`, `a)`.
        public var marker: String
        public var text: String
        public var original: String

        public init(marker: String, text: String, original: String) {
            self.marker = marker
            self.text = text
            self.original = original
        }
    }
}

/// Details a remissinstans section carries.
public struct ConsultationDetails: Codable, Hashable, Sendable {
    public var body: String
    /// When the body decided (ISO date).
    public var decisionDate: String?
    /// The decision's numbered points.
    public var decisionPoints: [String]
    /// Date of the office's report (tjänsteutlåtande / yttrande).
    public var reportDate: String?
    /// True when the body did not answer.
    public var noAnswer: Bool

    public init(body: String, decisionDate: String? = nil, decisionPoints: [String] = [],
                reportDate: String? = nil, noAnswer: Bool = false) {
        self.body = body
        self.decisionDate = decisionDate
        self.decisionPoints = decisionPoints
        self.reportDate = reportDate
        self.noAnswer = noAnswer
    }
}

/// Details a reservation section carries.
public struct ReservationDetails: Codable, Hashable, Sendable {
    public var authors: [Person]
    /// The body in which the reservation was made, when grouped by body.
    public var body: String?
    /// The numbered claims (`Att tillstyrka motionen`).
    public var claims: [String]

    public init(authors: [Person], body: String? = nil, claims: [String] = []) {
        self.authors = authors
        self.body = body
        self.claims = claims
    }
}

/// An entry of the table of contents.
public struct TableOfContentsEntry: Codable, Hashable, Sendable {
    public var title: String
    public var page: Int?
    /// The line as printed, dot leaders and all.
    public var printed: String

    public init(title: String, page: Int?, printed: String) {
        self.title = title
        self.page = page
        self.printed = printed
    }
}

/// An attachment listed under Bilaga/Bilagor.
public struct Attachment: Codable, Hashable, Sendable {
    public var title: String
    public var dnr: String?

    public init(title: String, dnr: String?) {
        self.title = title
        self.dnr = dnr
    }
}

/// A node of the section tree.
public struct Section: Codable, Hashable, Sendable {
    public var kind: SectionKind
    /// Repaired heading text.
    public var heading: String
    /// The heading as printed.
    public var headingOriginal: String
    public var level: Int
    /// True when no printed heading opens the section: it starts at a
    /// paragraph such as `Reservation av … (C) enligt följande.`
    public var implicit: Bool
    public var firstPage: Int
    public var lastPage: Int
    public var blocks: [ContentBlock]
    public var sections: [Section]
    public var consultation: ConsultationDetails?
    public var reservation: ReservationDetails?
    public var tableOfContents: [TableOfContentsEntry]?
    public var attachments: [Attachment]?

    public init(kind: SectionKind, heading: String, headingOriginal: String, level: Int, implicit: Bool = false,
                firstPage: Int, lastPage: Int, blocks: [ContentBlock] = [], sections: [Section] = [],
                consultation: ConsultationDetails? = nil, reservation: ReservationDetails? = nil,
                tableOfContents: [TableOfContentsEntry]? = nil, attachments: [Attachment]? = nil) {
        self.kind = kind
        self.heading = heading
        self.headingOriginal = headingOriginal
        self.level = level
        self.implicit = implicit
        self.firstPage = firstPage
        self.lastPage = lastPage
        self.blocks = blocks
        self.sections = sections
        self.consultation = consultation
        self.reservation = reservation
        self.tableOfContents = tableOfContents
        self.attachments = attachments
    }
}
