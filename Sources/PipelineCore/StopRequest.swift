import Foundation

/// Set when the batch is asked to stop (SIGINT, SIGTERM): documents in flight
/// finish, no new one starts, and the run still writes its journal and report,
/// so the next run resumes from there.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var why: String?
    private let poll: @Sendable () -> String?
    private let noticed: @Sendable (String) -> Void

    /// `poll` is asked each time a document could start (a signal handler can
    /// only set a flag); `noticed` runs once, when a reason is first seen.
    public init(poll: @escaping @Sendable () -> String? = { nil }, noticed: @escaping @Sendable (String) -> Void = { _ in }) {
        self.poll = poll
        self.noticed = noticed
    }

    /// The first reason is kept.
    public func request(_ reason: String) {
        let first = lock.withLock { () -> Bool in
            guard why == nil else { return false }
            why = reason
            return true
        }
        if first { noticed(reason) }
    }

    public var reason: String? {
        if let known = lock.withLock({ why }) { return known }
        guard let polled = poll() else { return nil }
        request(polled)
        return polled
    }
}
