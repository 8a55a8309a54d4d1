import ArgumentParser
import Foundation
import Validate

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check XML, JSON and Akoma Ntoso outputs against their published schemas.",
        discussion: """
        Every .xml file is validated against diarium-1.xsd through libxml2 \
        (no network, no DTDs, no entity expansion) and every .json file against \
        diarium-1.schema.json (JSON Schema 2020-12); every .akn.xml file (Akoma \
        Ntoso) against the official OASIS schema akomantoso30.xsd, compiled once \
        per run. Folders are walked for all three, skipping hidden folders such \
        as the .diarium cache. The schemas are the copies bundled with diarium, \
        the same files as Schemas/ in the repository.

        Each failure is printed as file[:line]: path: rule: message, with an \
        XPath-like path for XML and a JSON pointer for JSON. The exit status is \
        1 when any file is invalid or malformed.

        Examples:
          diarium validate out
          diarium validate out/a.xml out/a.json
          diarium validate out --schemas Schemas
        """)

    @Argument(help: ArgumentHelp(".xml/.akn.xml/.json files or folders of them.", valueName: "file-or-folder"))
    var inputs: [String]

    @Option(help: ArgumentHelp("Folder with diarium-1.xsd and diarium-1.schema.json (and akomantoso30.xsd with xml.xsd, for .akn.xml) to use instead of the bundled copies.", valueName: "folder"))
    var schemas: String?

    @Flag(name: .shortAndLong, help: "Print only failures and the summary.")
    var quiet = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("name at least one file or folder") }
    }

    func run() throws {
        let files: [InputFile]
        let validator: OutputValidator
        do {
            files = try InputFile.collect(inputs)
            validator = try OutputValidator(schemas: schemas.map { .folder(URL(fileURLWithPath: $0)) } ?? .bundled)
        } catch {
            throw RunError(error.message)
        }
        let report = validator.validate(files)
        for file in report.files {
            if file.isValid {
                if !quiet { Self.write("\(file.file): valid\n", to: .standardOutput) }
            } else {
                let lines = file.failures.map(\.description).joined(separator: "\n")
                Self.write(lines + "\n", to: .standardError)
            }
        }
        let count = report.files.count
        Self.write("\(count) file\(count == 1 ? "" : "s") checked: \(count - report.invalidCount) valid, \(report.invalidCount) invalid (\(report.failures.count) failure\(report.failures.count == 1 ? "" : "s"))\n", to: .standardOutput)
        if !report.isValid { throw ExitCode(1) }
    }

    /// Unbuffered on both streams, so valid and invalid files stay in order
    /// when both go to one terminal or log.
    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
