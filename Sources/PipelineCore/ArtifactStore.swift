import DocumentModel
import Foundation

/// The on-disk cache of stage artifacts under `<out>/.diarium/artifacts/`.
///
/// For each document and stage there is `<stage>.json` and `<stage>.key`
/// (`<cache key>\n<sha256 of the json>`). The json is either the whole
/// `Document` after that stage or, when the key file has a third line
/// `base <stage> <key>`, a `DocumentPatch` on that stage's result (most
/// stages change a small part of the document). The key file is written
/// last, so an artifact counts only once it is complete; on a hit the
/// artifact's hash, and its base's, are checked again before it is trusted.
public struct ArtifactStore: Sendable {
    public let root: URL
    private let scratch: URL

    public init(outputFolder: URL) {
        root = outputFolder.appendingPathComponent(".diarium/artifacts", isDirectory: true)
        scratch = ScratchFolder.forThisProcess(in: outputFolder)
    }

    func folder(for document: String) -> URL {
        root.appendingPathComponent(document, isDirectory: true)
    }

    private func keyFile(_ stage: String, _ document: String) -> URL {
        folder(for: document).appendingPathComponent("\(stage).key")
    }

    public func artifactFile(_ stage: String, _ document: String) -> URL {
        folder(for: document).appendingPathComponent("\(stage).json")
    }

    /// The recorded key and content hash of a stage's result, if any.
    func record(stage: String, document: String) -> (key: String, hash: String, extra: [String])? {
        guard let text = try? String(contentsOf: keyFile(stage, document), encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2 else { return nil }
        return (lines[0], lines[1], Array(lines.dropFirst(2)).filter { !$0.isEmpty })
    }

    private static func base(_ extra: [String]) -> (stage: String, key: String)? {
        guard let line = extra.first else { return nil }
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[0] == "base" else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    public func load(stage: String, document: String, key: String) -> Document? {
        guard let record = record(stage: stage, document: document), record.key == key,
              let data = try? Data(contentsOf: artifactFile(stage, document)),
              ContentHash.sha256(data) == record.hash
        else { return nil }
        guard let base = Self.base(record.extra) else {
            return try? JSONDecoder().decode(Document.self, from: data)
        }
        guard let patch = try? JSONDecoder().decode(DocumentPatch.self, from: data),
              let baseDocument = load(stage: base.stage, document: document, key: base.key)
        else { return nil }
        return patch.applied(to: baseDocument)
    }

    /// The document as the latest of `stages` that has an artifact left it,
    /// whatever its key (for reading results, not for caching).
    public func latest(stages: [String], document name: String) -> Document? {
        for stage in stages.reversed() {
            guard let record = record(stage: stage, document: name),
                  let document = load(stage: stage, document: name, key: record.key) else { continue }
            return document
        }
        return nil
    }

    /// Stores a stage's result: whole, or, given the stage's input and the
    /// stage and key it is cached under, as the changes made to it.
    public func save(_ document: Document, stage: String, name: String, key: String,
                     input: (document: Document, stage: String, key: String)? = nil) throws {
        // Keys come in declaration order, which is fixed. The model has no dictionaries.
        var data: Data
        var baseLine = ""
        if let input, let patch = DocumentPatch(document, base: input.document) {
            data = try DirectJSONEncoder().encode(patch)
            baseLine = "base \(input.stage) \(input.key)\n"
        } else {
            data = try DirectJSONEncoder().encode(document)
        }
        try AtomicFile.write(data, to: artifactFile(stage, name), scratch: scratch)
        try AtomicFile.write(Data("\(key)\n\(ContentHash.sha256(data))\n\(baseLine)".utf8), to: keyFile(stage, name),
                             scratch: scratch)
    }

    /// Records that an output stage wrote `files` (paths relative to the
    /// output folder) for `key`.
    public func recordOutputs(stage: String, document: String, key: String, files: [(path: String, sha256: String)]) throws {
        let lines = files.map { "\($0.sha256) \($0.path)" }
        let body = ([key, ContentHash.sha256(lines.joined(separator: "\n"))] + lines).joined(separator: "\n") + "\n"
        try AtomicFile.write(Data(body.utf8), to: keyFile(stage, document), scratch: scratch)
    }

    /// True when the outputs recorded for `key` are all on disk with the recorded content.
    public func outputsAreCurrent(stage: String, document: String, key: String, outputFolder: URL) -> Bool {
        guard let record = record(stage: stage, document: document), record.key == key, !record.extra.isEmpty else {
            return false
        }
        for line in record.extra {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2,
                  let data = try? Data(contentsOf: outputFolder.appendingPathComponent(parts[1])),
                  ContentHash.sha256(data) == parts[0]
            else { return false }
        }
        return true
    }
}
