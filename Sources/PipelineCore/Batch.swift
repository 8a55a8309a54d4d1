import DocumentModel
import Foundation
import Logging

/// A whole run: scan the inputs, configure the pipeline, convert every
/// document on `jobs` workers, and summarise.
public struct Batch: Sendable {
    public var inputs: [String]
    public var outputFolder: URL
    public var pipeline: PipelineDefinition
    public var jobs: Int

    public init(inputs: [String], outputFolder: URL, pipeline: PipelineDefinition, jobs: Int) {
        self.inputs = inputs
        self.outputFolder = outputFolder
        self.pipeline = pipeline
        self.jobs = jobs
    }

    public struct Summary: Sendable {
        public var outcomes: [DocumentOutcome]
        public var seconds: Double

        public var failures: [DocumentOutcome] { outcomes.filter(\.failed) }
        public var converted: Int { outcomes.filter { $0.status == .converted }.count }
        public var upToDate: Int { outcomes.filter { $0.status == .upToDate }.count }
        public var pages: Int { outcomes.reduce(0) { $0 + $1.pages } }
    }

    /// `progress` is called on one serial queue, once per finished document,
    /// with the count finished so far and the total.
    public func run(registry: StageRegistry, logger: Logger,
                    progress: @escaping @Sendable (DocumentOutcome, Int, Int) -> Void = { _, _, _ in }) throws -> Summary {
        let stages = try registry.configure(pipeline)
        let documents = try InputScanner.scan(inputs)
        try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        let processor = DocumentProcessor(stages: stages, outputFolder: outputFolder, logger: logger)
        let began = DispatchTime.now().uptimeNanoseconds
        let finished = Counter()
        let total = documents.count
        let outcomes = BatchRunner.run(documents, jobs: jobs, work: { document in
            processor.process(url: document.url, name: document.name, displayPath: document.displayPath)
        }, onResult: { _, outcome in
            progress(outcome, finished.increment(), total)
        })
        return Summary(outcomes: outcomes, seconds: Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
    }
}

/// Only touched from the batch's serial reporting queue; the lock makes that
/// safe to rely on without knowing it.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
