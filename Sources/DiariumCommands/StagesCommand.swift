import ArgumentParser

struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages a pipeline file can name.")

    func run() {
        for (id, summary) in Stages.registry.summaries {
            print("\(id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(summary)")
        }
    }
}
