import DocumentModel

/// Applies a reviewer's decisions (`diarium review`) to the repair of one
/// document: a rejected correction is reverted, a hand correction replaces
/// the word, an accepted flag becomes a correction, a dismissed flag is
/// dropped. Words added to the lexicon were already given to the repairer;
/// the occurrence decided on is also kept as printed, whatever the repair
/// would now make of it.
///
/// Offsets are in characters of the block's printed text, as the repairer's.
enum ReviewApplication {
    struct Outcome {
        var applied = 0
        /// Decisions whose word was not found where they say, in words.
        var unmatched: [String] = []
    }

    static let handReason = "review.hand"
    static let acceptedReason = "review.accepted"
    static let evidence = "decided on the review page"

    static func apply(_ decisions: [ReviewDecision], to result: inout RepairResult, inputs: [RepairInput]) -> Outcome {
        var outcome = Outcome()
        let texts = inputs.map { Array($0.text) }
        var taken: Set<Spot> = []
        var touched: Set<Int> = []
        for decision in decisions {
            guard let spot = locate(decision, in: texts, inputs: inputs, taken: &taken) else {
                outcome.unmatched.append("\(decision.target.rawValue) `\(decision.word)` on page \(decision.page)")
                continue
            }
            touched.insert(spot.block)
            outcome.applied += 1
            let correctionIndex = result.corrections.firstIndex {
                $0.block == spot.block && $0.offset <= spot.offset && spot.offset < $0.offset + max(1, $0.original.count)
            }
            func replace(with text: String, reason: String) {
                let correction = Correction(page: decision.page, block: spot.block, offset: spot.offset, original: decision.word,
                                            corrected: text, confidence: 1, reason: reason, evidence: [evidence])
                if let correctionIndex {
                    result.corrections[correctionIndex] = correction
                } else {
                    result.corrections.append(correction)
                }
            }
            switch decision.action {
            case .accept:
                // A correction that stands needs nothing; a flag's word becomes the reading chosen.
                if decision.target == .flag, let replacement = decision.replacement, !replacement.isEmpty, replacement != decision.word {
                    replace(with: replacement, reason: acceptedReason)
                }
            case .correct:
                if let replacement = decision.replacement, replacement != decision.word {
                    replace(with: replacement, reason: handReason)
                } else if let correctionIndex {
                    result.corrections.remove(at: correctionIndex)
                }
            case .reject, .lexicon:
                if let correctionIndex { result.corrections.remove(at: correctionIndex) }
            }
            result.reviewFlags.removeAll { $0.block == spot.block && $0.offset == spot.offset }
        }
        guard !touched.isEmpty else { return outcome }
        result.corrections.sort { ($0.block, $0.offset) < ($1.block, $1.offset) }
        for block in touched {
            let (text, kept) = rebuild(texts[block], corrections: result.corrections.filter { $0.block == block })
            result.texts[block] = text
            result.corrections.removeAll { $0.block == block && !kept.contains($0) }
        }
        result.quality.corrections = result.corrections.count
        result.quality.flagged = result.reviewFlags.count
        return outcome
    }

    private struct Spot: Hashable {
        var block: Int
        var offset: Int
    }

    /// The word's place: its printed text with as much of the context as still
    /// matches, in the blocks on its page first, then anywhere.
    private static func locate(_ decision: ReviewDecision, in texts: [[Character]], inputs: [RepairInput],
                               taken: inout Set<Spot>) -> Spot? {
        let word = Array(decision.word)
        guard !word.isEmpty else { return nil }
        let before = Array(decision.before), after = Array(decision.after)
        let onPage = inputs.indices.filter { inputs[$0].pageStarts.contains { $0.page == decision.page } }
        let elsewhere = inputs.indices.filter { !onPage.contains($0) }
        for context in [max(before.count, after.count), 16, 8, 4, 0] {
            let lead = Array(before.suffix(context))
            let pattern = lead + word + Array(after.prefix(context))
            for block in onPage + elsewhere {
                for start in occurrences(of: pattern, in: texts[block]) {
                    let spot = Spot(block: block, offset: start + lead.count)
                    guard !taken.contains(spot) else { continue }
                    taken.insert(spot)
                    return spot
                }
            }
        }
        return nil
    }

    private static func occurrences(of needle: [Character], in text: [Character]) -> [Int] {
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        return (0...(text.count - needle.count)).filter { start in
            text[start] == needle[0] && text[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// The printed text with the corrections applied, as the repairer builds
    /// it; a correction that no longer fits the printed text is dropped.
    private static func rebuild(_ printed: [Character], corrections: [Correction]) -> (String, Set<Correction>) {
        var text = ""
        var cursor = 0
        var kept: Set<Correction> = []
        for correction in corrections {
            let length = correction.original.count
            guard correction.offset >= cursor, correction.offset + length <= printed.count,
                  String(printed[correction.offset..<(correction.offset + length)]) == correction.original else { continue }
            text += String(printed[cursor..<correction.offset])
            text += correction.corrected
            cursor = correction.offset + length
            kept.insert(correction)
        }
        text += String(printed[cursor...])
        return (text, kept)
    }
}
