import Foundation

/// Keeps two `convert` processes off the same output folder: both would
/// convert the same documents and the later report would hide the earlier.
/// Shards of one run share the folder by design, so they take the folder's
/// lock shared and their own shard's lock exclusive: shards run side by side,
/// while the same shard twice, or an unsharded run beside shards, is refused.
///
/// `flock` locks go with the open file and the kernel drops them when the
/// process ends, however it ends, so a killed run never leaves a stale lock.
public final class RunLock {
    private var descriptors: [Int32]

    /// Takes the locks without waiting; throws `PipelineError.output` naming
    /// the folder when another process holds them.
    public init(outputFolder: URL, shard: Shard?) throws {
        let folder = outputFolder.appendingPathComponent(".diarium", isDirectory: true)
        descriptors = []
        var wanted: [(file: String, mode: Int32)] = [("run.lock", shard == nil ? LOCK_EX : LOCK_SH)]
        if let shard { wanted.append(("run-shard-\(shard.index)-of-\(shard.count).lock", LOCK_EX)) }
        for (file, mode) in wanted {
            let path = folder.appendingPathComponent(file).path
            // O_CLOEXEC: a child process (--isolate) must not keep the lock after this run ends.
            let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                let cause = String(cString: strerror(errno))
                release()
                throw PipelineError.output(outputFolder.path, "cannot open the run lock \(path): \(cause)")
            }
            descriptors.append(descriptor)
            var status = flock(descriptor, mode | LOCK_NB)
            while status != 0, errno == EINTR { status = flock(descriptor, mode | LOCK_NB) }
            if status != 0 {
                let busy = errno == EWOULDBLOCK
                let cause = String(cString: strerror(errno))
                release()
                throw busy ? Self.busy(outputFolder)
                    : PipelineError.output(outputFolder.path, "cannot lock \(path): \(cause)")
            }
        }
    }

    /// The message for a folder another process is converting into.
    public static func busy(_ outputFolder: URL) -> PipelineError {
        .outputInUse(outputFolder.path)
    }

    /// Lets the next run in; also done when the process ends.
    public func release() {
        for descriptor in descriptors { close(descriptor) }
        descriptors = []
    }

    deinit { release() }
}
