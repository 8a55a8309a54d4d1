import DocumentModel
import Foundation
import Logging
import PipelineCore

/// Runs a pipeline over the structure corpus (`corpus/pdf/<path>/<id>.pdf`
/// with `corpus/truth/<id>.json` and `corpus/split.json`) and scores each
/// converted PDF against its truth.
public struct StructureCorpus: Sendable {
    public var root: URL

    public init(root: URL) {
        self.root = root
    }

    public static func isCorpus(_ root: URL) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("truth").path)
            && FileManager.default.fileExists(atPath: root.appendingPathComponent("pdf").path)
    }

    public struct Result: Sendable {
        /// The production path: `word`, `html`, `typeset`, `scan`.
        public var path: String
        public var id: String
        public var part: CorpusSplit.Part
        public var type: String
        public var score: StructureScore
    }

    public func process(pipeline: PipelineDefinition, registry: StageRegistry, output: URL, jobs: Int) throws -> [Result] {
        let split = try CorpusSplit.load(root.appendingPathComponent("split.json"))
        var results: [Result] = []
        let converted = try SampleCorpus.convert(root.appendingPathComponent("pdf"), pipeline: pipeline, registry: registry,
                                                 output: output, jobs: jobs)
        for document in converted {
            guard let path = document.folder else { continue }
            let truthURL = root.appendingPathComponent("truth/\(document.stem).json")
            guard FileManager.default.fileExists(atPath: truthURL.path) else { continue }
            let truth = try StructureTruth.load(truthURL)
            guard let part = split.part(of: truth.organisation) else { continue }
            let text = (try? String(contentsOf: output.appendingPathComponent("\(document.name).txt"), encoding: .utf8)) ?? ""
            // A document that failed scores as an empty one: nothing found, every word lost.
            let segmented = document.document
                ?? Document(source: SourceInfo(file: document.name, sha256: "", byteCount: 0), info: PDFInfo(pageCount: 0),
                            pages: [], blocks: [])
            results.append(Result(path: path, id: document.stem, part: part, type: truth.type,
                                  score: StructureScore(document: segmented, publishedText: text, truth: truth)))
        }
        return results
    }
}
