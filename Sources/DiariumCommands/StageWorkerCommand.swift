import ArgumentParser
import Foundation
import Logging
import PipelineCore

/// The child side of `convert --isolate`: runs one source stage on one file
/// and writes the document as JSON. Not for people; hidden from --help.
struct StageWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stage-worker", shouldDisplay: false)

    @Option var stage: String
    @Option var settings: String
    @Option var input: String
    @Option var name: String
    @Option var displayPath: String
    @Option var sha256: String
    @Option var byteCount: Int
    @Option var output: String

    func run() throws {
        let configured = try Stages.registry.stage(stage, settingsJSON: Data(settings.utf8), origin: "worker")
        guard case .source(let work) = configured.work else {
            throw ValidationError("stage \(stage) does not read input files")
        }
        let source = SourceFile(url: URL(fileURLWithPath: input), name: name, displayPath: displayPath,
                                sha256: sha256, byteCount: byteCount)
        do {
            let document = try work(source, StageContext(documentName: displayPath, logger: Logger(label: "worker"), sourceURL: URL(fileURLWithPath: input)))
            try DirectJSONEncoder().encode(document).write(to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
