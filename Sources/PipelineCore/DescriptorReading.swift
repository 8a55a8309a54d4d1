import Foundation

/// Reads from file descriptors with `read(2)`, trying again when a signal
/// interrupts a call (`EINTR`): Foundation's `FileHandle` reads on Linux trap
/// or throw then, and a batch run gets signals (SIGCHLD from its children,
/// SIGTERM handled to stop cleanly) at any moment.
public enum DescriptorReading {
    public struct Failure: Error, LocalizedError, CustomStringConvertible {
        public var what: String
        public var code: Int32

        public var description: String { "\(what): \(String(cString: strerror(code)))" }
        public var errorDescription: String? { description }
    }

    /// Calls `consume` with each chunk read until the end of the file; `what`
    /// names the source in an error.
    public static func forEachChunk(of descriptor: Int32, chunkSize: Int = 1 << 20, what: String,
                                    _ consume: (UnsafeRawBufferPointer) -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(what: what, code: errno)
            }
            if count == 0 { return }
            consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Everything left to read from `descriptor`, to its end.
    public static func readToEnd(_ descriptor: Int32, what: String) throws -> Data {
        var data = Data()
        try forEachChunk(of: descriptor, chunkSize: 1 << 16, what: what) { data.append(contentsOf: $0) }
        return data
    }

    /// Opens `path` for reading (again after an interruption); the caller closes it.
    public static func open(_ path: String) throws -> Int32 {
        while true {
            let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw Failure(what: path, code: errno) }
        }
    }
}
