import ArgumentParser

public struct DiariumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "diarium",
        abstract: "Turn Swedish municipal council PDFs into structured, schema-valid XML, JSON and text.",
        discussion: """
        A batch pipeline: extract (text, fonts and positions through poppler) → \
        repair → segment → emit. Each stage's result is cached under <out>/.diarium, \
        so an interrupted batch resumes and an unchanged document is not redone.

        Start with:  diarium convert samples -o out
        """,
        subcommands: [ConvertCommand.self, StatusCommand.self, EvaluateCommand.self, ValidateCommand.self, StagesCommand.self, StageWorkerCommand.self])

    public init() {}
}
