/// What a reviewer decided about one correction or review flag on the review
/// page (`diarium review`), kept in `<out>/review/decisions.json` and applied
/// by the repair stage on the next `convert` of that document.
///
/// A decision names its word by the printed text around it, not by an index:
/// the published blocks are cut by segmentation from the extracted ones, and
/// the context is what both share. A decision whose word is no longer there
/// (the PDF changed) is reported, not guessed at.
public struct ReviewDecision: Codable, Hashable, Sendable {
    /// What the decision is about.
    public enum Target: String, Codable, Sendable {
        case correction, flag
    }

    public enum Action: String, Codable, Sendable, CaseIterable {
        /// A correction stands (nothing changes); a flag's word becomes `replacement`.
        case accept
        /// A correction is reverted to the printed word; a flag is dismissed, the word stays as printed.
        case reject
        /// The word becomes `replacement`, typed by the reviewer.
        case correct
        /// The printed word is right: it joins the repair stage's lexicon for this document.
        case lexicon
    }

    public var target: Target
    public var action: Action
    public var page: Int
    /// The word as printed.
    public var word: String
    /// The repair's reading, for a correction.
    public var corrected: String?
    /// The reading chosen (`accept` of a flag) or typed (`correct`).
    public var replacement: String?
    /// Printed text just before and after the word, within its block.
    public var before: String
    public var after: String
    /// Where the review page showed it: the published block's id and the word's
    /// start in that block's printed text. For people; matching uses the context.
    public var block: String?
    public var originalStart: Int?
    /// ISO 8601, when it was decided; not part of what the decision changes.
    public var decidedAt: String?

    public init(target: Target, action: Action, page: Int, word: String, corrected: String? = nil, replacement: String? = nil,
                before: String, after: String, block: String? = nil, originalStart: Int? = nil, decidedAt: String? = nil) {
        self.target = target
        self.action = action
        self.page = page
        self.word = word
        self.corrected = corrected
        self.replacement = replacement
        self.before = before
        self.after = after
        self.block = block
        self.originalStart = originalStart
        self.decidedAt = decidedAt
    }

    /// The same word decided again replaces the earlier decision.
    public var subject: String {
        "\(target.rawValue)\u{1F}\(page)\u{1F}\(block ?? "")\u{1F}\(originalStart.map(String.init) ?? "")\u{1F}\(word)\u{1F}\(before)\u{1F}\(after)"
    }

    /// Words the repair stage takes as known for this document.
    public var lexiconWord: String? {
        action == .lexicon ? (replacement?.isEmpty == false ? replacement : word) : nil
    }
}

/// One document's decisions.
public struct DocumentDecisions: Codable, Hashable, Sendable {
    /// The source as shown in the outputs (`source.file`), for people reading the file.
    public var source: String?
    public var decisions: [ReviewDecision]

    public init(source: String? = nil, decisions: [ReviewDecision] = []) {
        self.source = source
        self.decisions = decisions
    }

    /// Adds a decision, replacing an earlier one about the same word.
    public mutating func record(_ decision: ReviewDecision) {
        decisions.removeAll { $0.subject == decision.subject }
        decisions.append(decision)
    }

    /// What changes the document: the decisions without their times, in a fixed
    /// order, so saving the same decisions again does not count as a change.
    public var effective: [ReviewDecision] {
        decisions.map { decision in
            var copy = decision
            copy.decidedAt = nil
            return copy
        }.sorted { $0.subject < $1.subject }
    }
}

/// The decisions file: every document's decisions by its output name
/// (`2025/a` for `<out>/2025/a.json`).
public struct ReviewDecisionsFile: Codable, Hashable, Sendable {
    public static let currentVersion = 1
    /// Where it lives, relative to the output folder.
    public static let relativePath = "review/decisions.json"

    public var version: Int
    public var documents: [String: DocumentDecisions]

    public init(documents: [String: DocumentDecisions] = [:]) {
        version = Self.currentVersion
        self.documents = documents
    }
}
