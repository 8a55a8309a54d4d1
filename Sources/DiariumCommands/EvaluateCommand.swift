import ArgumentParser
import DocumentModel
import Evaluation
import Foundation
import PipelineCore
import Repair
import Spelling

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a pipeline stage against ground truth.",
        subcommands: [EvaluateRepairCommand.self, EvaluateSegmentCommand.self, EvaluateOCRCommand.self])
}

struct EvaluateRepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Word error rate of OCR repair before and after, against a ground-truth text.",
        discussion: """
        --damaged is either a plain text (OCR output, ideally line-aligned \
        with the truth) or a PDF, which is extracted and repaired with the \
        pipeline's settings. Words are case-sensitive tokens aligned to the truth.

        Examples:
          diarium evaluate repair --damaged Tests/RepairTests/Fixtures/001-damaged.lines-1-394.txt \\
                                  --truth Tests/RepairTests/Fixtures/001-truth.lines-1-394.txt
          diarium evaluate repair --damaged samples/scanned-eng/x.pdf --truth samples/x.txt
        """)

    @Option(help: ArgumentHelp("OCR output: a .txt file or a .pdf.", valueName: "file"))
    var damaged: String

    @Option(help: ArgumentHelp("The text as it should read.", valueName: "file"))
    var truth: String

    @Option(help: ArgumentHelp("Pipeline whose extract and repair settings apply. Default: the installed council.yaml (Pipelines/council.yaml in a checkout).", valueName: "file"))
    var pipeline: String?

    @Option(help: "Override the repair threshold (0…1).")
    var threshold: Double?

    @Option(help: ArgumentHelp("Also write the repaired text here, to read the remaining errors.", valueName: "file"))
    var writeRepaired: String?

    @Option(help: ArgumentHelp("""
        Confusion weights to repair with instead of the shipped ones (scripts/derive-confusions.py --out), \
        to score on text the weights were not learnt from. Text input only.
        """, valueName: "tsv"))
    var confusions: String?

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
        if confusions != nil, damaged.lowercased().hasSuffix(".pdf") {
            throw ValidationError("--confusions applies to a text input, not a PDF")
        }
        for path in [damaged, truth] + (confusions.map { [$0] } ?? []) where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no such file: \(path)")
        }
    }

    func run() throws {
        let truthText = try String(contentsOfFile: truth, encoding: .utf8)
        let stages = try configuredStages()
        let started = Date()
        let printed: String, repaired: String, flagged: Int
        if damaged.lowercased().hasSuffix(".pdf") {
            let document = try repairedDocument(stages)
            (printed, repaired) = document.printedAndRepairedText
            flagged = document.reviewFlags.count
        } else {
            let text = try String(contentsOfFile: damaged, encoding: .utf8)
            var settings = try repairSettings(stages)
            if let threshold { settings.threshold = threshold }
            let hunspell = try Hunspell(language: settings.dictionary)
            let model = try confusions.map { ConfusionModel(tsv: try String(contentsOfFile: $0, encoding: .utf8)) } ?? .shared
            let outcome = PlainTextRepair.repair(text, hunspell: hunspell, options: settings.options, model: model)
            (printed, repaired, flagged) = (text, outcome.text, outcome.result.reviewFlags.count)
        }
        let seconds = Date().timeIntervalSince(started)
        if let writeRepaired { try repaired.write(toFile: writeRepaired, atomically: true, encoding: .utf8) }
        let score = RepairScore(damaged: printed, repaired: repaired, truth: truthText, flagged: flagged,
                                lineAligned: !damaged.lowercased().hasSuffix(".pdf"))
        print(String(format: "truth words        %d", score.truthWords))
        print(String(format: "WER before repair  %.2f%% (%d errors)", score.wordErrorRateBefore * 100, score.errorsBefore))
        print(String(format: "WER after repair   %.2f%% (%d errors)", score.wordErrorRateAfter * 100, score.errorsAfter))
        print("fixed              \(score.fixed)")
        print("wrongly changed    \(score.wronglyChanged)")
        print("flagged            \(score.flagged)")
        print(String(format: "time               %.2f s", seconds))
    }

    private func configuredStages() throws -> [ConfiguredStage] {
        let path = try DefaultPipeline.path(named: pipeline)
        do {
            var definition = try PipelineDefinition.load(from: URL(fileURLWithPath: path))
            if let threshold, let index = definition.stages.firstIndex(where: { $0.id == RepairStage.id }) {
                var settings = try JSONSerialization.jsonObject(with: definition.stages[index].settingsJSON) as? [String: Any] ?? [:]
                settings["threshold"] = threshold
                definition.stages[index].settingsJSON = try JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys])
            }
            return try Stages.registry.configure(definition)
        } catch let error as PipelineError {
            throw RunError(error.description)
        }
    }

    private func repairSettings(_ stages: [ConfiguredStage]) throws -> RepairStage.Settings {
        guard let stage = stages.first(where: { $0.id == RepairStage.id }) else { return RepairStage.Settings() }
        return try JSONDecoder().decode(RepairStage.Settings.self, from: stage.settingsJSON)
    }

    /// Runs the pipeline's stages on the PDF up to and including repair.
    private func repairedDocument(_ stages: [ConfiguredStage]) throws -> Document {
        let url = URL(fileURLWithPath: damaged)
        let hashed = try ContentHash.sha256(fileAt: url)
        let source = SourceFile(url: url, name: url.deletingPathExtension().lastPathComponent, displayPath: damaged,
                                sha256: hashed.hash, byteCount: hashed.byteCount)
        let context = StageContext(documentName: damaged, logger: Console.logger(verbose: false))
        var document: Document?
        for stage in stages {
            switch stage.work {
            case .source(let run): document = try run(source, context)
            case .transform(let run): document = try document.map { try run($0, context) }
            case .output: break
            }
            if stage.id == RepairStage.id { break }
        }
        guard let document else { throw RunError("the pipeline has no stage that reads a PDF") }
        return document
    }
}
