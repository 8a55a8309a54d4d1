/// One change the repair stage made to the printed text, with its evidence.
public struct Correction: Codable, Hashable, Sendable {
    public var page: Int
    /// Index into `Document.blocks`.
    public var block: Int
    /// Character offset of `original` in the block's `original` text.
    public var offset: Int
    public var original: String
    public var corrected: String
    /// 0…1: how sure the repair is.
    public var confidence: Double
    /// Stable reason id, e.g. `ocr.diacritic`, `ocr.context`, `hyphenation.join`.
    public var reason: String
    /// What decided it, e.g. `lexicon`, `unigram 3.2e-4`, `bigram "bör vara"`, `document`.
    public var evidence: [String]

    public init(page: Int, block: Int, offset: Int, original: String, corrected: String,
                confidence: Double, reason: String, evidence: [String] = []) {
        self.page = page
        self.block = block
        self.offset = offset
        self.original = original
        self.corrected = corrected
        self.confidence = confidence
        self.reason = reason
        self.evidence = evidence
    }
}

/// A word left as printed because no repair was sure enough.
public struct ReviewFlag: Codable, Hashable, Sendable {
    public var page: Int
    public var block: Int
    public var offset: Int
    public var word: String
    public var reason: String
    /// The best candidates considered, best first.
    public var candidates: [String]

    public init(page: Int, block: Int, offset: Int, word: String, reason: String, candidates: [String] = []) {
        self.page = page
        self.block = block
        self.offset = offset
        self.word = word
        self.reason = reason
        self.candidates = candidates
    }
}

/// How damaged the text layer looked before repair, and what repair did.
public struct Quality: Codable, Hashable, Sendable {
    /// 0 (clean) … 1 (unreadable): the document's damage estimate.
    public var damage: Double
    /// The same estimate per page, by page number order.
    public var pageDamage: [Double]
    /// Share of word tokens the lexicon does not know, before repair.
    public var unknownWordShare: Double
    public var corrections: Int
    public var flagged: Int

    public init(damage: Double, pageDamage: [Double], unknownWordShare: Double, corrections: Int, flagged: Int) {
        self.damage = damage
        self.pageDamage = pageDamage
        self.unknownWordShare = unknownWordShare
        self.corrections = corrections
        self.flagged = flagged
    }
}
