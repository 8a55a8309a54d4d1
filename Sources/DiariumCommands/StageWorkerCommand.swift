import ArgumentParser
import DocumentModel
import Foundation
import Logging
import PipelineCore

/// The child side of `convert --isolate` (and of recovering documents a crashed
/// run left in flight): serves requests from its parent until its input ends, each
/// one line, a JSON array of a request id and a `StageRequest`'s arguments; for each
/// it runs one stage on one document and answers with a line
/// `<WorkerPool.replyMarker> <id> ok` or `… <id> error <message as a JSON string>`.
/// Stages are configured once per settings and kept, so dictionaries and models load
/// once per worker. Not for people; hidden from --help.
struct StageWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stage-worker", shouldDisplay: false)

    /// Megabytes of address space this process may take; a runaway allocation then fails here.
    @Option var memoryLimit: Int?
    /// The process that started this one: its work is pointless once that process is gone.
    @Option var parent: Int32

    func run() throws {
        guard ParentDeath.watch(expectedParent: parent) else { throw ExitCode(2) }
        StopSignals.ignoreInterruptInChild()
        if let memoryLimit, memoryLimit > 0 { ResourceLimit.capAddressSpace(megabytes: memoryLimit) }
        var stages: [String: ConfiguredStage] = [:]
        while let line = readLine() {
            guard let message = try? JSONDecoder().decode([String].self, from: Data(line.utf8)), let id = message.first else {
                FileHandle.standardError.write(Data("stage-worker: a request that is not a JSON list of strings\n".utf8))
                throw ExitCode(2)
            }
            let answer: String
            do {
                try StageRequest.parse(Array(message.dropFirst())).perform(stages: &stages)
                answer = "ok"
            } catch {
                let text = String(decoding: (try? JSONEncoder().encode("\(error)")) ?? Data("\"failed\"".utf8), as: UTF8.self)
                answer = "error \(text)"
            }
            // Unbuffered: the parent waits for this line. A parent gone takes the worker with it.
            guard (try? FileHandle.standardOutput.write(contentsOf: Data("\(WorkerPool.replyMarker) \(id) \(answer)\n".utf8))) != nil else {
                throw ExitCode(3)
            }
        }
    }
}

/// One stage on one document: a source stage on the file, any other on `--document`;
/// the result (a document, or an output stage's rendered files) is written as JSON to `--output`.
struct StageRequest: ParsableArguments {
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
    /// The pipeline the document goes through, for an output stage to name in the outputs.
    @Option var pipelineHash: String?
    /// The review decisions on this document, for the stage that applies them.
    @Option var decisions: String?

    func perform(stages: inout [String: ConfiguredStage]) throws {
        let key = stage + "\u{0}" + settings
        let configured = try stages[key] ?? Stages.registry.stage(stage, settingsJSON: Data(settings.utf8), origin: "worker")
        stages[key] = configured
        let source = SourceFile(url: URL(fileURLWithPath: input), name: name, displayPath: displayPath,
                                sha256: sha256, byteCount: byteCount)
        var context = StageContext(documentName: displayPath, logger: Logger(label: "worker"), sourceURL: URL(fileURLWithPath: input),
                                   pipelineHash: pipelineHash)
        if let decisions {
            context.decisions = try JSONDecoder().decode(DocumentDecisions.self, from: Data(contentsOf: URL(fileURLWithPath: decisions)))
        }
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
    }

    /// The document a transforming or output stage works on, from `--document`.
    private func inputDocument() throws -> Document {
        guard let document else { throw ValidationError("stage \(stage) needs --document") }
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: document)))
    }
}
