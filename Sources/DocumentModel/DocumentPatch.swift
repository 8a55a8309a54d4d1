/// The parts of a document one stage changed, so a stage's cached result
/// can be stored beside the result before it instead of whole: a clean
/// born-digital document leaves repair with only its quality figures to
/// add, and segment adds sections without touching the blocks. Storing
/// whole documents spent more time encoding unchanged text than some
/// stages spent on their work.
///
/// Every stored property of `Document` has its counterpart here (a test
/// checks that none is missing); nil means "as in the base".
public struct DocumentPatch: Codable, Equatable, Sendable {
    public var source: SourceInfo?
    public var info: PDFInfo?
    public var pages: [Page]?
    public var blocks: [TextBlock]?
    public var diagnostics: [Diagnostic]?
    public var corrections: [Correction]?
    public var reviewFlags: [ReviewFlag]?
    public var quality: Quality?
    public var metadata: Metadata?
    public var preamble: [ContentBlock]?
    public var sections: [Section]?

    /// What turns `base` into `document`; nil when the stage cleared a part
    /// (nil in a patch means "unchanged", so that cannot be written as one).
    public init?(_ document: Document, base: Document) {
        guard document.quality != nil || base.quality == nil, document.metadata != nil || base.metadata == nil else {
            return nil
        }
        func changed<T: Equatable>(_ value: T, _ old: T) -> T? { value == old ? nil : value }
        source = changed(document.source, base.source)
        info = changed(document.info, base.info)
        pages = changed(document.pages, base.pages)
        blocks = changed(document.blocks, base.blocks)
        diagnostics = changed(document.diagnostics, base.diagnostics)
        corrections = changed(document.corrections, base.corrections)
        reviewFlags = changed(document.reviewFlags, base.reviewFlags)
        quality = document.quality == base.quality ? nil : document.quality
        metadata = document.metadata == base.metadata ? nil : document.metadata
        preamble = changed(document.preamble, base.preamble)
        sections = changed(document.sections, base.sections)
    }

    public func applied(to base: Document) -> Document {
        var document = base
        if let source { document.source = source }
        if let info { document.info = info }
        if let pages { document.pages = pages }
        if let blocks { document.blocks = blocks }
        if let diagnostics { document.diagnostics = diagnostics }
        if let corrections { document.corrections = corrections }
        if let reviewFlags { document.reviewFlags = reviewFlags }
        if let quality { document.quality = quality }
        if let metadata { document.metadata = metadata }
        if let preamble { document.preamble = preamble }
        if let sections { document.sections = sections }
        return document
    }
}
