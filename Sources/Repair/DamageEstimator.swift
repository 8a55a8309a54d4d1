/// Estimates how much of a text's Swedish an OCR engine destroyed, from the
/// text alone: a clean born-digital document scores near 0 and is left
/// untouched; a scan read without Swedish scores near 1.
///
/// Three signals, each a share:
/// - diacritic loss: å/ä/ö printed against å/ä/ö expected. The expectation
///   is the Swedish norm adapted to the document's own words: for each
///   printed word, the marks its most frequent lexicon spelling has
///   (`for` → `för` expects one, `har` expects none);
/// - unknown words: word tokens no lexicon source knows;
/// - odd glyphs: `é`, `&`, `|` or digits inside words (`féljande`, `&r`, `6ka`).
struct DamageEstimator {
    struct Estimate: Equatable {
        var diacriticLoss: Double
        var unknownShare: Double
        var oddShare: Double
        /// Words counted.
        var words: Int
        /// Marks expected by the lexicon for these words.
        var expectedMarks: Double

        /// 0 (clean) … 1: the larger of the diacritic loss and the odd-glyph
        /// signal, which a damaged text shows even where few marks were due.
        var damage: Double {
            min(1, max(diacriticLoss, oddShare * 4))
        }
    }

    private struct Tally {
        var words = 0, unknown = 0, odd = 0
        var expected = 0.0, printed = 0.0

        mutating func add(_ word: Word) {
            words += 1
            if word.odd { odd += 1 }
            if word.unknown { unknown += 1 }
            printed += word.printed
            expected += word.expected
        }

        mutating func add(_ tally: Tally) {
            words += tally.words
            unknown += tally.unknown
            odd += tally.odd
            expected += tally.expected
            printed += tally.printed
        }
    }

    let lexicon: Lexicon

    /// Estimates for the whole text and for each page (keyed by page number),
    /// from the document's distinct words and where each occurs.
    func estimate(words: [String], occurrences: [(page: Int, word: Int)]) -> (document: Estimate, pages: [Int: Estimate]) {
        let judged = words.map(judge)
        var total = Tally()
        var pages: [Int: Tally] = [:]
        for (page, index) in occurrences {
            let word = judged[index]
            // A page of only short tokens still has its (empty) tally.
            if word.counted { pages[page, default: Tally()].add(word) } else if pages[page] == nil { pages[page] = Tally() }
        }
        // Pages in order, so the sums come out the same whatever the dictionary's order.
        for page in pages.keys.sorted() { total.add(pages[page]!) }
        let document = estimate(total, fallback: nil)
        return (document, pages.mapValues { estimate($0, fallback: document) })
    }

    private struct Word {
        /// Words of fewer than two letters are not counted.
        var counted = true
        var odd = false, unknown = false
        var printed = 0.0, expected = 0.0
    }

    private func judge(_ text: String) -> Word {
        guard RepairToken.letterCount(text) >= 2 else { return Word(counted: false) }
        let ascii = SwedishLetters.isASCII(text)
        let hasOddGlyph: Bool
        if ascii {
            hasOddGlyph = text.utf8.contains { (byte: UInt8) -> Bool in byte == 0x26 || byte == 0x7C || SwedishLetters.isASCIIDigit(byte) }
        } else {
            hasOddGlyph = text.contains { (c: Character) -> Bool in c == "é" || c == "&" || c == "|" || SwedishLetters.isNumber(c) }
        }
        let lower = text.lowercased()
        let marks = ascii ? 0 : Double(SwedishLetters.diacriticCount(text))
        var expected = marks
        // The marks the word should carry: its most frequent spelling's.
        if !hasOddGlyph, let likeliest = lexicon.frequency.words(foldedKey: ascii ? lower : SwedishLetters.fold(text)).first {
            expected = Double(SwedishLetters.diacriticCount(likeliest))
        }
        return Word(odd: hasOddGlyph, unknown: hasOddGlyph || !lexicon.knows(text, lowercased: lower), printed: marks,
                    expected: expected)
    }

    /// A page with few marks due says little on its own: it leans on the
    /// document's figure in proportion.
    private func estimate(_ tally: Tally, fallback: Estimate?) -> Estimate {
        let words = max(tally.words, 1)
        var loss = tally.expected > 0 ? max(0, 1 - tally.printed / tally.expected) : 0
        if let fallback {
            let weight = 10.0
            loss = (loss * tally.expected + fallback.diacriticLoss * weight) / (tally.expected + weight)
        }
        return Estimate(diacriticLoss: loss, unknownShare: Double(tally.unknown) / Double(words),
                        oddShare: Double(tally.odd) / Double(words), words: tally.words, expectedMarks: tally.expected)
    }
}
