import DocumentModel
import Foundation

/// The on-disk cache of stage artifacts under `<out>/.diarium/artifacts/`.
///
/// For each document and stage there is one file, `<stage>.artifact`: a
/// header of lines (`<cache key>`, `<sha256 of the body>`, and for a patch
/// `base <stage> <key>`), an empty line, then the JSON body. The body is
/// either the whole `Document` after that stage or a `DocumentPatch` on the
/// named base stage's result (most stages change a small part of the
/// document). The file is renamed into place whole, so it is either
/// complete or absent; on a hit the body's hash, and its base's, are
/// checked again before it is trusted. Output stages record what they wrote
/// in `<stage>.key` (`<cache key>`, a hash, then a `<sha256> <stamp> <path>`
/// line per file).
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

    /// Every document with cached results (names may hold `/`, as sub-folders do).
    public func documentNames() -> [String] {
        var names = Set<String>()
        let base = root.standardizedFileURL.path
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard ["key", "artifact"].contains(url.pathExtension) else { continue }
            let folder = url.deletingLastPathComponent().standardizedFileURL.path
            guard folder.count > base.count else { continue }
            names.insert(String(folder.dropFirst(base.count + 1)))
        }
        return names.sorted()
    }

    /// Removes a document's cached results (its files only: a sub-folder
    /// holds another document's).
    public func forget(document: String) throws {
        let folder = folder(for: document)
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isRegularFileKey])) ?? []
        for file in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            try FileManager.default.removeItem(at: file)
        }
        if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    private func keyFile(_ stage: String, _ document: String) -> URL {
        folder(for: document).appendingPathComponent("\(stage).key")
    }

    public func artifactFile(_ stage: String, _ document: String) -> URL {
        folder(for: document).appendingPathComponent("\(stage).artifact")
    }

    /// The recorded key and hash of an output stage's files, and their lines.
    func record(stage: String, document: String) -> (key: String, hash: String, extra: [String])? {
        guard let text = try? String(contentsOf: keyFile(stage, document), encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2 else { return nil }
        return (lines[0], lines[1], Array(lines.dropFirst(2)).filter { !$0.isEmpty })
    }

    private struct Artifact {
        var key: String
        var base: (stage: String, key: String)?
        var body: Data
    }

    /// Reads an artifact whose body matches its recorded hash.
    private func artifact(stage: String, document: String) -> Artifact? {
        guard let data = try? Data(contentsOf: artifactFile(stage, document)),
              let end = data.firstRange(of: Data("\n\n".utf8))
        else { return nil }
        let header = String(decoding: data[..<end.lowerBound], as: UTF8.self).split(separator: "\n").map(String.init)
        let body = Data(data[end.upperBound...])
        guard header.count >= 2, ContentHash.sha256(body) == header[1] else { return nil }
        var base: (String, String)?
        if header.count >= 3 {
            let parts = header[2].split(separator: " ")
            guard parts.count == 3, parts[0] == "base" else { return nil }
            base = (String(parts[1]), String(parts[2]))
        }
        return Artifact(key: header[0], base: base, body: body)
    }

    public func load(stage: String, document: String, key: String) -> Document? {
        guard let artifact = artifact(stage: stage, document: document), artifact.key == key else { return nil }
        return resolve(artifact, document: document)
    }

    private func resolve(_ artifact: Artifact, document: String) -> Document? {
        guard let base = artifact.base else {
            return try? JSONDecoder().decode(Document.self, from: artifact.body)
        }
        guard let patch = try? JSONDecoder().decode(DocumentPatch.self, from: artifact.body),
              let baseDocument = load(stage: base.stage, document: document, key: base.key)
        else { return nil }
        return patch.applied(to: baseDocument)
    }

    /// The document as the latest of `stages` that has an artifact left it,
    /// whatever its key (for reading results, not for caching).
    public func latest(stages: [String], document name: String) -> Document? {
        for stage in stages.reversed() {
            guard let artifact = artifact(stage: stage, document: name),
                  let document = resolve(artifact, document: name) else { continue }
            return document
        }
        return nil
    }

    /// Stores a stage's result: whole, or, given the stage's input and the
    /// stage and key it is cached under, as the changes made to it.
    public func save(_ document: Document, stage: String, name: String, key: String,
                     input: (document: Document, stage: String, key: String)? = nil) throws {
        // Keys come in declaration order, which is fixed. The model has no dictionaries.
        let body: Data
        var baseLine = ""
        if let input, let patch = DocumentPatch(document, base: input.document) {
            body = try DirectJSONEncoder().encode(patch)
            baseLine = "base \(input.stage) \(input.key)\n"
        } else {
            body = try DirectJSONEncoder().encode(document)
        }
        let header = Data("\(key)\n\(ContentHash.sha256(body))\n\(baseLine)\n".utf8)
        try AtomicFile.write(header + body, to: artifactFile(stage, name), scratch: scratch)
    }

    /// One written output in an output stage's record: its hash, its stamp
    /// just after it was written, and its path relative to the output folder.
    public struct RecordedOutput: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var stamp: FileStamp?

        public init(path: String, sha256: String, stamp: FileStamp?) {
            self.path = path
            self.sha256 = sha256
            self.stamp = stamp
        }

        /// `<sha256> <stamp or -> <path>`; records from before stamps were kept
        /// read as `<sha256> <path>` and are checked by content.
        init?(line: String) {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2 else { return nil }
            sha256 = parts[0]
            if parts.count == 3, parts[1] == "-" || FileStamp(parts[1]) != nil {
                stamp = FileStamp(parts[1])
                path = parts[2]
            } else {
                stamp = nil
                path = String(line.dropFirst(parts[0].count + 1))
            }
        }

        var line: String { "\(sha256) \(stamp?.description ?? "-") \(path)" }
    }

    /// Records that an output stage wrote `files` for `key`.
    public func recordOutputs(stage: String, document: String, key: String, files: [RecordedOutput]) throws {
        let lines = files.map(\.line)
        let body = ([key, ContentHash.sha256(lines.joined(separator: "\n"))] + lines).joined(separator: "\n") + "\n"
        try AtomicFile.write(Data(body.utf8), to: keyFile(stage, document), scratch: scratch)
    }

    /// True when the outputs recorded for `key` are all on disk with the
    /// recorded content: a file with the stamp it had when written is not
    /// read again; any other is hashed.
    public func outputsAreCurrent(stage: String, document: String, key: String, outputFolder: URL) -> Bool {
        guard let record = record(stage: stage, document: document), record.key == key, !record.extra.isEmpty else {
            return false
        }
        for line in record.extra {
            guard let output = RecordedOutput(line: line) else { return false }
            let url = outputFolder.appendingPathComponent(output.path)
            if let stamp = output.stamp, stamp == FileStamp(path: url.path) { continue }
            guard let data = try? Data(contentsOf: url), ContentHash.sha256(data) == output.sha256 else { return false }
        }
        return true
    }
}
