import ArgumentParser
import Emit
import Foundation
import Logging
import PipelineCore

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert PDFs (files or folders) into the pipeline's output formats.",
        discussion: """
        Folders are walked for *.pdf (any case) and their sub-folders mirrored \
        under the output folder: in/2025/a.pdf → <out>/2025/a.txt. Stage results \
        are cached in <out>/.diarium, so running the same command again only \
        redoes documents or stages whose input or settings changed, and a run \
        that was killed resumes where it stopped.

        A document that fails (not a PDF, encrypted, damaged, timed out) is \
        reported with its cause and the batch goes on; the exit status is 1 \
        when any failed. <out>/report.json summarises the run.

        Examples:
          diarium convert samples -o out
          diarium convert samples -o out --formats xml,json
          diarium convert archive -o out --jobs 2 --isolate --timeout 120
          diarium convert archive -o out --only repair      # re-run one stage from the cache
          diarium convert archive -o out --shard 2/8        # machine 2 of 8 on a shared tree
          find archive -name '*.pdf' -newer last-run | diarium convert --files-from - -o out
        """)

    @Argument(help: ArgumentHelp("PDF files or folders to convert.", valueName: "file-or-folder"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Also convert the files or folders listed in this file, one path a line (- reads standard input; blank lines and lines starting with # are skipped).", valueName: "list"))
    var filesFrom: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output folder (created if missing).", valueName: "folder"))
    var output: String

    @Option(help: ArgumentHelp("Pipeline definition (YAML). Default: the one the output folder's last run recorded (.diarium/pipeline.yaml), else the installed council.yaml (Pipelines/council.yaml in a checkout).", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Output formats, comma-separated: xml, json, txt, akn (Akoma Ntoso, <name>.akn.xml). Default: the emit stage's `formats` in the pipeline file.", valueName: "list"),
            completion: .list(EmitStage.Format.allCases.map(\.rawValue)))
    var formats: String?

    @Option(help: "Documents converted at once. Default: the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Redo every stage of every document, ignoring the cache.")
    var force = false

    @Option(help: ArgumentHelp("Redo this stage and the ones after it, from the cached result of the stage before.", valueName: "stage"),
            completion: .list(Stages.registry.summaries.map(\.id)))
    var from: String?

    @Option(help: ArgumentHelp("Redo only this stage, from the cached result of the stage before.", valueName: "stage"),
            completion: .list(Stages.registry.summaries.map(\.id)))
    var only: String?

    @Option(help: ArgumentHelp("Convert only shard K of N (e.g. 3/8): N processes or machines with the same inputs and output folder share the work without overlap.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Run each document's stages (extract, ocr, repair, segment, and emit's rendering; this process writes the files) in child processes, so a crash, a hang or a runaway allocation in poppler, Tesseract or Hunspell costs one document, not the batch.")
    var isolate = false

    @Option(help: ArgumentHelp("Seconds a document may take, all its stages together (OCR included): a child process (--isolate) is stopped then; in this process OCR gives up between and within pages, and no stage starts after it (repair and segment are not interrupted). A document that timed out is not tried again on the same file unless --retry-failed.", valueName: "seconds"))
    var timeout: Double = 300

    @Option(help: ArgumentHelp("In a child process: megabytes of memory (address space) it may take; 0 for no limit.", valueName: "MB"))
    var memoryLimit: Int = 8192

    @Flag(help: "Try again documents that crashed or hung in a child process in an earlier run (by default they are reported and skipped until their file changes).")
    var retryFailed = false

    @Flag(name: .shortAndLong, help: "Print only failures and the summary.")
    var quiet = false

    @Option(help: ArgumentHelp("How progress, failures and log events are written to standard error: text, or json (one object a line).", valueName: "format"),
            completion: .list(["text", "json"]))
    var logFormat = "text"

    @Flag(help: "Say what would be converted, redone or skipped, and why; convert nothing and write nothing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Log each stage as it runs.")
    var verbose = false

    func validate() throws {
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format takes text or json") }
        guard !inputs.isEmpty || filesFrom != nil else { throw ValidationError("name the PDFs or folders to convert, or --files-from a list of them") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard memoryLimit >= 0 else { throw ValidationError("--memory-limit must be 0 (no limit) or a number of megabytes") }
        guard [force, from != nil, only != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("use at most one of --force, --from and --only")
        }
        _ = try formatList()
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/8") }
    }

    func run() throws {
        let json = logFormat == "json"
        let logger = Console.logger(verbose: verbose, json: json)
        let pipelinePath = try DefaultPipeline.path(named: pipeline, output: output)
        if pipeline == nil, pipelinePath == DefaultPipeline.recorded(in: output).path, !quiet {
            logger.info("pipeline: the one recorded in \(pipelinePath) by the last run (name another with --pipeline)")
        }
        let outputFolder = URL(fileURLWithPath: output)
        let mode: RunMode = force ? .force : from.map(RunMode.from) ?? only.map(RunMode.only) ?? .incremental
        // Documents a crashed run left in flight are converted in children the next time, isolated or not.
        let children = ProcessIsolation(executable: Console.executable, timeout: timeout,
                                        scratchFolder: ScratchFolder.forThisProcess(in: outputFolder), memoryLimit: memoryLimit)
        let progress = Progress(quiet: quiet, json: json)
        let stop = StopSignals.install()
        let summary: Batch.Summary
        do {
            let definition = try PipelineDefinition.load(from: URL(fileURLWithPath: pipelinePath)).overridingFormats(try formatList())
            let given = inputs + (try listedInputs())
            // Nothing named exists: a mistyped path, not a batch with a failed document.
            if given.allSatisfy({ !FileManager.default.fileExists(atPath: $0) }) {
                throw RunError(given.map { "\($0): no such file or folder" }.joined(separator: "\n"))
            }
            if dryRun {
                let planned = try Batch(inputs: given, outputFolder: outputFolder, pipeline: definition, jobs: jobs,
                                        mode: mode, shard: shard.flatMap(Shard.init), retryFailed: retryFailed).plan(registry: Stages.registry)
                for (file, work) in planned { print("\(Console.oneLine(file)): \(Console.oneLine(work))") }
                let busy = planned.filter { $0.work != "up to date" }.count
                print("\(planned.count) documents: \(busy) with work to do, \(planned.count - busy) up to date (dry run: nothing was converted)")
                return
            }
            try OutputFolderCheck.ensureWritable(outputFolder)
            try DefaultPipeline.record(pipelinePath, in: output)
            CrashMark.install(outputFolder: outputFolder, shard: shard.flatMap(Shard.init))
            let batch = Batch(inputs: given, outputFolder: outputFolder,
                              pipeline: definition,
                              jobs: jobs, mode: mode, shard: shard.flatMap(Shard.init),
                              isolation: isolate ? children : nil, recovery: children, retryFailed: retryFailed, stop: stop, timeout: timeout)
            summary = try batch.run(registry: Stages.registry, logger: logger,
                                    started: progress.start, progress: progress.update)
        } catch let error as PipelineError {
            throw RunError(error.description)
        }
        progress.finish()
        if json {
            let counts = summary.report.documents
            JSONLines.write(["event": "summary", "output": output, "total": counts.total, "converted": counts.converted,
                             "upToDate": counts.upToDate, "failed": counts.failed, "pages": summary.report.pages,
                             "seconds": summary.report.seconds, "stopped": summary.report.stopped ?? NSNull()])
        } else {
            Console.summary(summary, outputFolder: output, recapFailures: !quiet)
        }
        if let reason = summary.report.stopped {
            FileHandle.standardError.write(Data("stopped by \(reason): \(summary.report.documents.notStarted ?? 0) documents not started; the same command goes on from here\n".utf8))
            throw ExitCode(StopSignals.exitStatus(for: reason))
        }
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}

extension ConvertCommand {
    /// The paths `--files-from` lists.
    func listedInputs() throws -> [String] {
        try Self.listed(filesFrom, besides: inputs)
    }

    /// The paths a `--files-from` list names (`-`: standard input).
    static func listed(_ filesFrom: String?, besides inputs: [String]) throws -> [String] {
        guard let filesFrom else { return [] }
        let data: Data?
        if filesFrom == "-" {
            do {
                data = try DescriptorReading.readToEnd(FileHandle.standardInput.fileDescriptor, what: "standard input")
            } catch {
                throw RunError("--files-from: \(error)")
            }
        } else {
            data = FileManager.default.contents(atPath: filesFrom)
        }
        guard let data else { throw RunError("--files-from: cannot read \(filesFrom)") }
        let text = String(decoding: data, as: UTF8.self)
        let paths = text.split(whereSeparator: \.isNewline).map { String($0) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        guard !paths.isEmpty || !inputs.isEmpty else { throw RunError("--files-from: \(filesFrom == "-" ? "standard input" : filesFrom) lists no files") }
        return paths
    }

    /// `--formats xml,json` as the emit stage's formats; nil keeps the pipeline's.
    func formatList() throws -> [EmitStage.Format]? {
        try Self.formats(formats)
    }

    /// `xml,json` as formats; nil for nil.
    static func formats(_ text: String?) throws -> [EmitStage.Format]? {
        guard let text else { return nil }
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let known = EmitStage.Format.allCases.map(\.rawValue).joined(separator: ", ")
        let list = try names.map { name in
            guard let format = EmitStage.Format(rawValue: name.lowercased()) else {
                throw ValidationError("--formats: unknown format '\(name)' (known: \(known))")
            }
            return format
        }
        guard !list.isEmpty else { throw ValidationError("--formats: name at least one of \(known)") }
        return list
    }
}

extension PipelineDefinition {
    /// The same pipeline with the emit stage's `formats` setting replaced.
    /// It changes the emit stage's cache key like an edit of the file would,
    /// so only emit re-runs, from the cached result of the stage before.
    func overridingFormats(_ formats: [EmitStage.Format]?) throws -> PipelineDefinition {
        guard let formats else { return self }
        guard let index = stages.firstIndex(where: { $0.id == EmitStage.id }) else {
            throw RunError("--formats: the pipeline \(origin) has no `\(EmitStage.id)` stage")
        }
        var settings = try JSONSerialization.jsonObject(with: stages[index].settingsJSON) as? [String: Any] ?? [:]
        settings["formats"] = formats.map(\.rawValue)
        var copy = self
        copy.stages[index].settingsJSON = try JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys])
        return copy
    }
}
