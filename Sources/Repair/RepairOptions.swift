import DocumentModel

/// What the repairer needs to know besides the text.
public struct RepairOptions: Sendable, Equatable {
    /// A change is made only when the chosen reading's posterior reaches
    /// this; below it the word is left as printed and flagged for review.
    public var threshold: Double
    /// Word repair runs only on a document whose damage estimate reaches
    /// this; a clean born-digital document is not touched.
    public var damageThreshold: Double
    /// Local names and abbreviations (`BRÅ`, `SÖK`) the lexicons lack.
    public var userLexicon: [String]

    public init(threshold: Double = 0.7, damageThreshold: Double = 0.2, userLexicon: [String] = []) {
        self.threshold = threshold
        self.damageThreshold = damageThreshold
        self.userLexicon = userLexicon
    }
}

/// One block of text to repair, with the pages it spans.
public struct RepairInput: Sendable {
    public var text: String
    /// Character offsets where a page starts inside `text`, first at 0.
    public var pageStarts: [(offset: Int, page: Int)]
    /// Line-end hyphens the extract stage resolved in this block.
    public var hyphenations: [Hyphenation]
    /// Character offsets of the spaces that join one printed line to the next.
    public var lineBreaks: [Int]

    public init(text: String, pageStarts: [(offset: Int, page: Int)], hyphenations: [Hyphenation] = [], lineBreaks: [Int] = []) {
        self.text = text
        self.pageStarts = pageStarts.isEmpty ? [(0, 1)] : pageStarts
        self.hyphenations = hyphenations
        self.lineBreaks = lineBreaks
    }

    func page(at offset: Int) -> Int {
        pageStarts.last { $0.offset <= offset }?.page ?? pageStarts[0].page
    }
}

/// The repaired blocks, every change and every doubt, and the damage estimate.
public struct RepairResult: Sendable {
    /// Repaired text per input block, in order.
    public var texts: [String]
    /// `block` is the index of the input block.
    public var corrections: [Correction]
    public var reviewFlags: [ReviewFlag]
    public var quality: Quality
    /// Hunspell lookups made (cached words are not counted twice).
    public var hunspellCalls: Int
}
