import Foundation
import PipelineCore

/// The signal that asked the batch to stop, 0 until one does: all a signal
/// handler may safely do is store a number.
nonisolated(unsafe) private var receivedStopSignal: Int32 = 0

/// SIGINT and SIGTERM ask the batch to stop: the documents in flight finish,
/// none starts, and the journal, the report and the summary are written, so
/// the same command resumes. A second signal stops at once (what is finished
/// stays; the journal marks the rest as in flight for the next run).
enum StopSignals {
    static func install() -> StopRequest {
        _ = receivedStopSignal
        for number in [SIGINT, SIGTERM] {
            signal(number) { number in
                if receivedStopSignal != 0 {
                    signal(number, SIG_DFL)
                    raise(number)
                }
                receivedStopSignal = number
            }
        }
        return StopRequest(poll: { name(receivedStopSignal) }, noticed: { name in
            FileHandle.standardError.write(Data("\n\(name): finishing the documents in flight, then writing the report; send it again to stop at once\n".utf8))
        })
    }

    private static func name(_ number: Int32) -> String? {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: nil
        }
    }

    /// The conventional status of a process ended by the signal, 128 + its number.
    static func exitStatus(for reason: String) -> Int32 {
        reason == "SIGINT" ? 128 + SIGINT : 128 + SIGTERM
    }

    /// A child converting one document ignores the terminal's Ctrl-C, which
    /// reaches the whole process group: its parent decides when to stop, and
    /// the document it was given is finished instead of recorded as crashed.
    static func ignoreInterruptInChild() {
        signal(SIGINT, SIG_IGN)
    }
}
