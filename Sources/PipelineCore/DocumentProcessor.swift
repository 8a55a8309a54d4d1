import DocumentModel
import Foundation
import Logging

/// What happened to one document in a run.
public struct DocumentOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// At least one stage ran.
        case converted
        /// Every output was already current; nothing ran.
        case upToDate
        case failed(stage: String, message: String)
    }

    public var name: String
    public var displayPath: String
    public var status: Status
    public var pages: Int
    public var outputs: [String]
    /// Seconds spent per stage that ran (cached stages are absent).
    public var stageSeconds: [String: Double]
    public var diagnostics: [Diagnostic]

    public var failed: Bool {
        if case .failed = status { return true }
        return false
    }
}

/// Runs a pipeline's stages on one document, taking every stage result that
/// is already cached for the same input, stage version and settings.
public struct DocumentProcessor: Sendable {
    public var stages: [ConfiguredStage]
    public var outputFolder: URL
    public var store: ArtifactStore
    public var logger: Logger

    public init(stages: [ConfiguredStage], outputFolder: URL, logger: Logger) {
        self.stages = stages
        self.outputFolder = outputFolder
        self.store = ArtifactStore(outputFolder: outputFolder)
        self.logger = logger
    }

    public func process(url: URL, name: String, displayPath: String) -> DocumentOutcome {
        var outcome = DocumentOutcome(name: name, displayPath: displayPath, status: .converted,
                                      pages: 0, outputs: [], stageSeconds: [:], diagnostics: [])
        let hashed: (hash: String, byteCount: Int)
        do {
            hashed = try ContentHash.sha256(fileAt: url)
        } catch {
            outcome.status = .failed(stage: "read", message: "\(displayPath): cannot read: \(error.localizedDescription)")
            return outcome
        }
        let source = SourceFile(url: url, name: name, displayPath: displayPath,
                                sha256: hashed.hash, byteCount: hashed.byteCount)
        var keys: [String] = []
        for stage in stages { keys.append(stage.key(input: keys.last ?? source.sha256)) }

        if case .output = stages.last?.work,
           store.outputsAreCurrent(stage: stages[stages.count - 1].id, document: name, key: keys[keys.count - 1],
                                   outputFolder: outputFolder) {
            outcome.status = .upToDate
            return outcome
        }

        // Resume after the latest stage whose artifact is intact.
        var document: Document?
        var start = 0
        for index in stride(from: stages.count - 1, through: 0, by: -1) {
            if case .output = stages[index].work { continue }
            if store.hasArtifact(stage: stages[index].id, document: name, key: keys[index]),
               let cached = store.load(stage: stages[index].id, document: name, key: keys[index]) {
                document = cached
                start = index + 1
                break
            }
        }

        let context = StageContext(documentName: displayPath, logger: logger)
        for index in start..<stages.count {
            let stage = stages[index]
            let began = DispatchTime.now().uptimeNanoseconds
            do {
                switch stage.work {
                case .source(let run):
                    document = try run(source, context)
                case .transform(let run):
                    guard let input = document else { throw missingInput(stage) }
                    document = try run(input, context)
                case .output(let render):
                    guard let input = document else { throw missingInput(stage) }
                    outcome.outputs = try write(render(input, context), name: name, stage: stage.id, key: keys[index])
                }
                if case .output = stage.work {} else if let document {
                    try store.save(document, stage: stage.id, name: name, key: keys[index])
                }
            } catch {
                outcome.status = .failed(stage: stage.id, message: "\(error)")
                return outcome
            }
            outcome.stageSeconds[stage.id] = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        }
        outcome.pages = document?.info.pageCount ?? 0
        outcome.diagnostics = document?.diagnostics ?? []
        return outcome
    }

    private func missingInput(_ stage: ConfiguredStage) -> StageError {
        StageError(stage: stage.id, document: "", message: "no input document: a source stage must run first")
    }

    private func write(_ outputs: [RenderedOutput], name: String, stage: String, key: String) throws -> [String] {
        var written: [(path: String, sha256: String)] = []
        for output in outputs {
            let relative = "\(name).\(output.fileExtension)"
            try AtomicFile.write(output.data, to: outputFolder.appendingPathComponent(relative))
            written.append((relative, ContentHash.sha256(output.data)))
        }
        try store.recordOutputs(stage: stage, document: name, key: key, files: written)
        return written.map(\.path)
    }
}
