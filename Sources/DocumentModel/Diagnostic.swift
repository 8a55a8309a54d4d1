/// A problem found in a document that did not stop its stage, such as a page
/// without a text layer. Identifiers are stable and dotted (`extract.page.no-text`).
public struct Diagnostic: Codable, Hashable, Sendable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var id: String
    public var message: String
    public var page: Int?

    public init(severity: Severity, id: String, message: String, page: Int? = nil) {
        self.severity = severity
        self.id = id
        self.message = message
        self.page = page
    }
}
