import ArgumentParser
import Evaluation
import Foundation
import PipelineCore

struct EvaluateSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Heading, metadata, protocol-item and lost-word scores over a corpus with ground truth.",
        discussion: """
        Two layouts are understood.

        A structure corpus (a folder with truth/, pdf/ and split.json, as \
        corpus/ is): every PDF under pdf/<path>/ is converted and compared with \
        truth/<id>.json. Reported per part of the split (tuning, held-out) and \
        per production path (word, html, typeset, scan): heading precision, \
        recall and F1 (text matched in order; numbering and case ignored), the \
        lowest F1 of any document, level and kind accuracy of the matched \
        headings, metadata fields right, protocol items found with number and \
        title, body words lost from the .txt output, and output words that are \
        not body (letterhead and furniture let through). --details lists the \
        errors of tuning documents only: held-out errors are never shown, so \
        that nobody tunes on them.

        A sample folder laid out as samples/ is: PDFs under born-digital/ and \
        scanned-eng/ compared with <name>.outline.json (the title counts as the \
        first level-1 heading).

        Examples:
          diarium evaluate segment corpus
          diarium evaluate segment corpus --details --output /tmp/eval
          diarium evaluate segment samples
        """)

    @Argument(help: ArgumentHelp("The sample corpus folder.", valueName: "samples"))
    var samples: String = "samples"

    @Option(help: ArgumentHelp("Pipeline to evaluate. Default: the installed council.yaml (Pipelines/council.yaml in a checkout).", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Where to convert to (kept, so a second evaluation is quick). Default: a temporary folder.", valueName: "folder"))
    var output: String?

    @Flag(help: "List each tuning document's wrong fields, missed and extra headings, and lost words.")
    var details = false

    func run() throws {
        let pipelinePath = try DefaultPipeline.path(named: pipeline)
        let definition = try PipelineDefinition.load(from: URL(fileURLWithPath: pipelinePath))
        let folder = output.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("diarium-evaluate-\(getpid())")
        if StructureCorpus.isCorpus(URL(fileURLWithPath: samples)) {
            let results = try StructureCorpus(root: URL(fileURLWithPath: samples))
                .process(pipeline: definition, registry: Stages.registry, output: folder, jobs: ProcessInfo.processInfo.activeProcessorCount)
            guard !results.isEmpty else { throw RunError("no PDFs with truth found under \(samples)/pdf") }
            StructureReport.print(results, details: details)
            if output == nil { try? FileManager.default.removeItem(at: folder) }
            return
        }
        let results = try SampleCorpus(root: URL(fileURLWithPath: samples))
            .process(pipeline: definition, registry: Stages.registry, output: folder, jobs: ProcessInfo.processInfo.activeProcessorCount)
        guard !results.isEmpty else { throw RunError("no PDFs with ground truth found under \(samples)") }
        print("sample                                      precision  recall     F1   metadata")
        var allFieldsRight = 0, allFields = 0
        for sample in results {
            let score = SegmentationScore(document: sample.document, truth: sample.outline)
            let right = score.fields.count - score.wrongFields.count
            allFieldsRight += right
            allFields += score.fields.count
            print("\(sample.name.padding(toLength: 42, withPad: " ", startingAt: 0)) \(String(format: "%8.3f %8.3f %6.3f", score.precision, score.recall, score.f1))   \(right)/\(score.fields.count)")
            for field in score.wrongFields {
                print("    \(field.name): expected \(field.expected.isEmpty ? "(none)" : field.expected)")
                print("    \(String(repeating: " ", count: field.name.count))  found    \(field.found.isEmpty ? "(none)" : field.found)")
            }
        }
        print("metadata fields right: \(allFieldsRight)/\(allFields)")
        if output == nil { try? FileManager.default.removeItem(at: folder) }
    }
}
