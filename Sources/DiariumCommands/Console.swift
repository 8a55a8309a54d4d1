import Foundation
import Logging
import PipelineCore

/// The commands' shared output helpers.
enum Console {
    static func logger(verbose: Bool, json: Bool = false) -> Logger {
        var logger = json ? Logger(label: "diarium") { JSONLogHandler(label: $0) }
            : Logger(label: "diarium") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// `text` with line breaks and other control characters written as escapes
    /// (`\n`, `\u{1B}`): a file may be named with a newline, and its name must
    /// not split a console or log line in two (or move the terminal's cursor).
    static func oneLine(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}":
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// This program, for starting worker processes.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }

    /// `recapFailures`: list the failures again under the summary, for a run
    /// whose progress lines may have scrolled them away (not under `-q`,
    /// where they are the only lines before it).
    static func summary(_ summary: Batch.Summary, outputFolder: String, recapFailures: Bool) {
        let report = summary.report
        var line = "\(report.documents.total) documents: \(report.documents.converted) converted, \(report.documents.upToDate) up to date, \(report.documents.failed) failed"
        line += "; \(report.pages) pages in \(String(format: "%.1f", report.seconds)) s (\(report.pagesPerSecond) pages/s)"
        if report.corrections > 0 || report.flaggedWords > 0 {
            line += "; \(report.corrections) corrections, \(report.flaggedWords) words flagged for review"
        }
        print(line + " → \(outputFolder)")
        if !report.ocrPages.isEmpty {
            print("\(report.ocrPages.count) pages read by OCR in \(String(format: "%.1f", report.ocrSeconds)) s (per page in report.json)")
        }
        // OCR leaves the extract stage's note on a page it could not render, and says why in its own.
        let unrendered = report.diagnostics["ocr.page.unrendered"] ?? 0
        if let noText = report.diagnostics["extract.page.no-text"], noText > unrendered {
            print("\(noText - unrendered) pages have no text layer and were not read (the pipeline has no ocr stage, or it is off)")
        }
        if unrendered > 0 {
            print("\(unrendered) pages without text could not be rendered for OCR (their documents' diagnostics say why)")
        }
        guard recapFailures, !summary.failures.isEmpty else { return }
        var text = "Failed:\n"
        for failure in report.failures { text += "  \(oneLine(failure.file)) [\(failure.stage)]: \(oneLine(failure.message))\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
