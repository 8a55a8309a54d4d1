import Crypto
import Foundation

/// SHA-256 helpers; content hashes (never modification times) key the cache.
public enum ContentHash {
    /// A document's stable id, the same in its outputs and in `report.json`: the
    /// first 16 hex digits of SHA-256(relative path + NUL + the source's SHA-256).
    /// The path keeps two copies of one file apart; the content hash gives a changed
    /// file a new id. Anyone can recompute it from an output's `source` fields.
    public static func documentID(relativePath: String, sourceSHA256: String) -> String {
        String(sha256(relativePath + "\u{0}" + sourceSHA256).prefix(16))
    }

    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func sha256(_ string: String) -> String {
        sha256(Data(string.utf8))
    }

    /// Hashes a file in 1 MiB chunks so large PDFs are not held twice in memory.
    public static func sha256(fileAt url: URL) throws -> (hash: String, byteCount: Int) {
        let descriptor = try DescriptorReading.open(url.path)
        defer { close(descriptor) }
        var hasher = SHA256()
        var total = 0
        try DescriptorReading.forEachChunk(of: descriptor, what: url.path) { chunk in
            hasher.update(bufferPointer: chunk)
            total += chunk.count
        }
        return (hex(hasher.finalize()), total)
    }

    /// Combines the parts of a cache key; the separator keeps ("ab","c") and ("a","bc") apart.
    public static func key(_ parts: String...) -> String {
        sha256(parts.joined(separator: "\u{1F}"))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        // String(format:) per byte was a tenth of a re-run's time.
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
