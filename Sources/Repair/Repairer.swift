import DocumentModel
import Foundation
import Spelling

/// Restores the Swedish of OCR-damaged text, block by block, recording every
/// change with its evidence and leaving doubtful words as printed.
///
/// For each word: the readings the confusion model allows and the lexicon
/// knows, scored as log prior + log channel (how likely the OCR turned that
/// word into what was printed, on a page this damaged). Where the printed
/// word is itself a word and another reading is close, the context model
/// weighs in. The posterior of the best reading is its confidence.
public final class Repairer {
    private let lexicon: Lexicon
    private let model: ConfusionModel
    private let options: RepairOptions
    private let analyzer: WordAnalyzer

    /// `hunspell` may be shared with other threads' repairers.
    public init(hunspell: Hunspell, options: RepairOptions, frequency: WordFrequency = .shared,
                model: ConfusionModel = .shared) {
        lexicon = Lexicon(hunspell: hunspell, frequency: frequency, userLexicon: options.userLexicon)
        self.model = model
        self.options = options
        analyzer = WordAnalyzer(lexicon: lexicon, model: model)
    }

    struct Edit {
        var range: Range<String.Index>
        var offset: Int
        var original: String
        var replacement: String
        var confidence: Double
        var reason: String
        var evidence: [String]
    }

    /// A decided token: what it reads as, and how sure.
    private struct Decision {
        var reading: WordAnalysis.Reading
        var confidence: Double
        var alternatives: [String]
        var contextEvidence: String?
        /// True when the printed word is the decision or nothing better was sure enough.
        var keep: Bool { reading.source == "printed" }
    }

