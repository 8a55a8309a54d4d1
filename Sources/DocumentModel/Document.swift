/// The document as it moves through the pipeline. Each stage returns it with
/// its own part filled in, so every cached artifact is a complete `Document`
/// and any stage can be re-run from the artifact of the stage before it.
public struct Document: Codable, Hashable, Sendable {
    public static let modelVersion = 1

    public var source: SourceInfo
    public var info: PDFInfo
    public var pages: [Page]
    /// Body text in reading order, page furniture removed, paragraphs rebuilt.
    public var blocks: [TextBlock]
    public var diagnostics: [Diagnostic]

    // Filled by the repair stage.
    public var corrections: [Correction]
    public var reviewFlags: [ReviewFlag]
    public var quality: Quality?

    // Filled by the segment stage.
    public var metadata: Metadata?
    /// Text before the first heading (title block, header lines) is the
    /// preamble; everything after is in `sections`.
    public var preamble: [ContentBlock]
    public var sections: [Section]

    public init(source: SourceInfo, info: PDFInfo, pages: [Page], blocks: [TextBlock],
                diagnostics: [Diagnostic] = []) {
        self.source = source
        self.info = info
        self.pages = pages
        self.blocks = blocks
        self.diagnostics = diagnostics
        corrections = []
        reviewFlags = []
        quality = nil
        metadata = nil
        preamble = []
        sections = []
    }
}

/// Where the document came from; `sha256` identifies the input bytes.
public struct SourceInfo: Codable, Hashable, Sendable {
    /// The path as the user gave it, relative to the input root when walked from a folder.
    public var file: String
    public var sha256: String
    public var byteCount: Int

    public init(file: String, sha256: String, byteCount: Int) {
        self.file = file
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}

/// The PDF's own metadata (the Info dictionary), as written by its producer.
public struct PDFInfo: Codable, Hashable, Sendable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var creator: String?
    public var producer: String?
    /// ISO 8601, UTC.
    public var creationDate: String?
    public var pageCount: Int
    /// The bookmarks (outline), depth first.
    public var outline: [OutlineEntry]
    /// The headings tagged in the structure tree (`H1` … `H6`, the depth is the
    /// level), in reading order; empty for an untagged PDF.
    public var taggedHeadings: [OutlineEntry]

    public init(title: String? = nil, author: String? = nil, subject: String? = nil,
                creator: String? = nil, producer: String? = nil, creationDate: String? = nil,
                pageCount: Int, outline: [OutlineEntry] = [], taggedHeadings: [OutlineEntry] = []) {
        self.title = title
        self.author = author
        self.subject = subject
        self.creator = creator
        self.producer = producer
        self.creationDate = creationDate
        self.pageCount = pageCount
        self.outline = outline
        self.taggedHeadings = taggedHeadings
    }
}

/// A bookmark: word processors write one per heading, with its level.
public struct OutlineEntry: Codable, Hashable, Sendable {
    public var title: String
    /// 1 for a top-level bookmark.
    public var depth: Int
    public var page: Int?

    public init(title: String, depth: Int, page: Int?) {
        self.title = title
        self.depth = depth
        self.page = page
    }
}
