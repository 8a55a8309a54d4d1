import Foundation

/// Checks before a run that its output folder takes writes: a read-only or
/// full disk found half-way would fail every document for a cause that is
/// not theirs, and the journal would remember those failures against the
/// documents (a failed document is not tried again on the same file).
public enum OutputFolderCheck {
    /// Creates `<out>/.diarium` if missing and writes and removes a small
    /// file in it; throws `PipelineError.output` saying why it cannot.
    public static func ensureWritable(_ outputFolder: URL) throws {
        let cache = outputFolder.appendingPathComponent(".diarium", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.output(outputFolder.path, "cannot create \(cache.path) (\(FileErrorCause.describe(error))); \(advice)")
        }
        let probe = cache.appendingPathComponent(".write-check-\(getpid())").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(cache, errno) }
        defer { unlink(probe) }
        // Some blocks rather than an empty file: creating a name can succeed on a full disk.
        let block = [UInt8](repeating: 0, count: 64 * 1024)
        var written = 0
        while written < block.count {
            let count = block.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, block.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let code = count < 0 ? errno : ENOSPC
                close(descriptor)
                throw failure(cache, code)
            }
            written += count
        }
        guard close(descriptor) == 0 else { throw failure(cache, errno) }
    }

    /// True for an error of writing under the output folder that is the
    /// folder's fault, not the document's: no space, a read-only file system, no permission.
    public static func isFolderFault(_ error: Error) -> Bool {
        var current: NSError? = error as NSError
        while let nsError = current {
            if nsError.domain == NSPOSIXErrorDomain, let code = Int32(exactly: nsError.code) {
                return [ENOSPC, EDQUOT, EROFS, EACCES, EPERM].contains(code)
            }
            current = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        return false
    }

    private static let advice = "a run needs an output folder it can write, with free space"

    private static func failure(_ cache: URL, _ code: Int32) -> PipelineError {
        .output(cache.deletingLastPathComponent().path, "cannot write in \(cache.path) (\(String(cString: strerror(code)))); \(advice)")
    }
}
