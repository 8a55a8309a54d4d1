import ArgumentParser
import DocumentModel
import Foundation
import Logging
import PipelineCore

/// The child side of `convert --isolate`: runs one stage on one document
/// (a source stage on the file, any other on `--document`) and writes the
/// resulting document as JSON, or for an output stage the rendered files as
/// a JSON list for the parent to write. Not for people; hidden from --help.
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
    /// The input document, for a stage that transforms one.
    @Option var document: String?
    /// The review decisions on this document, for the stage that applies them.
    @Option var decisions: String?
    /// Megabytes of address space this process may take; a runaway allocation then fails here.
    @Option var memoryLimit: Int?
    /// The process that started this one: its work is pointless once that process is gone.
    @Option var parent: Int32?

    func run() throws {
        guard ParentDeath.dieWithParent(expectedParent: parent) else { throw ExitCode(2) }
        StopSignals.ignoreInterruptInChild()
        if let memoryLimit, memoryLimit > 0 { ResourceLimit.capAddressSpace(megabytes: memoryLimit) }
        let configured = try Stages.registry.stage(stage, settingsJSON: Data(settings.utf8), origin: "worker")
        let source = SourceFile(url: URL(fileURLWithPath: input), name: name, displayPath: displayPath,
                                sha256: sha256, byteCount: byteCount)
        var context = StageContext(documentName: displayPath, logger: Logger(label: "worker"), sourceURL: URL(fileURLWithPath: input))
        if let decisions {
            context.decisions = try JSONDecoder().decode(DocumentDecisions.self, from: Data(contentsOf: URL(fileURLWithPath: decisions)))
        }
        do {
            let result: Data
            switch configured.work {
            case .source(let work):
                result = try DirectJSONEncoder().encode(try work(source, context))
            case .transform(let work):
                result = try DirectJSONEncoder().encode(try work(try inputDocument(), context))
            case .output(let render):
                result = try JSONEncoder().encode(try render(try inputDocument(), context))
            }
            try result.write(to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// The document a transforming or output stage works on, from `--document`.
    private func inputDocument() throws -> Document {
        guard let document else { throw ValidationError("stage \(stage) needs --document") }
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: document)))
    }
}
