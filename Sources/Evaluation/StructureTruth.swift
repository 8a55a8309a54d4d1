import Foundation

/// The ground truth of one corpus document, as `corpus/tools/render.py`
/// derives it from the document's spec (`corpus/truth/<id>.json`).
public struct StructureTruth: Decodable, Sendable {
    public struct Fields: Decodable, Sendable {
        public var documentType: String
        public var title: String?
        public var date: String?
        public var dnr: [String]
        public var organisation: String?
        public var unit: String?
        public var label: String?
        public var designation: String?
    }

    public struct Heading: Decodable, Sendable {
        public var text: String
        public var level: Int
        public var kind: String
        public var number: String?
    }

    public struct Member: Decodable, Sendable {
        public var name: String
        public var party: String?
        public var role: String?
    }

    public struct Meeting: Decodable, Sendable {
        public var organ: String?
        public var date: String?
        public var place: String?
        public var decisionMakers: [Member]?
        public var chair: String?
        public var secretary: String?
        public var adjusters: [String]?
    }

    public struct Item: Decodable, Sendable {
        public var number: String
        public var title: String
        public var dnr: String?
    }

    /// A reservation and who made it; `item` in a protocol (`§ 265`), nil elsewhere.
    public struct Reservation: Decodable, Sendable {
        public var authors: [Member]
        public var item: String?
    }

    /// An omröstning's tally in a protocol's item.
    public struct Vote: Decodable, Sendable {
        public var item: String?
        public var yes: Int
        public var no: Int
        public var abstain: Int?
    }

    public var id: String
    public var organisation: String
    public var type: String
    public var metadata: Fields
    public var headings: [Heading]
    /// Every printed body block in reading order, the title first; no letterhead or furniture.
    public var body: [String]
    public var meeting: Meeting?
    public var items: [Item]
    /// Each table (and each vote's list of members) as printed: rows of cells.
    public var tables: [[[String]]]?
    public var reservations: [Reservation]?
    public var votes: [Vote]?

    public static func load(_ url: URL) throws -> StructureTruth {
        try JSONDecoder().decode(StructureTruth.self, from: Data(contentsOf: url))
    }

    /// The folder name an organisation's specs live in, as the corpus scripts slug it.
    public static func slug(_ organisation: String) -> String {
        let mapped = organisation.lowercased().map { character -> Character in
            switch character {
            case "å", "ä": "a"
            case "ö": "o"
            case "é": "e"
            case "ü": "u"
            default: character
            }
        }
        var slug = ""
        for character in mapped {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if slug.last != "-" {
                slug.append("-")
            }
        }
        return slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}

/// Which organisations are tuned on and which are held out (`corpus/split.json`).
/// Split once, by organisation, so a municipality's layout is never on both sides.
public struct CorpusSplit: Decodable, Sendable {
    public var tuning: [String]
    public var heldout: [String]

    public enum Part: String, Sendable, CaseIterable {
        case tuning, heldout
    }

    public static func load(_ url: URL) throws -> CorpusSplit {
        try JSONDecoder().decode(CorpusSplit.self, from: Data(contentsOf: url))
    }

    public func part(of organisation: String) -> Part? {
        let slug = StructureTruth.slug(organisation)
        if tuning.contains(slug) { return .tuning }
        if heldout.contains(slug) { return .heldout }
        return nil
    }
}
