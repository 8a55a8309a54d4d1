import Foundation
import Logging
import PipelineCore

/// All human-facing output of the commands: progress and results on stdout,
/// problems on stderr.
enum Console {
    static func logger(verbose: Bool) -> Logger {
        var logger = Logger(label: "diarium") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    static func progress(_ outcome: DocumentOutcome, done: Int, total: Int) {
        let width = String(total).count
        let counter = "[\(String(repeating: " ", count: width - String(done).count))\(done)/\(total)]"
        switch outcome.status {
        case .converted:
            let seconds = outcome.stageSeconds.values.reduce(0, +)
            var line = "\(counter) \(outcome.displayPath): converted, \(outcome.pages) pages, \(String(format: "%.2f", seconds)) s"
            let noText = outcome.diagnostics.filter { $0.id == "extract.page.no-text" }.count
            if noText > 0 { line += " — \(noText) of \(outcome.pages) pages have no text layer (need OCR)" }
            print(line)
        case .upToDate:
            print("\(counter) \(outcome.displayPath): up to date")
        case .failed(let stage, let message):
            FileHandle.standardError.write(Data("\(counter) FAILED \(outcome.displayPath) [\(stage)]: \(message)\n".utf8))
        }
    }

    static func summary(_ summary: Batch.Summary, outputFolder: String) {
        let rate = summary.seconds > 0 ? Double(summary.pages) / summary.seconds : 0
        print("\(summary.outcomes.count) documents: \(summary.converted) converted, \(summary.upToDate) up to date, \(summary.failures.count) failed; \(summary.pages) pages in \(String(format: "%.1f", summary.seconds)) s (\(String(format: "%.1f", rate)) pages/s) → \(outputFolder)")
        guard !summary.failures.isEmpty else { return }
        var text = "Failed:\n"
        for failure in summary.failures {
            if case .failed(let stage, let message) = failure.status {
                text += "  \(failure.displayPath) [\(stage)]: \(message)\n"
            }
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
