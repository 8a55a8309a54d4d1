import Foundation

/// What `diarium prune` removes from an output folder: outputs of documents
/// whose source is gone (with their cached stage results and journal rows),
/// and outputs of formats the pipeline no longer writes.
public enum OutputPrune {
    public struct File: Sendable, Equatable {
        /// Relative to the output folder.
        public var path: String
        public var reason: String
    }

    public struct Plan: Sendable {
        public var files: [File]
        /// Document names whose source is gone.
        public var goneDocuments: [String]
    }

    /// Longest first: `a.akn.xml` is document `a`'s Akoma Ntoso before it is document `a.akn`'s XML.
    static let outputExtensions = ["akn.xml", "xml", "json", "txt"]

    /// `documents`: the output names of the current inputs; `formats`: the extensions kept (`akn.xml`, `json`).
    public static func plan(outputFolder: URL, documents: Set<String>, formats: Set<String>) -> Plan {
        var files: [File] = []
        var gone = Set<String>()
        for file in OutputFolderFiles.list(in: outputFolder, extensions: ["xml", "json", "txt"]) ?? [] {
            let relative = file.relative
            if OutputFolderFiles.isRunReport(relative: relative) { continue }
            // Each reading of the name (`a.akn.xml`: `a` in akn, `a.akn` in xml); one whose document
            // is still an input wins, else the first.
            let readings = outputExtensions.filter { relative.lowercased().hasSuffix(".\($0)") }
                .map { (ext: $0, name: String(relative.dropLast($0.count + 1))) }
            guard let (ext, name) = readings.first(where: { documents.contains($0.name) }) ?? readings.first else { continue }
            if !documents.contains(name) {
                files.append(File(path: relative, reason: "source gone"))
                gone.insert(name)
            } else if !formats.contains(ext) {
                files.append(File(path: relative, reason: "format \(ext) not written by the pipeline"))
            }
        }
        // Cached documents without outputs (failed ones) whose source is gone too.
        let store = ArtifactStore(outputFolder: outputFolder)
        for name in store.documentNames() where !documents.contains(name) { gone.insert(name) }
        return Plan(files: files.sorted { $0.path < $1.path }, goneDocuments: gone.sorted())
    }

    public static func apply(_ plan: Plan, outputFolder: URL) throws {
        for file in plan.files {
            let url = outputFolder.appendingPathComponent(file.path)
            try FileManager.default.removeItem(at: url)
            // Sub-folders left empty go too, up to the output folder.
            var folder = url.deletingLastPathComponent()
            while folder.standardizedFileURL.path.count > outputFolder.standardizedFileURL.path.count,
                  (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        let store = ArtifactStore(outputFolder: outputFolder)
        for name in plan.goneDocuments { try store.forget(document: name) }
        try Journal(outputFolder: outputFolder).forget(documents: plan.goneDocuments)
    }
}
