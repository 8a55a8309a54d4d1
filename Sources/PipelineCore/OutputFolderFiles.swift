import Foundation

/// The files `convert` wrote into an output folder, for the commands that
/// read them back (`prune`, `export`).
public enum OutputFolderFiles {
    public struct File: Sendable {
        public var url: URL
        /// Relative to the output folder: `2025/a.json`.
        public var relative: String
    }

    /// The regular files under `folder` whose extension (lower-cased) is one of
    /// `extensions`, in path order; hidden folders (the `.diarium` cache) are
    /// skipped. Nil when the folder cannot be read.
    public static func list(in folder: URL, extensions: Set<String>) -> [File]? {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys,
                                                          options: [.skipsHiddenFiles]) else { return nil }
        let root = folder.standardizedFileURL.path
        var files: [File] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
            guard (try? url.resourceValues(forKeys: Set(keys)))?.isRegularFile == true else { continue }
            files.append(File(url: url, relative: String(url.standardizedFileURL.path.dropFirst(root.count).drop { $0 == "/" })))
        }
        return files.sorted { $0.relative < $1.relative }
    }

    /// A run's report (`report.*`, `report-shard-K-of-N.*` at the top of the
    /// folder), never a document's output: `convert` names a source that would
    /// take such a name otherwise.
    public static func isRunReport(relative: String) -> Bool {
        guard !relative.contains("/") else { return false }
        let name = (relative as NSString).deletingPathExtension
        return name == "report" || name.hasPrefix("report-shard-")
    }
}
