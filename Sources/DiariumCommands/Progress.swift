import Foundation
import PipelineCore

/// Progress of a batch: a bar with counts, rate and ETA redrawn in place on
/// a terminal; plain lines otherwise (one per document for small batches,
/// every ten seconds for large ones, so logs stay readable). Failures are
/// always printed, as they happen, on standard error.
final class Progress: @unchecked Sendable {
    // Only called from the batch's serial reporting queue and the main thread
    // before and after the batch; the lock makes the hand-over explicit.
    private let lock = NSLock()
    private let quiet: Bool
    private let json: Bool
    private let terminal: Bool
    private var total = 0
    private var pages = 0
    private var failed = 0
    private var began = Date()
    private var lastLine = Date.distantPast
    private var drewBar = false

    /// `json`: one JSON object per document instead of lines and a bar.
    init(quiet: Bool, json: Bool = false) {
        self.quiet = quiet
        self.json = json
        terminal = !json && isatty(STDERR_FILENO) != 0
    }

    func start(_ total: Int) {
        lock.withLock {
            self.total = total
            began = Date()
        }
    }

    func update(_ outcome: DocumentOutcome, done: Int, total: Int) {
        lock.withLock {
            pages += outcome.pages
            if json {
                var fields: [String: Any] = ["event": "document", "file": outcome.displayPath, "done": done, "total": total,
                                             "pages": outcome.pages, "seconds": outcome.stageSeconds.values.reduce(0, +)]
                switch outcome.status {
                case .converted: fields["status"] = "converted"
                case .upToDate: fields["status"] = "up to date"
                case .failed(let stage, let message):
                    fields["status"] = "failed"
                    fields["stage"] = stage
                    fields["message"] = message
                }
                if case .failed = outcome.status { JSONLines.write(fields) } else if !quiet { JSONLines.write(fields) }
                return
            }
            if case .failed(let stage, let message) = outcome.status {
                failed += 1
                clearBar()
                write("\(counter(done)) FAILED \(Console.oneLine(outcome.displayPath)) [\(stage)]: \(Console.oneLine(message))\n")
            } else if !quiet && !terminal && (total <= 200 || Date().timeIntervalSince(lastLine) >= 10) {
                write("\(counter(done)) \(describe(outcome)) — \(rate(done))\n")
                lastLine = Date()
            }
            if terminal && !quiet { drawBar(done) }
        }
    }

    func finish() {
        lock.withLock { clearBar() }
    }

    private func describe(_ outcome: DocumentOutcome) -> String {
        let file = Console.oneLine(outcome.displayPath)
        switch outcome.status {
        case .upToDate: return "\(file): up to date"
        case .failed: return "\(file): failed"
        case .converted:
            var text = "\(file): \(outcome.pages) pages, \(String(format: "%.2f", outcome.stageSeconds.values.reduce(0, +))) s"
            let noText = outcome.diagnostics.filter { $0.id == "extract.page.no-text" }.count
            if noText > 0 { text += ", \(noText) pages without text layer" }
            if outcome.corrections > 0 { text += ", \(outcome.corrections) corrections" }
            return text
        }
    }

    private func counter(_ done: Int) -> String {
        let width = String(total).count
        return "[\(String(repeating: " ", count: max(0, width - String(done).count)))\(done)/\(total)]"
    }

    private func rate(_ done: Int) -> String {
        let elapsed = max(Date().timeIntervalSince(began), 0.001)
        let remaining = Double(total - done) * elapsed / Double(max(done, 1))
        return String(format: "%.1f pages/s, ETA %@", Double(pages) / elapsed, Self.duration(remaining))
    }

    private func drawBar(_ done: Int) {
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        write("\r\(bar) \(counter(done)) \(rate(done))\(failed > 0 ? ", \(failed) failed" : "")\u{1B}[K")
        drewBar = true
    }

    private func clearBar() {
        if drewBar { write("\r\u{1B}[K") }
        drewBar = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m"
    }
}
