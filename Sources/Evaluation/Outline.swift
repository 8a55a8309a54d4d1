import Foundation

/// The ground truth of a sample as `samples/<name>.outline.json` gives it.
public struct Outline: Decodable, Sendable {
    public struct Heading: Decodable, Sendable, Hashable {
        public var text: String
        public var level: Int
    }

    public struct Person: Decodable, Sendable {
        public var name: String
        public var party: String?
        public var role: String?
    }

    public struct Reservation: Decodable, Sendable {
        public var author: String
        public var party: String?
        public var body: String?
        public var claims: [String]
    }

    public struct Counts: Decodable, Sendable {
        public var headings: Int
        public var listItems: Int
        public var paragraphs: Int

        enum CodingKeys: String, CodingKey {
            case headings, paragraphs
            case listItems = "list_items"
        }
    }

    public var documentType: String
    public var title: String?
    public var dnr: [String]
    public var date: String?
    public var motion: String?
    public var authors: [Person]
    public var reservations: [Reservation]
    public var headings: [Heading]
    public var counts: Counts?

    enum CodingKeys: String, CodingKey {
        case documentType = "document_type"
        case title, dnr, date, motion, authors, reservations, headings, counts
    }

    public static func load(_ url: URL) throws -> Outline {
        try JSONDecoder().decode(Outline.self, from: Data(contentsOf: url))
    }
}
