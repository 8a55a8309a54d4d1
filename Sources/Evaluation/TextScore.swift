import DocumentModel

/// Word errors of a document's body text against a sample's ground truth
/// (`samples/<name>.txt`: body only, no page furniture), counted on
/// case-sensitive word tokens (`WordTokenizer`) aligned as whole sequences,
/// so a lost or doubled line costs its words once.
public struct TextScore: Sendable, Equatable {
    public var truthWords: Int
    public var textWords: Int
    public var errors: Int

    public var wordErrorRate: Double {
        truthWords == 0 ? (textWords == 0 ? 0 : 1) : Double(errors) / Double(truthWords)
    }

    public init(text: String, truth: String) {
        let alignment = WordAlignment(reference: WordTokenizer.words(truth), hypothesis: WordTokenizer.words(text))
        truthWords = alignment.reference.count
        textWords = alignment.hypothesis.count
        errors = alignment.errors
    }

    /// Scores the document's blocks: the repaired text once repair has run.
    public init(document: Document, truth: String) {
        self.init(text: Self.bodyText(document), truth: truth)
    }

    /// The body text, one block per paragraph.
    public static func bodyText(_ document: Document) -> String {
        document.blocks.map(\.text).joined(separator: "\n\n")
    }
}
