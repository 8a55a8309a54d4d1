import Foundation

/// Writes files so that a reader (or a run killed half-way) sees either the
/// old content or the new, never a half-written file: the bytes go to a
/// temporary file that is then renamed over the target, which POSIX makes
/// atomic within one file system.
///
/// There is no fsync per file: a killed process loses nothing the kernel
/// already holds, and after a power cut every reused artifact is checked
/// against the hash recorded for it and every output against its recorded
/// size and times (then its hash), so a file the disk lost is redone, not trusted. `flushToDisk()` makes a finished run durable at once.
public enum AtomicFile {
    /// `scratch` holds the temporary file, in a folder of the calling
    /// thread's; it must be on the target's file system. Without it, the
    /// temporary file sits beside the target.
    public static func write(_ data: Data, to url: URL, scratch: URL? = nil) throws {
        // A folder per thread: workers creating and renaming files in one
        // folder take turns on its lock in the kernel.
        let temporaryFolder = scratch.map { $0.appendingPathComponent(String(pthread_self()), isDirectory: true) }
            ?? url.deletingLastPathComponent()
        let temporary = temporaryFolder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT {
            try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw failure(temporary, "cannot create") }
        var written = 0
        let complete = data.withUnsafeBytes { bytes -> Bool in
            while written < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
        let writeError = complete ? nil : failure(temporary, "cannot write")
        guard close(descriptor) == 0, writeError == nil else {
            unlink(temporary)
            throw writeError ?? failure(temporary, "cannot write")
        }
        var renamed = rename(temporary, url.path) == 0
        if !renamed, errno == ENOENT {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            renamed = rename(temporary, url.path) == 0
        }
        guard renamed else {
            let error = failure(url.path, "cannot rename the finished file into place")
            unlink(temporary)
            throw error
        }
    }

    /// Asks the kernel to put everything written so far on disk (once, at
    /// the end of a run, instead of once per file).
    public static func flushToDisk() {
        sync()
    }

    private static func failure(_ path: String, _ what: String) -> CocoaError {
        let code = errno
        // The POSIX error goes along so a caller can tell a full or read-only disk from other causes.
        return CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: path,
            NSLocalizedDescriptionKey: "\(what) \(path): \(String(cString: strerror(code)))",
            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
        ])
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
