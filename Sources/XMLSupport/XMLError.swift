/// One message libxml2 raised about a document or schema: where and what.
public struct XMLIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Level: String, Sendable {
        case warning, error, fatal
    }

    public var level: Level
    /// 1-based line in the parsed text; nil when libxml2 did not know it.
    public var line: Int?
    /// An XPath-like path to the offending node (`/diarium/body/section[2]/@level`),
    /// when the message is about a node of a parsed tree.
    public var path: String?
    /// libxml2's error code (`xmlParserErrors`), stable across its releases.
    public var code: Int
    public var message: String

    public init(level: Level, line: Int?, path: String?, code: Int, message: String) {
        self.level = level
        self.line = line
        self.path = path
        self.code = code
        self.message = message
    }

    public var description: String {
        var location = line.map { "line \($0)" } ?? ""
        if let path { location += location.isEmpty ? path : " \(path)" }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}

/// Why an XML operation failed. Each case says what to look at.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The text is not well-formed XML (or not XML at all).
        case malformed
        /// The XML Schema itself could not be read or compiled.
        case invalidSchema
        /// libxml2 failed while writing (out of memory, broken encoding).
        case writer
        /// libxml2 could not run the validation (an internal error, not an invalid document).
        case validator
    }

    public var code: Code
    /// What was being read or written, for messages (`out/a.xml`, `diarium-1.xsd`).
    public var subject: String
    public var issues: [XMLIssue]

    public init(code: Code, subject: String, issues: [XMLIssue]) {
        self.code = code
        self.subject = subject
        self.issues = issues
    }

    public var description: String {
        let what: String
        switch code {
        case .malformed: what = "not well-formed XML"
        case .invalidSchema: what = "not a usable XML Schema"
        case .writer: what = "libxml2 could not write the XML"
        case .validator: what = "libxml2 could not run the schema validation"
        }
        let details = issues.map(\.description).joined(separator: "; ")
        return details.isEmpty ? "\(subject): \(what)" : "\(subject): \(what): \(details)"
    }
}
