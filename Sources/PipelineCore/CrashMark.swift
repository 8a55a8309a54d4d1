import Foundation

/// The path the crash handler creates; set once before any handler is installed,
/// never freed (a handler may run until the process is gone). C memory, not a Swift
/// string: a signal handler may not allocate, retain or take a lock.
nonisolated(unsafe) private var markPath: UnsafeMutablePointer<CChar>?
/// The actions the handler replaced, by signal number, to hand the signal on to.
nonisolated(unsafe) private var replacedActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 64)

/// Tells a crash of the batch process from a kill. After a `kill -9` (an operator,
/// a test, a shutdown) the documents in flight are simply converted again; after a
/// crash while a document was being recovered in a child (`DocumentProcessor`), the
/// process died of that document a second time, and it is failed instead of being
/// tried again night after night. A crash signal leaves a file beside the journal;
/// SIGKILL cannot be caught and leaves none. (The out-of-memory killer sends SIGKILL,
/// so a document that drives the parent out of memory is recovered again each run:
/// `--memory-limit` keeps children from doing that.)
public enum CrashMark {
    /// The signals a fault of this process raises (a Swift trap is SIGILL or SIGTRAP).
    static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func file(in outputFolder: URL, shard: Shard?) -> URL {
        let suffix = shard.map { "-\($0.index)-of-\($0.count)" } ?? ""
        return outputFolder.appendingPathComponent(".diarium/crashed\(suffix)")
    }

    /// Installs handlers that create the mark, then hand the signal on to whatever
    /// handled it before (the Swift runtime's backtracer, or the default: the process dies).
    public static func install(outputFolder: URL, shard: Shard?) {
        guard markPath == nil else { return }
        markPath = strdup(file(in: outputFolder, shard: shard).path)
        for number in crashSignals where number < 64 {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { number, info, _ in
                if let markPath {
                    let descriptor = open(markPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                    if descriptor >= 0 { close(descriptor) }
                }
                // A fault the kernel raised (si_code > 0) goes back to the replaced action (the
                // Swift runtime's backtracer) and faults again when the handler returns; a signal
                // sent by a process or abort() gets the default action, which a backtracer
                // would not give it, and is raised again.
                if let info, info.pointee.si_code > 0 {
                    sigaction(number, replacedActions + Int(number), nil)
                } else {
                    signal(number, SIG_DFL)
                }
                raise(number)
            }
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, replacedActions + Int(number))
        }
    }

    /// True when the last process that converted into this folder (this shard) died
    /// of a crash signal; the mark is removed, so it counts for one run.
    public static func take(outputFolder: URL, shard: Shard?) -> Bool {
        let url = file(in: outputFolder, shard: shard)
        guard FileManager.default.fileExists(atPath: url.path) else { return false }
        try? FileManager.default.removeItem(at: url)
        return true
    }
}
