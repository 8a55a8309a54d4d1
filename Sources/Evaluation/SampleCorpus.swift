import DocumentModel
import Foundation
import Logging
import PipelineCore

/// Runs a pipeline over a sample corpus laid out as `samples/` is (PDFs in
/// sub-folders, ground truth `<name>.txt` and `<name>.outline.json` at the
/// top) and returns each PDF that has ground truth with its processed document.
public struct SampleCorpus: Sendable {
    public var root: URL
    public var folders: [String]

    public init(root: URL, folders: [String] = ["born-digital", "scanned-eng"]) {
        self.root = root
        self.folders = folders
    }

    public struct Sample: Sendable {
        /// `born-digital/utlatande-ks-2025-364`
        public var name: String
        public var document: Document
        public var outline: Outline
        public var truthText: String
    }

    public func process(pipeline: PipelineDefinition, registry: StageRegistry, output: URL, jobs: Int) throws -> [Sample] {
        // Converting from the corpus root mirrors the folder names in the document names.
        let batch = Batch(inputs: [root.path], outputFolder: output, pipeline: pipeline, jobs: jobs)
        let summary = try batch.run(registry: registry, logger: Logger(label: "evaluate"))
        let stages = try registry.configure(pipeline)
        let store = ArtifactStore(outputFolder: output)
        var samples: [Sample] = []
        for outcome in summary.outcomes.sorted(by: { $0.name < $1.name }) {
            let parts = outcome.name.split(separator: "/")
            guard parts.count == 2, folders.contains(String(parts[0])) else { continue }
            let stem = String(parts[1])
            let outlineURL = root.appendingPathComponent("\(stem).outline.json")
            let textURL = root.appendingPathComponent("\(stem).txt")
            guard FileManager.default.fileExists(atPath: outlineURL.path),
                  let document = store.latest(stages: stages.map(\.id), document: outcome.name)
            else { continue }
            samples.append(Sample(name: outcome.name, document: document, outline: try Outline.load(outlineURL),
                                  truthText: try String(contentsOf: textURL, encoding: .utf8)))
        }
        return samples
    }
}
