import ArgumentParser
import Foundation
import PipelineCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show, per stage, how many documents of an output folder are done, stale or failed.",
        discussion: """
        Read from <out>/.diarium/journal.sqlite. "stale" means done with other \
        settings or stage versions than the pipeline file has now: the next \
        `convert` redoes it. "interrupted" means a run stopped while the stage \
        was running: the next `convert` redoes it too.
        """)

    @Argument(help: ArgumentHelp("An output folder of `diarium convert`.", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("Pipeline to compare with. Default: the one the folder's last convert recorded, else the installed council.yaml.", valueName: "file"))
    var pipeline: String?

    @Flag(help: "List each failed document with its error.")
    var failures = false

    @Flag(help: "List each document: its stages' state, what the next convert would redo and why, and what the last run ran and reused.")
    var documents = false

    func run() throws {
        let pipelinePath = try DefaultPipeline.path(named: pipeline, output: output)
        let status: StatusReport
        do {
            let definition = try PipelineDefinition.load(from: URL(fileURLWithPath: pipelinePath))
            status = try StatusReport(outputFolder: URL(fileURLWithPath: output), stages: Stages.registry.configure(definition),
                                      perDocument: documents)
        } catch let error as PipelineError {
            throw RunError(error.description)
        }
        print("\(status.documents) documents in \(output), judged against the pipeline \(pipelinePath)")
        print("\("stage".padding(toLength: 10, withPad: " ", startingAt: 0)) \(pad("done")) \(pad("stale")) \(pad("failed")) \(pad("interrupted", width: 12))")
        for row in status.rows {
            print("\(row.stage.padding(toLength: 10, withPad: " ", startingAt: 0)) \(pad(row.done)) \(pad(row.stale)) \(pad(row.failed)) \(pad(row.interrupted, width: 12))")
        }
        if failures {
            for failure in status.failures { print("  \(failure.document) [\(failure.stage)]: \(failure.error)") }
        }
        for document in status.perDocument {
            print("\(Console.oneLine(document.document)) (\(Console.oneLine(document.source)))")
            print("  stages: " + document.stages.map { "\($0.stage) \(Console.oneLine($0.state))" }.joined(separator: ", "))
            print("  next convert: \(Console.oneLine(document.nextConvert))")
            if let last = document.lastRun {
                let ran = last.ran.isEmpty ? "nothing" : last.ran.joined(separator: ", ")
                let reused = last.reused.isEmpty ? "nothing" : last.reused.joined(separator: ", ")
                print("  last run (report.json): \(last.status); ran \(ran); reused \(reused)")
            }
        }
    }

    private func pad(_ value: Int, width: Int = 7) -> String {
        pad(String(value), width: width)
    }

    private func pad(_ text: String, width: Int = 7) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
