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

    func run() throws {
        let pipelinePath = try DefaultPipeline.path(named: pipeline, output: output)
        let status: StatusReport
        do {
            let definition = try PipelineDefinition.load(from: URL(fileURLWithPath: pipelinePath))
            status = try StatusReport(outputFolder: URL(fileURLWithPath: output), stages: Stages.registry.configure(definition))
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
    }

    private func pad(_ value: Int, width: Int = 7) -> String {
        pad(String(value), width: width)
    }

    private func pad(_ text: String, width: Int = 7) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
