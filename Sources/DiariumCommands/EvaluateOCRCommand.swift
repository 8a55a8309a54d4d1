import ArgumentParser
import DocumentModel
import Evaluation
import Foundation
import OCR
import PipelineCore

struct EvaluateOCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Word error rate of a PDF read four ways: its text layer, repaired, read by OCR, and OCR + repair.",
        discussion: """
        Runs the pipeline's extract, ocr and repair stages on the PDF (with \
        their settings from the pipeline file) and scores each reading's body \
        text against the truth: case-sensitive word tokens, aligned as whole \
        sequences. The ocr stage runs with `reocr: damaged` unless --reocr \
        says otherwise, so a scan whose text layer was written without \
        Swedish shows re-reading and repair side by side.

        Examples:
          diarium evaluate ocr samples/image-only/tjansteutlatande-2017-54.pdf --truth samples/tjansteutlatande-2017-54.txt
          diarium evaluate ocr samples/scanned-eng/utlatande-ks-2025-364.pdf --truth samples/utlatande-ks-2025-364.txt --reocr never
        """)

    @Argument(help: ArgumentHelp("The PDF to read.", valueName: "pdf"))
    var pdf: String

    @Option(help: ArgumentHelp("The text as it should read (samples/<name>.txt).", valueName: "file"))
    var truth: String

    @Option(help: ArgumentHelp("Pipeline whose stage settings apply. Default: the installed council.yaml (Pipelines/council.yaml in a checkout).", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("When pages with an OCR text layer are read again: never or damaged.", valueName: "policy"))
    var reocr = OCRStage.ReOCR.damaged.rawValue

    @Option(help: ArgumentHelp("Override the Tesseract languages (swe, swe+eng).", valueName: "languages"))
    var languages: String?

    @Option(help: "Override the rendering resolution.")
    var dpi: Int?

    func validate() throws {
        guard OCRStage.ReOCR(rawValue: reocr) != nil else { throw ValidationError("--reocr must be never or damaged") }
        for path in [pdf, truth] where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no such file: \(path)")
        }
    }

    func run() throws {
        let stages = try configuredStages()
        let comparison = try OCRComparison(
            truth: try String(contentsOfFile: truth, encoding: .utf8),
            extract: { try StagesInProcess.read(pdf, with: stages.extract) },
            ocr: { try StagesInProcess.apply(stages.ocr, to: $0) },
            ocrLabel: "OCR (reocr: \(reocr))",
            repair: stages.repair.map { repair in { try StagesInProcess.apply(repair, to: $0) } })

        let truthWords = comparison.rows.compactMap(\.score).first?.truthWords ?? 0
        print("\(pdf): \(comparison.pages) pages, \(comparison.imageOnlyPages) without a text layer; truth \(truthWords) words")
        if comparison.ocrPages > 0 {
            print(String(format: "OCR read %d pages in %.1f s (%.2f pages/s)", comparison.ocrPages, comparison.ocrSeconds,
                         Double(comparison.ocrPages) / max(comparison.ocrSeconds, 0.001)))
        }
        let width = max(12, comparison.rows.map(\.label.count).max() ?? 0)
        print("\("reading".padding(toLength: width, withPad: " ", startingAt: 0))      WER  errors   words")
        for row in comparison.rows {
            let label = row.label.padding(toLength: width, withPad: " ", startingAt: 0)
            if let score = row.score {
                print(String(format: "%@  %6.2f %%  %6d  %6d", label, score.wordErrorRate * 100, score.errors, score.textWords))
            } else {
                print("\(label)        -  (\(row.note ?? "not run"))")
            }
        }
    }

    /// The pipeline's extract, ocr and repair stages, with this command's
    /// overrides; a stage missing from the file runs with its defaults.
    private func configuredStages() throws -> (extract: ConfiguredStage, ocr: ConfiguredStage, repair: ConfiguredStage?) {
        let path = try DefaultPipeline.path(named: pipeline)
        do {
            var definition = try PipelineDefinition.load(from: URL(fileURLWithPath: path))
            let hasRepair = Stages.registry.summaries.contains { $0.id == "repair" }
            var overrides: [String: Any] = ["reocr": reocr]
            if let languages { overrides["languages"] = languages }
            if let dpi { overrides["dpi"] = dpi }
            definition.stages = try ["extract", "ocr"].map { try entry($0, in: definition, overriding: $0 == "ocr" ? overrides : [:]) }
                + (hasRepair ? [try entry("repair", in: definition, overriding: [:])] : [])
            let configured = try Stages.registry.configure(definition)
            return (configured[0], configured[1], hasRepair ? configured[2] : nil)
        } catch let error as PipelineError {
            throw RunError(error.description)
        }
    }

    private func entry(_ id: String, in definition: PipelineDefinition,
                       overriding overrides: [String: Any]) throws -> PipelineDefinition.StageEntry {
        var entry = definition.stages.first { $0.id == id } ?? definition.stages[0]
        var settings = entry.id == id ? (try JSONSerialization.jsonObject(with: entry.settingsJSON) as? [String: Any] ?? [:]) : [:]
        settings.merge(overrides) { _, new in new }
        entry.id = id
        entry.settingsJSON = try JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys])
        return entry
    }
}

/// Runs configured stages on one PDF in this process, without the batch's
/// cache: for evaluations, which compare stage combinations on one file.
enum StagesInProcess {
    static func read(_ path: String, with stage: ConfiguredStage) throws -> Document {
        guard case .source(let run) = stage.work else {
            throw RunError("stage `\(stage.id)` does not read PDFs")
        }
        let url = URL(fileURLWithPath: path)
        let hashed = try ContentHash.sha256(fileAt: url)
        let source = SourceFile(url: url, name: url.deletingPathExtension().lastPathComponent, displayPath: path,
                                sha256: hashed.hash, byteCount: hashed.byteCount)
        return try run(source, context)
    }

    static func apply(_ stage: ConfiguredStage, to document: Document) throws -> Document {
        guard case .transform(let run) = stage.work else {
            throw RunError("stage `\(stage.id)` does not transform documents")
        }
        return try run(document, context)
    }

    private static var context: StageContext {
        StageContext(documentName: "evaluate", logger: Console.logger(verbose: false))
    }
}
