import Foundation

/// Writes files so that a reader (or a run killed half-way) sees either the
/// old content or the new, never a half-written file: the bytes go to a
/// temporary file, are flushed to disk, then renamed over the target, which
/// POSIX makes atomic within one file system.
public enum AtomicFile {
    /// `scratch` holds the temporary file; it must be on the target's file
    /// system. Without it, the temporary file sits beside the target.
    public static func write(_ data: Data, to url: URL, scratch: URL? = nil) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporaryFolder = scratch ?? folder
        if scratch != nil { try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true) }
        let temporary = temporaryFolder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "rename failed: \(String(cString: strerror(errno)))",
                ])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// Per-process scratch folders under `<out>/.diarium/tmp/<pid>`: temporary
/// files of a run killed with `kill -9` stay there, out of the output tree,
/// and the next run removes the folders of processes that are gone (shards
/// running at the same time keep theirs).
public enum ScratchFolder {
    public static func forThisProcess(in outputFolder: URL) -> URL {
        root(outputFolder).appendingPathComponent(String(getpid()), isDirectory: true)
    }

    public static func removeAbandoned(in outputFolder: URL) {
        let root = root(outputFolder)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return }
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
        }
    }

    private static func root(_ outputFolder: URL) -> URL {
        outputFolder.appendingPathComponent(".diarium/tmp", isDirectory: true)
    }
}
