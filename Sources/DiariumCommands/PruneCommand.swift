import ArgumentParser
import Emit
import Foundation
import PipelineCore

struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove outputs whose source is gone or whose format the pipeline no longer writes.",
        discussion: """
        Give the same inputs as to convert. An output (.xml, .json, .txt) whose \
        source is not among them any more is removed with its cached stage \
        results and journal rows; an output of a format the pipeline (the one \
        the folder's last run recorded, or --pipeline, or --formats) does not \
        write is removed. The run reports are kept. --dry-run lists what would go.

        Examples:
          diarium prune archive -o out --dry-run
          diarium prune archive -o out --formats xml,json
        """)

    @Argument(help: ArgumentHelp("The PDF files or folders the output folder is converted from.", valueName: "file-or-folder"))
    var inputs: [String] = []

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The output folder to prune.", valueName: "folder"))
    var output: String

    @Option(help: ArgumentHelp("Also the paths listed in this file, one a line (- reads standard input).", valueName: "list"))
    var filesFrom: String?

    @Option(help: ArgumentHelp("Pipeline whose emit formats are kept. Default: the one the folder's last run recorded.", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Formats to keep, comma-separated (instead of the pipeline's).", valueName: "list"),
            completion: .list(EmitStage.Format.allCases.map(\.rawValue)))
    var formats: String?

    @Flag(help: "List what would be removed, remove nothing.")
    var dryRun = false

    func validate() throws {
        guard !inputs.isEmpty || filesFrom != nil else { throw ValidationError("name the inputs the folder is converted from, or --files-from a list") }
        _ = try ConvertCommand.formats(formats)
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output)
        guard FileManager.default.fileExists(atPath: Journal.file(in: folder).path) else {
            throw RunError("\(output) is not an output folder of diarium convert (no .diarium/journal.sqlite)")
        }
        let listed = try ConvertCommand.listed(filesFrom, besides: inputs)
        let sources: [(url: URL, name: String, displayPath: String)]
        do { sources = try InputScanner.scan(inputs + listed) } catch let error as PipelineError { throw RunError(error.description) }
        let kept = try keptFormats()
        let plan = OutputPrune.plan(outputFolder: folder, documents: Set(sources.map(\.name)), formats: Set(kept.map(\.fileExtension)))
        for file in plan.files { print("\(dryRun ? "would remove" : "removed") \(file.path) (\(file.reason))") }
        for document in plan.goneDocuments { print("\(dryRun ? "would forget" : "forgot") the cache of \(document) (source gone)") }
        if !dryRun { try OutputPrune.apply(plan, outputFolder: folder) }
        print("\(plan.files.count) output\(plan.files.count == 1 ? "" : "s") and \(plan.goneDocuments.count) cached document\(plan.goneDocuments.count == 1 ? "" : "s") \(dryRun ? "to remove (dry run)" : "removed")")
    }

    private func keptFormats() throws -> [EmitStage.Format] {
        if let chosen = try ConvertCommand.formats(formats) { return chosen }
        let path = try DefaultPipeline.path(named: pipeline, output: output)
        let definition: PipelineDefinition
        do { definition = try PipelineDefinition.load(from: URL(fileURLWithPath: path)) } catch let error as PipelineError { throw RunError(error.description) }
        guard let emit = definition.stages.first(where: { $0.id == EmitStage.id }) else { return [] }
        let settings = (try? JSONSerialization.jsonObject(with: emit.settingsJSON)) as? [String: Any]
        guard let names = settings?["formats"] as? [String] else { return EmitStage.Settings().formats }
        return names.compactMap { EmitStage.Format(rawValue: $0.lowercased()) }
    }
}
