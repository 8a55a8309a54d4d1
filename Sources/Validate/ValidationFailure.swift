/// One way an output file breaks its published schema, or cannot be read.
public struct ValidationFailure: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it or as found under a named folder.
    public var file: String
    /// 1-based line, for XML.
    public var line: Int?
    /// Where inside the document: an XPath-like path for XML
    /// (`/diarium/body/section[2]/@level`), a JSON pointer for JSON
    /// (`/sections/1/level`).
    public var path: String?
    /// What was broken: `well-formed`, `no-doctype`, `xsd` (with libxml2's
    /// message naming the element, attribute and facet), or the JSON Schema
    /// keyword with its place in the schema (`minimum at #/$defs/section/…`).
    public var rule: String
    public var message: String

    public init(file: String, line: Int? = nil, path: String? = nil, rule: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.rule = rule
        self.message = message
    }

    /// `file:line: path: rule: message`, the shape compilers use, so editors
    /// and CI logs link to the place.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let path { text += ": \(path.isEmpty ? "/" : path)" }
        return "\(text): \(rule): \(message)"
    }
}

/// The outcome of validating a set of files.
public struct ValidationReport: Sendable {
    public struct FileResult: Sendable {
        public var file: String
        public var format: OutputFormat
        public var failures: [ValidationFailure]

        public var isValid: Bool { failures.isEmpty }
    }

    public var files: [FileResult]

    public var failures: [ValidationFailure] { files.flatMap(\.failures) }
    public var invalidCount: Int { files.filter { !$0.isValid }.count }
    public var isValid: Bool { files.allSatisfy(\.isValid) }
}

public enum OutputFormat: String, Sendable {
    case xml, json
    /// Akoma Ntoso, `<name>.akn.xml`.
    case akn

    /// What a file of this format's name ends with.
    public var fileExtension: String {
        self == .akn ? "akn.xml" : rawValue
    }
}

/// Why validation could not start: a bad argument or an unusable schema.
public struct ValidateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
