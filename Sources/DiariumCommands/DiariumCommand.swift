import ArgumentParser
import Installation

public struct DiariumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "diarium",
        abstract: "Turn Swedish municipal council PDFs into structured, schema-valid XML, JSON and text.",
        discussion: """
        A batch pipeline: extract (text, fonts and positions through poppler) → \
        ocr (Tesseract, for pages without text) → repair (Swedish OCR damage) → \
        segment (metadata and sections) → emit (XML, JSON, text). Each stage's \
        result is cached under <out>/.diarium, so an interrupted batch resumes \
        and an unchanged document is not redone.

        Start with:
          diarium convert samples -o out
          diarium validate out
          diarium status out
          diarium export out --csv tables
          diarium search out nämnd
          diarium review out --serve

        Exit status: 0 every document converted (validate: every file valid); \
        1 some documents failed, each reported with its file and cause, the \
        others converted (validate: some file invalid); 2 nothing was done: a \
        usage mistake or a configuration problem (no pipeline, a missing input, \
        a broken pipeline file).
        """,
        version: "diarium \(InstalledFiles.versionDescription)",
        subcommands: [ConvertCommand.self, StatusCommand.self, EvaluateCommand.self, ValidateCommand.self, PruneCommand.self, ExportCommand.self, SearchCommand.self, ReviewCommand.self, StagesCommand.self, StageWorkerCommand.self])

    public init() {}
}
