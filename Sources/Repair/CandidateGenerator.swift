import Foundation

/// A reading of a printed word: the word the writer may have meant, and
/// log10 P(printed | intended) under the confusion model.
struct Candidate: Hashable {
    var word: String
    var logChannel: Double
    /// How it was found: `lexicon`, `compound`, `case`.
    var source: String
}

/// Proposes what a printed word may have been, bounded so a long word costs
/// a handful of hash lookups and at most a few Hunspell calls.
///
/// A printed word is cut into segments; each segment either stays or is
/// read back through a learnt confusion (`é` → ö/ä, `6` → ö, `&` → ä,
/// `d` → ä/å/ö, `rn` → m, …). Dropped å/ä/ö marks need no enumeration:
/// the lexicon is indexed by folded key, so every spelling that differs
/// only in marks comes back from one lookup, and the channel cost of each
/// restored mark is counted afterwards.
struct CandidateGenerator {
    let model: ConfusionModel
    /// At most this many confusions of one plain letter for another
    /// (`d` → `ö`) per word; glyphs no Swedish word has (`&`, `|`, `6`) are
    /// always read back and do not count.
    var maxLetterConfusions = 1
    /// Variants kept per word, cheapest first.
    var beamWidth = 48
    /// Hunspell lookups one unlisted word may cost.
    var maxSpellingChecks = 40
    /// Built on first use: only an unlisted word in a damaged document needs it.
    var diacritics: DiacriticModel { .shared }

    private struct Segment {
        var printed: String
        var intended: String
    }

    private struct Variant {
        var segments: [Segment]
        var baseCost: Double
        var letterConfusions: Int
    }

    /// Candidates for a lower-case printed word, the printed word itself excluded.
    func candidates(for printed: String, damage: Double, lexicon: Lexicon) -> [Candidate] {
        let variants = enumerate(Array(printed))
        var found: [String: Candidate] = [:]
        func consider(_ word: String, _ variant: Variant, source: String) {
            guard word != printed, let cost = channelCost(variant.segments, word, damage: damage) else { return }
            if let existing = found[word], existing.logChannel >= cost { return }
            found[word] = Candidate(word: word, logChannel: cost, source: source)
        }
        for variant in variants {
            let intended = variant.segments.map(\.intended).joined()
            for word in lexicon.words(foldedKey: SwedishLetters.fold(intended)) {
                consider(word, variant, source: "lexicon")
            }
        }
        // Words no list holds: a compound of listed parts, else the
        // likeliest spellings by where Swedish puts its marks, each checked
        // with Hunspell. Bounded: a dozen variants, a few dozen lookups.
        // Hunspell compounds freely (`borgar|rads`), so a word only it knows
        // is as open to repair as an unknown one.
        let weaklyKnown = !lexicon.knows(printed) || lexicon.isDictionaryOnly(printed)
        if found.isEmpty, printed.count >= 6, weaklyKnown {
            for variant in variants.prefix(12) {
                let folded = SwedishLetters.fold(variant.segments.map(\.intended).joined())
                if let compound = lexicon.compound(folded), compound != printed, lexicon.spell(compound) {
                    consider(compound, variant, source: "compound")
                }
            }
        }
        if found.isEmpty, printed.count >= 6, weaklyKnown {
            var budget = maxSpellingChecks
            for variant in variants.prefix(6) where budget > 0 {
                let folded = SwedishLetters.fold(variant.segments.map(\.intended).joined())
                for spelling in diacritics.spellings(of: folded, limit: 16) where budget > 0 && spelling != printed {
                    budget -= 1
                    if lexicon.spell(spelling) {
                        consider(spelling, variant, source: "hunspell")
                        break
                    }
                }
            }
        }
        return found.values.sorted { ($0.logChannel, $0.word) > ($1.logChannel, $1.word) }
    }

    /// Segmentations of the printed word through known confusions, cheapest first.
    private func enumerate(_ printed: [Character]) -> [Variant] {
        var complete: [Variant] = []
        var frontier = [(position: 0, variant: Variant(segments: [], baseCost: 0, letterConfusions: 0))]
        let longest = model.longestPrinted
        while let (position, variant) = frontier.popLast() {
            if position == printed.count {
                complete.append(variant)
                continue
            }
            let character = printed[position]
            var stay = variant
            stay.segments.append(Segment(printed: String(character), intended: String(character)))
            frontier.append((position + 1, stay))
            for length in 1...longest where position + length <= printed.count {
                let piece = String(printed[position..<position + length])
                for confusion in model.byPrinted[piece] ?? [] {
                    // Lost marks are found through the folded index, not here.
                    if SwedishLetters.fold(confusion.intended) == piece { continue }
                    let isLetterSwap = piece.allSatisfy { $0.isLetter && $0 != "é" }
                    let confusions = variant.letterConfusions + (isLetterSwap ? 1 : 0)
                    if confusions > maxLetterConfusions { continue }
                    var next = variant
                    next.segments.append(Segment(printed: piece, intended: confusion.intended))
                    next.baseCost += log10(max(confusion.rate, 1e-6))
                    next.letterConfusions = confusions
                    frontier.append((position + length, next))
                }
            }
            if frontier.count > beamWidth * 8 {
                frontier.sort { $0.variant.baseCost < $1.variant.baseCost }
                frontier.removeFirst(frontier.count - beamWidth * 4)
            }
        }
        return Array(complete.sorted { $0.baseCost > $1.baseCost }.prefix(beamWidth))
    }

    /// log10 P(printed | word) along the variant's segments, nil when the
    /// word needs a confusion the model does not have.
    private func channelCost(_ segments: [Segment], _ word: String, damage: Double) -> Double? {
        let letters = Array(word)
        var index = 0
        var cost = 0.0
        for segment in segments {
            let length = segment.intended.count
            guard index + length <= letters.count else { return nil }
            let intended = String(letters[index..<index + length])
            index += length
            if intended == segment.printed { continue }
            let p = model.probability(intended: intended, printed: segment.printed, damage: damage)
            guard p > 0 else { return nil }
            cost += log10(p)
        }
        return index == letters.count ? cost : nil
    }
}
