import ArgumentParser
import Evaluation
import Foundation
import PipelineCore

struct EvaluateSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Heading precision/recall and metadata accuracy over a sample corpus with ground truth.",
        discussion: """
        Converts every PDF under <samples>/born-digital and <samples>/scanned-eng \
        with the pipeline and compares the result with <samples>/<name>.outline.json: \
        headings by text and level, in order (the title counts as the first \
        level-1 heading), and each metadata field as a whole.

        Example:
          diarium evaluate segment samples
        """)

    @Argument(help: ArgumentHelp("The sample corpus folder.", valueName: "samples"))
    var samples: String = "samples"

    @Option(help: ArgumentHelp("Pipeline to evaluate. Default: Pipelines/council.yaml.", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Where to convert to (kept, so a second evaluation is quick). Default: a temporary folder.", valueName: "folder"))
    var output: String?

    func run() throws {
        guard let pipelinePath = pipeline ?? DefaultPipeline.locate() else {
            throw ValidationError("no --pipeline given and \(DefaultPipeline.relativePath) not found here")
        }
        let definition = try PipelineDefinition.load(from: URL(fileURLWithPath: pipelinePath))
        let folder = output.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("diarium-evaluate-\(getpid())")
        let results = try SampleCorpus(root: URL(fileURLWithPath: samples))
            .process(pipeline: definition, registry: Stages.registry, output: folder, jobs: ProcessInfo.processInfo.activeProcessorCount)
        guard !results.isEmpty else { throw ValidationError("no PDFs with ground truth found under \(samples)") }
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
