/// A paragraph-like unit rebuilt from line geometry: a paragraph, a list
/// item or a heading candidate. Segmentation decides what it means.
public struct TextBlock: Codable, Hashable, Sendable {
    /// The lines as printed, in order; they may span a page break.
    public var lines: [TextLine]
    /// The lines joined into running text, hyphenation at line ends resolved;
    /// after the repair stage, the repaired text.
    public var text: String
    /// The text as extracted, before repair; nil until the repair stage runs.
    public var original: String?
    /// How each line end that carried a hyphen was resolved.
    public var hyphenations: [Hyphenation]
    /// The font size covering most characters, and whether all of it is bold.
    public var fontSize: Double
    public var bold: Bool

    public init(lines: [TextLine], text: String, hyphenations: [Hyphenation],
                fontSize: Double, bold: Bool) {
        self.lines = lines
        self.text = text
        self.original = nil
        self.hyphenations = hyphenations
        self.fontSize = fontSize
        self.bold = bold
    }

    public var firstPage: Int { lines.first?.page ?? 0 }
    public var lastPage: Int { lines.last?.page ?? 0 }
    /// The text as printed, whether or not repair has run.
    public var printedText: String { original ?? text }
}

/// A line that ended in a hyphen, and what was made of it.
public struct Hyphenation: Codable, Hashable, Sendable {
    public enum Decision: String, Codable, Sendable {
        /// `myndighets-` + `utövning` → `myndighetsutövning`
        case joined
        /// `OTTO-` + `teamet` → `OTTO-teamet`
        case keptHyphen
        /// `tillstånds-` + `och` → `tillstånds- och`
        case keptSpace
    }

    /// Index into the block's `lines` of the line that ends with the hyphen.
    public var line: Int
    public var before: String
    public var after: String
    public var decision: Decision

    public init(line: Int, before: String, after: String, decision: Decision) {
        self.line = line
        self.before = before
        self.after = after
        self.decision = decision
    }
}
