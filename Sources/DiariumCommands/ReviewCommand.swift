import ArgumentParser
import Dispatch
import Foundation
import PipelineCore
import Review

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write review pages for a converted folder: page images beside the text, corrections and flags to decide.",
        discussion: """
        Writes <out>/review/index.html, which ranks the documents by damage with \
        their counts of corrections, flags and structure warnings, and one page \
        per document with each page's image (rendered from the source PDF at \
        --dpi, only where missing) beside its text: corrections highlighted \
        (the printed word, confidence, reason and evidence on hover and on a \
        click), flags to decide, and the section tree.

        Decisions (accept, reject, correct by hand, add the word to the \
        lexicon) are saved to <out>/review/decisions.json by the small local \
        server --serve starts (127.0.0.1 only); pages opened as plain files \
        are read-only. The next `diarium convert` into <out> applies each \
        document's decisions in its repair stage, and redoes repair and the \
        stages after it for those documents only.

        The source PDFs are found where the last convert read them (the run \
        journal), else by their path under --pdf-root or the working folder.

        Examples:
          diarium review out                     # then open out/review/index.html
          diarium review out --serve             # on http://127.0.0.1:8017/
          diarium review out --serve --port 9000 --pdf-root ~/arkiv/2025
          diarium convert ~/arkiv/2025 -o out    # applies the saved decisions
        """)

    @Argument(help: ArgumentHelp("An output folder of `diarium convert`.", valueName: "out"))
    var output: String

    @Flag(help: "After writing the pages, serve them on 127.0.0.1 and save decisions into <out>/review/decisions.json until stopped (Ctrl-C).")
    var serve = false

    @Option(help: ArgumentHelp("Port for --serve (0: any free port, printed).", valueName: "port"))
    var port: Int = 8017

    @Option(help: ArgumentHelp("A folder the source PDFs are under, by their path as the outputs record it (repeatable).", valueName: "folder"))
    var pdfRoot: [String] = []

    @Option(help: ArgumentHelp("Resolution of the page images.", valueName: "dpi"))
    var dpi: Double = 100

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
        guard (20...300).contains(dpi) else { throw ValidationError("--dpi takes 20 to 300") }
    }

    func run() throws {
        let outputFolder = URL(fileURLWithPath: output)
        let site = ReviewSite(outputFolder: outputFolder, pdfRoots: pdfRoot.map { URL(fileURLWithPath: $0) }, dpi: dpi)
        let summary: ReviewSummary
        do {
            summary = try site.write()
        } catch let error as PipelineError {
            throw RunError(error.description)
        }
        let notes = summary.problems.map { "\(Console.oneLine($0.file)): \(Console.oneLine($0.cause))\n" }.joined()
        FileHandle.standardError.write(Data(notes.utf8))
        FileHandle.standardOutput.write(Data("\(summary.documents) documents, \(summary.imagesRendered) page images rendered → \(summary.index.path)\n".utf8))
        guard serve else { return }
        let server = ReviewServer(folder: site.folder, recorder: DecisionRecorder(outputFolder: outputFolder, documents: summary.sources),
                                  port: UInt16(port))
        let finished = DispatchSemaphore(value: 0)
        let failure = ServeFailure()
        Task {
            do {
                try await server.run { bound in
                    // Written straight to the descriptor: a script waiting for the address reads it at once.
                    let line = "serving http://127.0.0.1:\(bound)/ (decisions → \(ReviewDecisionsStore.file(in: outputFolder).path)); Ctrl-C stops\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                failure.message = "\(error)"
            }
            finished.signal()
        }
        finished.wait()
        if let message = failure.message { throw RunError("--serve: \(message)") }
    }
}

/// Set by the serving task before it signals, read after the wait.
private final class ServeFailure: @unchecked Sendable {
    var message: String?
}