    /// `ocrPages`: pages whose text an OCR engine read. Their words are repaired
    /// even when the document's damage estimate is low: a scan read well on the
    /// whole still has its misread words (`Arendebeskrivning`), while
    /// born-digital text is only ever repaired as a whole, when its estimate says
    /// the text layer itself is damaged.
    public func repair(_ inputs: [RepairInput], ocrPages: Set<Int> = []) -> RepairResult {
        let tokenized = inputs.map { RepairTokenizer.tokens($0.text) }
        // A document repeats its words: each distinct one is looked at once.
        var wordIndex: [String: Int] = [:]
        var words: [(text: String, count: Int)] = []
        var occurrences: [(page: Int, word: Int)] = []
        for (input, tokens) in zip(inputs, tokenized) {
            for token in tokens {
                let word: Int
                if let known = wordIndex[token.text] {
                    word = known
                    words[word].count += 1
                } else {
                    word = words.count
                    wordIndex[token.text] = word
                    words.append((token.text, 1))
                }
                occurrences.append((input.page(at: token.offset), word))
            }
        }
        for word in words { lexicon.observeDocumentWord(word.text, count: word.count) }
        let estimate = DamageEstimator(lexicon: lexicon).estimate(words: words.map(\.text), occurrences: occurrences)
        let pageNumbers = estimate.pages.keys.sorted()

        var edits = [[Edit]](repeating: [], count: inputs.count)
        var flags: [ReviewFlag] = []
        let pagesToRepair: Set<Int>? = estimate.document.damage >= options.damageThreshold ? nil : ocrPages
        if pagesToRepair.map({ !$0.isEmpty }) ?? true {
            // A name with a capital inside (`VafabMiljö`, `MittSkåne`) printed alike more than once is spelt so on purpose.
            let names = Set(words.filter { $0.count >= 2 && Self.hasInnerCapital($0.text) }.map(\.text))
            repairWords(inputs, tokenized, estimate.pages, document: estimate.document, only: pagesToRepair, ocrPages: ocrPages,
                        names: names, edits: &edits, flags: &flags)
        }
        for index in inputs.indices {
            restoreDashes(inputs[index], ocrPages: ocrPages, edits: &edits[index])
            restoreHyphens(inputs[index], tokenized[index], edits: &edits[index])
            joinBrokenWords(inputs[index], tokenized[index], edits: &edits[index])
        }

        var texts: [String] = []
        var corrections: [Correction] = []
        for (index, input) in inputs.enumerated() {
            let sorted = edits[index].sorted { $0.offset < $1.offset }
            var text = ""
            var cursor = input.text.startIndex
            for edit in sorted where edit.range.lowerBound >= cursor {
                text += input.text[cursor..<edit.range.lowerBound]
                text += edit.replacement
                cursor = edit.range.upperBound
                corrections.append(Correction(page: input.page(at: edit.offset), block: index, offset: edit.offset,
                                              original: edit.original, corrected: edit.replacement,
                                              confidence: (edit.confidence * 1000).rounded() / 1000,
                                              reason: edit.reason, evidence: edit.evidence))
            }
            text += input.text[cursor...]
            texts.append(text)
        }
        let quality = Quality(damage: Self.rounded(estimate.document.damage),
                              pageDamage: pageNumbers.map { Self.rounded(estimate.pages[$0]!.damage) },
                              unknownWordShare: Self.rounded(estimate.document.unknownShare),
                              corrections: corrections.count, flagged: flags.count)
        return RepairResult(texts: texts, corrections: corrections, reviewFlags: flags, quality: quality,
                            hunspellCalls: lexicon.hunspellCalls)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    private static func leaderReplacement(_ original: String) -> String {
        let breaks = original.filter { $0 == "\n" }.count
        return breaks > 0 ? String(repeating: "\n", count: breaks) : " "
    }

    // MARK: - Words

    /// A page an OCR engine read loses a mark now and then however well it
    /// reads on the whole (`Godkannande` among a page of intact å/ä/ö): its
    /// estimated loss never counts as nought. About the share of marked words
    /// Tesseract's Swedish model lost on the harsher tuning rescans (1.6 %).
    static let ocrMarkLossFloor = 0.02

    /// `only`: the pages to repair, nil for all.
    private func repairWords(_ inputs: [RepairInput], _ tokenized: [[RepairToken]], _ pages: [Int: DamageEstimator.Estimate],
                             document: DamageEstimator.Estimate, only: Set<Int>?, ocrPages: Set<Int>, names: Set<String>,
                             edits: inout [[Edit]], flags: inout [ReviewFlag]) {
        func onRepairedPage(_ index: Int, _ offset: Int) -> Bool {
            only.map { $0.contains(inputs[index].page(at: offset)) } ?? true
        }
        func markLoss(page: Int) -> Double {
            let estimated = pages[page]?.diacriticLoss ?? document.diacriticLoss
            return ocrPages.contains(page) ? max(estimated, Self.ocrMarkLossFloor) : estimated
        }
        // Leaders first: the junk they remove is no word to repair.
        var removed = [[Range<String.Index>]](repeating: [], count: inputs.count)
        let leaders = LeaderCleaner.removals(in: inputs.map(\.text), isWord: { self.lexicon.knows($0) })
        for (index, removals) in leaders.enumerated() {
            for removal in removals where onRepairedPage(index, removal.offset) {
                removed[index].append(removal.range)
                // A line break inside the junk stays, so lines keep their numbers.
                edits[index].append(Edit(range: removal.range, offset: removal.offset, original: removal.original,
                                         replacement: Self.leaderReplacement(removal.original), confidence: 0.9,
                                         reason: "ocr.leader", evidence: ["table-of-contents leader"]))
            }
        }

        // Pass 1: each word on its own.
        var firstPass: [[Decision?]] = []
        var evidence: [String: Int] = [:]
        var vocabulary = DocumentVocabulary()
        for (index, tokens) in tokenized.enumerated() {
            var decisions: [Decision?] = []
            for token in tokens {
                let inRemoved = removed[index].contains { $0.contains(token.range.lowerBound) }
                guard !inRemoved, onRepairedPage(index, token.offset), isRepairable(token), !names.contains(token.text),
                      !Self.isInAddress(token, of: inputs[index].text) else {
                    decisions.append(nil)
                    continue
                }
                let damage = markLoss(page: inputs[index].page(at: token.offset))
                let analysis = analyzer.analyze(token.text, damage: damage)
                let decision = decide(analysis, token: token, bonus: { _ in nil })
                decisions.append(decision)
                if !decision.keep || analysis.printedKnown {
                    vocabulary.observe(reading: decision.reading.word.lowercased(), printed: token.text)
                }
                // Unmistakable readings: printed with its marks, or read back from odd glyphs with confidence.
                let word = decision.reading.word.lowercased()
                if SwedishLetters.hasDiacritic(word), decision.confidence >= 0.9,
                   analysis.printedHasOddGlyph || SwedishLetters.hasDiacritic(token.text) {
                    evidence[word, default: 0] += 1
                }
            }
            firstPass.append(decisions)
        }

        // Pass 2: real-word ambiguity decided with the neighbours' readings.
        let pairs = tokenized.reduce(into: Set<ContextModel.DocumentPair>()) { $0.formUnion(ContextModel.pairsWithMarks($1)) }
        for (index, tokens) in tokenized.enumerated() {
            let readings = zip(tokens, firstPass[index]).map { token, decision in
                (decision?.reading.word ?? token.text).lowercased()
            }
            let context = ContextModel(readings: readings, tokens: tokens, documentEvidence: evidence, documentPairs: pairs, lexicon: lexicon)
            for (position, token) in tokens.enumerated() {
                // On a page repaired only because OCR read it, the document is clean on
                // the whole: its words are read again, its case and glyphs are left as they are
                // (`VafabMiljö`, `MittSkåne` are names, not OCR's capitals).
                guard onRepairedPage(index, token.offset) else { continue }
                if only == nil, let glyph = glyphEdit(token, position: position, tokens: tokens, readings: readings) {
                    edits[index].append(glyph)
                    continue
                }
                guard var decision = firstPass[index][position] else { continue }
                let damage = markLoss(page: inputs[index].page(at: token.offset))
                let analysis = analyzer.analyze(token.text, damage: damage)
                if analysis.readings.count > 1 {
                    decision = decide(analysis, token: token) { context.bonus($0.word.lowercased(), at: position) }
                }
                if decision.keep, !analysis.printedKnown, analysis.kind == .word,
                   let rescued = rescue(token, vocabulary: vocabulary) {
                    edits[index].append(rescued)
                    continue
                }
                record(decision, analysis: analysis, token: token, page: inputs[index].page(at: token.offset),
                       block: index, edits: &edits[index], flags: &flags)
            }
        }
    }

    /// A word nothing could read, read from the document's own words; see `DocumentVocabulary`.
    private func rescue(_ token: RepairToken, vocabulary: DocumentVocabulary) -> Edit? {
        if let (word, distance) = vocabulary.spelling(ofGarbled: token.text), word != token.text {
            return Edit(range: token.range, offset: token.offset, original: token.text, replacement: word,
                        confidence: 0.7, reason: "ocr.letter",
                        evidence: ["document word `\(word.lowercased())` at edit distance \(distance)"])
        }
        if let word = DocumentVocabulary.spelling(ofOneLetterLonger: token.text, lexicon: lexicon), word != token.text {
            return Edit(range: token.range, offset: token.offset, original: token.text, replacement: word,
                        confidence: 0.7, reason: "ocr.letter", evidence: ["one letter too many", "hunspell"])
        }
        return nil
    }

    /// A lower-case letter followed by a capital: `VafabMiljö`, OCR's `kommunStyrelsen`.
    static func hasInnerCapital(_ text: String) -> Bool {
        zip(text, text.dropFirst()).contains { $0.isLowercase && $1.isUppercase }
    }

    /// A web or e-mail address is spelt without å/ä/ö (`www.vastervik.se`, `kommun@lulea.se`).
    static func isInAddress(_ token: RepairToken, of text: String) -> Bool {
        var lower = token.range.lowerBound, upper = token.range.upperBound
        while lower > text.startIndex, !text[text.index(before: lower)].isWhitespace { lower = text.index(before: lower) }
        while upper < text.endIndex, !text[upper].isWhitespace { upper = text.index(after: upper) }
        let run = text[lower..<upper].lowercased()
        return run.contains("www.") || run.contains("@") || run.contains("://") || run.hasSuffix(".se") || run.contains(".se/")
    }

    private func isRepairable(_ token: RepairToken) -> Bool {
        guard token.letterCount >= 1, !token.isNumber else { return false }
        // A lone letter is a word (`i`, `å`) or an initial; `I` and `|` have rules of their own.
        if token.text.count == 1 { return false }
        return token.letterCount * 2 >= token.text.count
    }

    private func decide(_ analysis: WordAnalysis, token: RepairToken,
                        bonus: (WordAnalysis.Reading) -> (Double, String)?) -> Decision {
        var readings = analysis.readings
        // A capitalised word inside a sentence is likely a name: a known
        // spelling of it stands unless another reading is far likelier.
        let nameLike = !token.sentenceInitial && SwedishLetters.casePattern(token.text) == .capitalized
        var scores = readings.map(\.score)
        if nameLike && analysis.printedKnown {
            for index in scores.indices.dropFirst() { scores[index] -= 1.5 }
        }
        var why: [String?] = Array(repeating: nil, count: readings.count)
        let best = scores.max() ?? 0
        // Context only matters between readings within reach of each other.
        if readings.count > 1 {
            for index in readings.indices where scores[index] > best - 4 {
                if let (value, reason) = bonus(readings[index]) {
                    scores[index] += value
                    why[index] = reason
                }
            }
        }
        let top = scores.indices.max { scores[$0] < scores[$1] } ?? 0
        let peak = scores[top]
        let total = scores.reduce(0) { $0 + pow(10, $1 - peak) }
        let alternatives = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(3).map { readings[$0].word }
        readings[top].logPrior = readings[top].logPrior
        return Decision(reading: readings[top], confidence: 1 / total, alternatives: Array(alternatives),
                        contextEvidence: why[top])
    }

    private func record(_ decision: Decision, analysis: WordAnalysis, token: RepairToken, page: Int, block: Int,
                        edits: inout [Edit], flags: inout [ReviewFlag]) {
        if decision.keep {
            // An unknown word with OCR glyphs in it stays, but someone should look.
            if !analysis.printedKnown && analysis.printedHasOddGlyph {
                flags.append(ReviewFlag(page: page, block: block, offset: token.offset, word: token.text,
                                        reason: "ocr.unresolved", candidates: Array(decision.alternatives.filter { $0 != token.text })))
            }
            return
        }
        guard decision.confidence >= options.threshold else {
            flags.append(ReviewFlag(page: page, block: block, offset: token.offset, word: token.text,
                                    reason: "ocr.low-confidence", candidates: decision.alternatives))
            return
        }
        var reading = decision.reading
        if reading.capitalMisread, !token.sentenceInitial { reading.word = reading.word.lowercased() }
        var evidence: [String] = []
        switch reading.source {
        case "compound": evidence.append("hunspell compound")
        case "case": evidence.append("lexicon, case restored")
        default:
            if let zipf = lexicon.frequency.zipfValue(reading.word.lowercased()) {
                evidence.append("wordfreq zipf \(String(format: "%.2f", zipf))")
            } else if lexicon.isUserWord(reading.word) {
                evidence.append("user lexicon")
            } else if lexicon.documentWords[reading.word.lowercased()] != nil {
                evidence.append("document")
            } else {
                evidence.append("hunspell")
            }
        }
        evidence.append("channel 10^\(String(format: "%.2f", reading.logChannel))")
        if let context = decision.contextEvidence { evidence.append(context) }
        let reason: String
        if analysis.printedKnown {
            reason = "ocr.context"
        } else if reading.source == "case" {
            reason = "ocr.case"
        } else if analysis.printedHasOddGlyph {
            reason = "ocr.glyph"
        } else if SwedishLetters.fold(reading.word) == SwedishLetters.fold(token.text) {
            reason = "ocr.diacritic"
        } else {
            reason = "ocr.letter"
        }
        edits.append(Edit(range: token.range, offset: token.offset, original: token.text, replacement: reading.word,
                          confidence: decision.confidence, reason: reason, evidence: evidence))
    }

    /// `|` is how an engine without Swedish prints a capital I (`| motionen`,
    /// `Rotel |`); a capital `I` inside a sentence before a lower-case word
    /// is the preposition `i`.
    private func glyphEdit(_ token: RepairToken, position: Int, tokens: [RepairToken], readings: [String]) -> Edit? {
        let next = position + 1 < tokens.count ? tokens[position + 1].text : nil
        let nextIsLower = next?.first?.isLowercase == true
        let previousCapitalised = position > 0 && tokens[position - 1].text.first?.isUppercase == true
        if token.text.contains("|"), token.text.allSatisfy({ "|1lI".contains($0) }), token.text.count <= 2 {
            let word = token.sentenceInitial || !nextIsLower || previousCapitalised ? "I" : "i"
            return Edit(range: token.range, offset: token.offset, original: token.text, replacement: word,
                        confidence: 0.9, reason: "ocr.glyph", evidence: ["`|` for I"])
        }
        if token.text == "I", !token.sentenceInitial, nextIsLower, !previousCapitalised, token.following == nil {
            return Edit(range: token.range, offset: token.offset, original: token.text, replacement: "i",
                        confidence: 0.8, reason: "ocr.case", evidence: ["capital I inside a sentence before `\(next ?? "")`"])
        }
        return nil
    }

    // MARK: - Words broken without a hyphen

    /// A narrow table cell breaks a word where it runs out of room, with no
    /// hyphen (`Socialförv` / `altningen`, `2014-12-3` / `1`). Where the
    /// pieces on either side of line breaks are not all words and their
    /// concatenation is one (or a whole date), the break is taken out.
    /// Two words stay two words: `Utreda` / `vidare` is a normal wrap.
    private func joinBrokenWords(_ input: RepairInput, _ tokens: [RepairToken], edits: inout [Edit]) {
        guard !input.lineBreaks.isEmpty, tokens.count > 1 else { return }
        let breaks = Set(input.lineBreaks)
        let characters = Array(input.text)
        func endsAtBreak(_ token: RepairToken) -> Bool {
            token.following == nil && breaks.contains(token.offset + token.text.count)
        }
        var index = 0
        while index + 1 < tokens.count {
            var last = index
            while last + 1 < tokens.count, last - index < 3, endsAtBreak(tokens[last]),
                  tokens[last + 1].offset == tokens[last].offset + tokens[last].text.count + 1 { last += 1 }
            guard last > index else {
                index += 1
                continue
            }
            var found: (last: Int, text: String, reason: String)?
            var joined = tokens[index].text
            for next in (index + 1)...last {
                joined += tokens[next].text
                let parts = tokens[index...next]
                if parts.allSatisfy(\.isNumber) {
                    // The day of a date cut short: `2014-12-3` / `1`.
                    if isWholeDate(characters, from: tokens[index].offset, through: tokens[next]) { found = (next, joined, "linebreak.date") }
                } else if parts.contains(where: { !lexicon.isEstablished($0.text) }), lexicon.isEstablished(joined) {
                    found = (next, joined, "linebreak.word")
                }
            }
            guard let found else {
                index += 1
                continue
            }
            let range = tokens[index].range.lowerBound..<tokens[found.last].range.upperBound
            if !edits.contains(where: { $0.range.overlaps(range) }) {
                edits.append(Edit(range: range, offset: tokens[index].offset, original: String(input.text[range]),
                                  replacement: found.text, confidence: 0.9, reason: found.reason,
                                  evidence: ["`\(input.text[range])` is broken at line ends; `\(found.text)` is one word"]))
            }
            index = found.last + 1
        }
    }

    /// True when the run of non-space characters around the joined digits is an ISO date.
    private func isWholeDate(_ characters: [Character], from start: Int, through end: RepairToken) -> Bool {
        var lower = start
        while lower > 0, characters[lower - 1] != " " { lower -= 1 }
        var upper = end.offset + end.text.count
        while upper < characters.count, characters[upper] != " " { upper += 1 }
        let run = String(characters[lower..<upper].filter { $0 != " " })
        return run.wholeMatch(of: /\d{4}-\d{2}-\d{2}[.,;:]?/) != nil
    }

    // MARK: - Hyphenation

    /// Where the extract stage joined a word across a line end, keep the
    /// join only if the joined word is a word: `e-` + `tjänst` is `e-tjänst`.
    /// OCR reads a dash set between words (`Dammgruvan – beslut om samråd`) as two (`--`, `—-`).
    private func restoreDashes(_ input: RepairInput, ocrPages: Set<Int>, edits: inout [Edit]) {
        guard !ocrPages.isEmpty else { return }
        for match in input.text.matches(of: Self.doubleHyphen) {
            let hyphens = match.output.1
            let offset = input.text.distance(from: input.text.startIndex, to: hyphens.startIndex)
            guard ocrPages.contains(input.page(at: offset)) else { continue }
            edits.append(Edit(range: hyphens.startIndex..<hyphens.endIndex, offset: offset, original: String(hyphens),
                              replacement: "–", confidence: 0.9, reason: "ocr.dash", evidence: ["`\(hyphens)` between words is one dash read as two"]))
        }
    }

    nonisolated(unsafe) private static let doubleHyphen = /\s([-—–]{2})(?=\s)/

    private func restoreHyphens(_ input: RepairInput, _ tokens: [RepairToken], edits: inout [Edit]) {
        var searchFrom = input.text.startIndex
        for hyphenation in input.hyphenations where hyphenation.decision == .joined {
            let head = String(hyphenation.before.dropLast().reversed().prefix { RepairTokenizer.isWordCharacter($0) }.reversed())
            let tail = String(hyphenation.after.prefix { RepairTokenizer.isWordCharacter($0) })
            guard !head.isEmpty, !tail.isEmpty,
                  let found = input.text.range(of: head + tail, range: searchFrom..<input.text.endIndex) else { continue }
            searchFrom = found.upperBound
            guard let token = tokens.first(where: { $0.range.lowerBound <= found.lowerBound && $0.range.upperBound >= found.upperBound }),
                  token.text == head + tail else { continue }
            // A word-repair edit of the same token that made it a word settles it.
            if let repaired = edits.first(where: { $0.range == token.range }), lexicon.knows(repaired.replacement) { continue }
            guard !lexicon.knows(token.text), lexicon.knows(head), lexicon.knows(tail) || lexicon.knows(head + "-" + tail) else { continue }
            // Listed parts making the joined word are a compound no list has (`vil|platser`): the break was the
            // typesetter's. An abbreviation before the hyphen (`sms-tjänst`, `hbtq-frågor`) has no vowel and keeps it.
            let lower = token.text.lowercased()
            if head.contains(where: { "aeiouyåäö".contains($0) }), lexicon.compound(SwedishLetters.fold(lower)) == lower { continue }
            edits.removeAll { $0.range == token.range }
            edits.append(Edit(range: token.range, offset: token.offset, original: token.text, replacement: head + "-" + tail,
                              confidence: 0.8, reason: "hyphenation",
                              evidence: ["`\(token.text)` is no word, `\(head)-` + `\(tail)` are"]))
        }
    }
}
