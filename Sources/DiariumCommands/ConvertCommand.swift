import ArgumentParser
import Foundation
import Logging
import PipelineCore

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert PDFs (files or folders) into the pipeline's output formats.",
        discussion: """
        Folders are walked for *.pdf (any case) and their sub-folders mirrored \
        under the output folder: samples/a/b.pdf → <out>/a/b.txt. Stage results \
        are cached in <out>/.diarium, so running the same command again only \
        redoes documents or stages whose input or settings changed.

        A document that fails (not a PDF, encrypted, damaged) is reported with \
        its cause and the batch goes on; the exit status is 1 when any failed.

        Examples:
          diarium convert samples -o out
          diarium convert archive/2025 -o out --jobs 2 --pipeline Pipelines/council.yaml
        """)

    @Argument(help: ArgumentHelp("PDF files or folders to convert.", valueName: "file-or-folder"))
    var inputs: [String]

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output folder (created if missing).", valueName: "folder"))
    var output: String

    @Option(help: ArgumentHelp("Pipeline definition (YAML). Default: Pipelines/council.yaml.", valueName: "file"))
    var pipeline: String?

    @Option(help: "Documents converted at once. Default: the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .shortAndLong, help: "Print only failures and the summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log each stage as it runs.")
    var verbose = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !inputs.isEmpty else { throw ValidationError("name at least one PDF file or folder") }
    }

    func run() throws {
        let logger = Console.logger(verbose: verbose)
        guard let pipelinePath = pipeline ?? DefaultPipeline.locate() else {
            throw ValidationError("no --pipeline given and \(DefaultPipeline.relativePath) not found here")
        }
        let batch: Batch
        let summary: Batch.Summary
        do {
            batch = Batch(inputs: inputs, outputFolder: URL(fileURLWithPath: output),
                          pipeline: try PipelineDefinition.load(from: URL(fileURLWithPath: pipelinePath)), jobs: jobs)
            let quiet = self.quiet
            summary = try batch.run(registry: Stages.registry, logger: logger) { outcome, done, total in
                if !quiet || outcome.failed { Console.progress(outcome, done: done, total: total) }
            }
        } catch let error as PipelineError {
            throw ValidationError(error.description)
        }
        Console.summary(summary, outputFolder: output)
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}
