/// How a repair did against ground truth, counted on case-sensitive word
/// tokens (`WordTokenizer`) aligned to the truth.
public struct RepairScore: Sendable, Equatable {
    public var truthWords: Int
    public var errorsBefore: Int
    public var errorsAfter: Int
    /// Truth words the damaged text had right and the repair made wrong.
    public var wronglyChanged: Int
    /// Truth words the damaged text had wrong and the repair made right.
    public var fixed: Int
    /// Words the repair left for review.
    public var flagged: Int

    public var wordErrorRateBefore: Double { truthWords == 0 ? 0 : Double(errorsBefore) / Double(truthWords) }
    public var wordErrorRateAfter: Double { truthWords == 0 ? 0 : Double(errorsAfter) / Double(truthWords) }

    /// Scores `repaired` (and `damaged` as the baseline) against `truth`.
    /// With `lineAligned` (texts made line for line, like the seed's truth),
    /// texts with the same number of lines are aligned line by line, which is
    /// both faster and keeps a lost word from shifting the rest; otherwise,
    /// and always for text taken from a PDF, as whole token sequences.
    public init(damaged: String, repaired: String, truth: String, flagged: Int, lineAligned: Bool = true) {
        let segments: [(String, String, String)]
        let truthLines = truth.split(separator: "\n", omittingEmptySubsequences: false)
        let damagedLines = damaged.split(separator: "\n", omittingEmptySubsequences: false)
        let repairedLines = repaired.split(separator: "\n", omittingEmptySubsequences: false)
        if lineAligned, truthLines.count == damagedLines.count, damagedLines.count == repairedLines.count {
            segments = (0..<truthLines.count).map { (String(damagedLines[$0]), String(repairedLines[$0]), String(truthLines[$0])) }
        } else {
            segments = [(damaged, repaired, truth)]
        }
        var words = 0, before = 0, after = 0, wrong = 0, fixed = 0
        for (damagedText, repairedText, truthText) in segments {
            let reference = WordTokenizer.words(truthText)
            let old = WordAlignment(reference: reference, hypothesis: WordTokenizer.words(damagedText))
            let new = WordAlignment(reference: reference, hypothesis: WordTokenizer.words(repairedText))
            words += reference.count
            before += old.errors
            after += new.errors
            let rightBefore = Self.correct(old), rightAfter = Self.correct(new)
            for index in reference.indices {
                if rightBefore[index] && !rightAfter[index] { wrong += 1 }
                if !rightBefore[index] && rightAfter[index] { fixed += 1 }
            }
        }
        self.init(truthWords: words, errorsBefore: before, errorsAfter: after, wronglyChanged: wrong, fixed: fixed,
                  flagged: flagged)
    }

    public init(truthWords: Int, errorsBefore: Int, errorsAfter: Int, wronglyChanged: Int, fixed: Int, flagged: Int) {
        self.truthWords = truthWords
        self.errorsBefore = errorsBefore
        self.errorsAfter = errorsAfter
        self.wronglyChanged = wronglyChanged
        self.fixed = fixed
        self.flagged = flagged
    }

    private static func correct(_ alignment: WordAlignment) -> [Bool] {
        var right = [Bool](repeating: false, count: alignment.reference.count)
        for step in alignment.steps {
            if case .match(let reference, _) = step { right[reference] = true }
        }
        return right
    }
}
