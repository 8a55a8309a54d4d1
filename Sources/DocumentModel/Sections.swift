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
    /// Förvaltningens bedömning, Överväganden.
    case bedomning
    /// Ekonomiska konsekvenser, Barnkonsekvensanalys …
    case konsekvenser
    case beslutsunderlag
    /// A protocol's item: `§ 8 Val av justerare`; its number is in `Section.number`.
    case paragraf
    case yrkanden
    /// Propositionsordning, Beslutsgång.
    case propositionsordning
    case omrostning
    case protokollsanteckning
    /// Särskilt yttrande, Särskilt uttalande.
    case sarskiltYttrande = "sarskilt_yttrande"
    /// Beslutet skickas till, Expedieras till.
    case expediering
    case other
}

public enum DocumentType: String, Codable, Hashable, Sendable, CaseIterable {
    case utlatande
    case tjansteutlatande
    case motion
    case skrivelse
    case remissvar
    case tjansteskrivelse
    case delegationsbeslut
    /// Kallelse, föredragningslista, dagordning.
    case kallelse
    /// The minutes of a whole meeting.
    case protokoll
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
    /// The issuing organisation (`Umeå kommun`, `Region Skåne`), from the letterhead.
    public var organisation: String?
    /// The förvaltning, nämnd or unit under it.
    public var unit: String?
    /// The document type as printed (`Tjänsteskrivelse`, `Sammanträdesprotokoll`).
    public var label: String?
    /// A designation the genre prints beside the type (`Utlåtande 2015:123 RI`).
    public var designation: String?
    /// The lines of page 1's letterhead, as printed, kept out of the body.
    public var letterhead: [String]
    /// For protocols, agendas and extracts: the meeting recorded.
    public var meeting: Meeting?

    public init(documentType: DocumentType = .other, title: String? = nil, dnr: [String] = [],
                motionNumbers: [String] = [], date: String? = nil, authors: [Person] = [],
                signatories: [Person] = [], presenter: Person? = nil, consultedBodies: [String] = [],
                reservations: [ReservationDetails] = [], organisation: String? = nil, unit: String? = nil,
                label: String? = nil, designation: String? = nil, letterhead: [String] = [], meeting: Meeting? = nil) {
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
        self.organisation = organisation
        self.unit = unit
        self.label = label
        self.designation = designation
        self.letterhead = letterhead
        self.meeting = meeting
    }
}

/// The meeting a protocol records: who decided, where and when, who checked the minutes.
public struct Meeting: Codable, Hashable, Sendable {
    /// The body that met (`Kommunstyrelsen`, `Barn- och utbildningsnämnden`).
    public var organ: String?
    /// ISO date.
    public var date: String?
    /// As printed: `kl. 13.00–15.30`.
    public var time: String?
    public var place: String?
    /// Beslutande: ledamöter and tjänstgörande ersättare, with party and role.
    public var decisionMakers: [Person]
    /// Övriga närvarande: officials, ersättare not serving, guests.
    public var others: [Person]
    public var chair: String?
    public var secretary: String?
    /// Utses att justera.
    public var adjusters: [String]
    /// ISO date of the justering, when printed.
    public var adjustmentDate: String?
    public var adjustmentPlace: String?

    public init(organ: String? = nil, date: String? = nil, time: String? = nil, place: String? = nil,
                decisionMakers: [Person] = [], others: [Person] = [], chair: String? = nil, secretary: String? = nil,
                adjusters: [String] = [], adjustmentDate: String? = nil, adjustmentPlace: String? = nil) {
        self.organ = organ
        self.date = date
        self.time = time
        self.place = place
        self.decisionMakers = decisionMakers
        self.others = others
        self.chair = chair
        self.secretary = secretary
        self.adjusters = adjusters
        self.adjustmentDate = adjustmentDate
        self.adjustmentPlace = adjustmentPlace
    }
}

/// An omröstning: the counts, and each member's vote where printed.
public struct VoteResult: Codable, Hashable, Sendable {
    public struct MemberVote: Codable, Hashable, Sendable {
        public var name: String
        public var party: String?
        /// `ja`, `nej` or `avstår`.
        public var vote: String

        public init(name: String, party: String?, vote: String) {
            self.name = name
            self.party = party
            self.vote = vote
        }
    }

    public var yes: Int
    public var no: Int
    public var abstain: Int?
    public var votes: [MemberVote]

    public init(yes: Int, no: Int, abstain: Int?, votes: [MemberVote] = []) {
        self.yes = yes
        self.no = no
        self.abstain = abstain
        self.votes = votes
    }
}

/// A paragraph, a list or a table inside a section.
public enum ContentBlock: Codable, Hashable, Sendable {
    case paragraph(Paragraph)
    case list(ListBlock)
    case table(Table)

    /// Rows of cells read from a grid of text on one page; the first row's
    /// cells are headers when they are set apart (bold, or words over numbers).
    public struct Table: Codable, Hashable, Sendable {
        public var rows: [[Cell]]
        public var pages: [Int]

        public init(rows: [[Cell]], pages: [Int]) {
            self.rows = rows
            self.pages = pages
        }
    }

    public struct Cell: Codable, Hashable, Sendable {
        /// Repaired; empty for a cell with nothing in it.
        public var text: String
        /// As printed.
        public var original: String
        public var header: Bool

        public init(text: String, original: String, header: Bool) {
            self.text = text
            self.original = original
            self.header = header
        }
    }

    /// The block as printed, in reading order: list items with their markers, a table's cells row by row.
    public var printedTexts: [String] {
        switch self {
        case .paragraph(let paragraph): [paragraph.original]
        case .list(let list): list.items.map { "\($0.marker) \($0.original)" }
        case .table(let table): table.rows.flatMap { $0.map(\.original).filter { !$0.isEmpty } }
        }
    }

    /// The block's text in reading order: a table's cells row by row.
    public var texts: [String] {
        switch self {
        case .paragraph(let paragraph): [paragraph.text]
        case .list(let list): list.items.map(\.text)
        case .table(let table): table.rows.flatMap { $0.map(\.text).filter { !$0.isEmpty } }
        }
    }

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
    /// A protocol item's number as printed: `§ 8`, `KS § 3 a`, `39 §`.
    public var number: String?
    /// A protocol item's own Diarienummer.
    public var dnr: String?
    /// The omröstning recorded in an item.
    public var vote: VoteResult?

    public init(kind: SectionKind, heading: String, headingOriginal: String, level: Int, implicit: Bool = false,
                firstPage: Int, lastPage: Int, blocks: [ContentBlock] = [], sections: [Section] = [],
                consultation: ConsultationDetails? = nil, reservation: ReservationDetails? = nil,
                tableOfContents: [TableOfContentsEntry]? = nil, attachments: [Attachment]? = nil,
                number: String? = nil, dnr: String? = nil, vote: VoteResult? = nil) {
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
        self.number = number
        self.dnr = dnr
        self.vote = vote
    }
}
