import DocumentModel
import Foundation
import PipelineCore
import Spelling

/// Restores Swedish text damaged by OCR: estimates the damage per page,
/// repairs words through the confusion model, lexicon and context, keeps
/// the printed text of every changed block in `TextBlock.original`, and records every change as a
/// `Correction` and every doubt as a `ReviewFlag`.
public struct RepairStage: DocumentStage {
    public static let id = "repair"
    public static let version = 8
    public static let summary = "restores Swedish text damaged by OCR (lost å/ä/ö, é/6/&/| confusions), every change recorded"
    /// The review page's decisions are applied here: a word added to the lexicon must reach the repairer.
    public static let takesReviewDecisions = true

    public struct Settings: StageSettings {
        /// Off: the text passes through unchanged.
        public var enabled: Bool
        /// Confidence a change needs; below it the word is flagged instead.
        public var threshold: Double
        /// Damage estimate (0…1) below which a document's words are not repaired.
        public var damageThreshold: Double
        /// Local names and abbreviations the lexicons lack (`BRÅ`, `SÖK`).
        public var userLexicon: [String]
        /// Hunspell dictionary.
        public var dictionary: String

        /// The repairer's options these settings give.
        public var options: RepairOptions {
            RepairOptions(threshold: threshold, damageThreshold: damageThreshold, userLexicon: userLexicon)
        }

        public init() {
            let defaults = RepairOptions()
            enabled = true
            threshold = defaults.threshold
            damageThreshold = defaults.damageThreshold
            userLexicon = []
            dictionary = "sv_SE"
        }
    }

    let settings: Settings
    private let hunspell: SharedHunspell

    public init(settings: Settings) throws {
        guard (0...1).contains(settings.threshold), (0...1).contains(settings.damageThreshold) else {
            throw StageError(stage: Self.id, document: "", message: "threshold and damageThreshold must be between 0 and 1")
        }
        if let missing = RepairData.missing {
            throw StageError(stage: Self.id, document: "", message: missing)
        }
        self.settings = settings
        let dictionary = settings.dictionary
        hunspell = SharedHunspell { try Hunspell(language: dictionary) }
    }

    /// The dictionary and the frequency list take a tenth of a second to
    /// load: done beside the first documents' extraction, not after it.
    public func warmUp() {
        DispatchQueue.global(qos: .userInitiated).async { _ = WordFrequency.shared }
        hunspell.prewarm()
    }

    public func run(_ document: Document, context: StageContext) throws -> Document {
        var repaired = document
        for index in repaired.blocks.indices {
            // Always from the printed text, so a re-run does not repair a repair.
            repaired.blocks[index].text = document.blocks[index].printedText
            repaired.blocks[index].original = nil
        }
        repaired.corrections = []
        repaired.reviewFlags = []
        guard settings.enabled else { return repaired }

        var options = settings.options
        let decisions = context.decisions?.decisions ?? []
        options.userLexicon += decisions.compactMap(\.lexiconWord).filter { !options.userLexicon.contains($0) }
        let inputs = repaired.blocks.map(Self.input)
        var result: RepairResult
        do {
            result = try Repairer(hunspell: hunspell.handle(), options: options).repair(inputs, ocrPages: Self.ocrPages(document))
        } catch {
            throw StageError(stage: Self.id, document: context.documentName, message: "\(error)")
        }
        if !decisions.isEmpty {
            let outcome = ReviewApplication.apply(decisions, to: &result, inputs: inputs)
            repaired.diagnostics.append(Diagnostic(severity: .info, id: "repair.decisions",
                                                   message: "\(outcome.applied) review decisions applied"))
            if !outcome.unmatched.isEmpty {
                repaired.diagnostics.append(Diagnostic(severity: .warning, id: "repair.decisions.unmatched",
                                                       message: "review decisions whose word was not found (the document changed?): "
                                                           + outcome.unmatched.joined(separator: "; ")))
            }
        }
        // `original` only where the text changed: an unchanged block is then
        // equal to its input, and the cache stores none of it again.
        for (index, text) in result.texts.enumerated() where text != repaired.blocks[index].text {
            repaired.blocks[index].original = repaired.blocks[index].text
            repaired.blocks[index].text = text
        }
        repaired.corrections = result.corrections
        repaired.reviewFlags = result.reviewFlags
        repaired.quality = result.quality
        if !result.reviewFlags.isEmpty {
            let pages = Set(result.reviewFlags.map(\.page)).sorted().map(String.init).joined(separator: ", ")
            repaired.diagnostics.append(Diagnostic(severity: .info, id: "repair.review",
                                                   message: "\(result.reviewFlags.count) words left as printed for review (pages \(pages))"))
        }
        context.logger.debug("repair: damage \(result.quality.damage), \(result.corrections.count) corrections, \(result.reviewFlags.count) flagged, \(result.hunspellCalls) Hunspell lookups")
        return repaired
    }

    /// Pages whose text an OCR engine read: by the OCR stage, or into the PDF's invisible text layer.
    static func ocrPages(_ document: Document) -> Set<Int> {
        var pages = Set(document.pages.filter { $0.ocr != nil }.map(\.number))
        for block in document.blocks {
            for line in block.lines where line.isOCRText { pages.insert(line.page) }
        }
        return pages
    }

    /// Where each page starts in the block's text, replaying how the
    /// extract stage joined the lines (a space, or nothing after a hyphen).
    static func input(_ block: TextBlock) -> RepairInput {
        var starts: [(offset: Int, page: Int)] = []
        var breaks: [Int] = []
        var offset = 0
        let decisions = Dictionary(block.hyphenations.map { ($0.line, $0.decision) }, uniquingKeysWith: { first, _ in first })
        for (index, line) in block.lines.enumerated() {
            if index > 0 {
                switch decisions[index - 1] {
                case .joined: offset -= 1
                case .keptHyphen: break
                case .keptSpace: offset += 1
                case nil:
                    breaks.append(offset)
                    offset += 1
                }
            }
            if starts.last?.page != line.page { starts.append((max(0, offset), line.page)) }
            offset += line.text.count
        }
        return RepairInput(text: block.printedText, pageStarts: starts, hyphenations: block.hyphenations, lineBreaks: breaks)
    }
}
