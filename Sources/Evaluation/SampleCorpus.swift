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
        var samples: [Sample] = []
        for converted in try Self.convert(root, pipeline: pipeline, registry: registry, output: output, jobs: jobs) {
            guard converted.folder.map(folders.contains) == true else { continue }
            let outlineURL = root.appendingPathComponent("\(converted.stem).outline.json")
            let textURL = root.appendingPathComponent("\(converted.stem).txt")
            guard FileManager.default.fileExists(atPath: outlineURL.path), let document = converted.document else { continue }
            samples.append(Sample(name: converted.name, document: document, outline: try Outline.load(outlineURL),
                                  truthText: try String(contentsOf: textURL, encoding: .utf8)))
        }
        return samples
    }

    /// A document converted from a folder of a corpus: `folder/stem`, with its
    /// last stage's result (nil when a stage failed).
    struct Converted {
        var name: String
        var folder: String?
        var stem: String
        var document: Document?
    }

    /// Converts every PDF under `folder` with the pipeline, in name order.
    static func convert(_ folder: URL, pipeline: PipelineDefinition, registry: StageRegistry, output: URL, jobs: Int) throws -> [Converted] {
        let batch = Batch(inputs: [folder.path], outputFolder: output, pipeline: pipeline, jobs: jobs)
        let summary = try batch.run(registry: registry, logger: Logger(label: "evaluate"))
        let stages = try registry.configure(pipeline).map(\.id)
        let store = ArtifactStore(outputFolder: output)
        return summary.outcomes.sorted { $0.name < $1.name }.compactMap { outcome in
            let parts = outcome.name.split(separator: "/").map(String.init)
            guard parts.count <= 2, let stem = parts.last else { return nil }
            return Converted(name: outcome.name, folder: parts.count == 2 ? parts[0] : nil, stem: stem,
                             document: store.latest(stages: stages, document: outcome.name))
        }
    }
}
