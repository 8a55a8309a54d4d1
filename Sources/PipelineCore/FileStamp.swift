import Foundation

/// What `stat` tells of a file without reading it: size, modification and
/// status-change times in nanoseconds, and inode. Cache keys stay content
/// hashes; a stamp only says that a file is still the one whose content was
/// hashed before, so a re-run need not read it again (git's index and
/// make trust the same signs). Any write changes the status-change time,
/// and no tool can set that back, so `touch -d` cannot fake an old stamp.
public struct FileStamp: Sendable, Equatable, LosslessStringConvertible {
    public var size: Int64
    public var modified: Int64
    public var changed: Int64
    public var inode: UInt64

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    /// `size:modified:changed:inode`, as the caches write it.
    public init?(_ description: String) {
        let fields = description.split(separator: ":")
        guard fields.count == 4, let size = Int64(fields[0]), let modified = Int64(fields[1]),
              let changed = Int64(fields[2]), let inode = UInt64(fields[3]) else { return nil }
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    public var description: String { "\(size):\(modified):\(changed):\(inode)" }

    /// File systems keep times in coarse ticks (milliseconds), so a second
    /// write within a tick of the first can leave the stamp as it was. A
    /// stamp is only worth keeping once the file has been still for longer
    /// than any tick.
    public func isSettled(for seconds: Double = 2) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let settledBefore = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - Int64(seconds * 1e9)
        return modified < settledBefore && changed < settledBefore
    }
}

/// A file's content hash with the stamp it had when hashed (nil when the
/// stamp could not be trusted: the file changed while it was read, or too
/// recently).
public struct HashedFile: Sendable, Equatable {
    public var sha256: String
    public var byteCount: Int
    public var stamp: FileStamp?

    public init(sha256: String, byteCount: Int, stamp: FileStamp?) {
        self.sha256 = sha256
        self.byteCount = byteCount
        self.stamp = stamp
    }

    /// The file's hash: `known` again when the file still has its stamp,
    /// otherwise read and hashed, with a new stamp if the file is settled.
    public static func hash(fileAt url: URL, known: HashedFile?, settling: Double = 2) throws -> (file: HashedFile, reused: Bool) {
        let before = FileStamp(path: url.path)
        if let known, let stamp = known.stamp, stamp == before { return (known, true) }
        let hashed = try ContentHash.sha256(fileAt: url)
        let after = FileStamp(path: url.path)
        let stamp = before == after && after?.isSettled(for: settling) == true ? after : nil
        return (HashedFile(sha256: hashed.hash, byteCount: hashed.byteCount, stamp: stamp), false)
    }
}
