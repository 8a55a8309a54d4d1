/// The stable, documented code of a document's failure in `report.json`
/// (`errorCode`), for monitoring that must not parse messages.
///
/// The code is read from the failure's stage and message rather than carried
/// beside them: a failure reaches the report from this process, from a child
/// process (`--isolate`, only its error text crosses) and from the journal
/// (a failure not tried again, stored as text), and the text is the one thing
/// all three keep. The phrases matched are the stable parts of those messages.
public enum FailureCode: String, CaseIterable, Codable, Sendable {
    // PDFError.Code's raw values: the PDF itself could not be read.
    case unreadable
    case empty
    case notPDF
    case encrypted
    case damaged
    /// The document took longer than `--timeout`.
    case timeout
    /// The document's process died (a signal), in this run or an earlier one.
    case crash
    /// The document's process ran out of memory (`--memory-limit`).
    case memory
    /// The input path could not be taken: missing, a dangling link or link loop, a folder that cannot be listed.
    case scan
    /// The output side: the output folder took no write, or the output name belongs to another source.
    case output
    /// Any other failure of a stage.
    case stage

    /// The advice PDFError's description ends with, one per code (PDFText's
    /// `PDFError.description`; a test holds the two together, PipelineCore
    /// does not link poppler).
    static let pdfAdvice: [(phrase: String, code: FailureCode)] = [
        ("check that the file exists and is readable", .unreadable),
        ("the file is 0 bytes", .empty),
        ("it is not a PDF despite its name", .notPDF),
        ("the PDF is password-protected", .encrypted),
        ("the PDF is damaged or truncated", .damaged),
    ]

    /// Words of an allocation that failed: the Swift runtime's, poppler's, libstdc++'s, errno's.
    private static let memoryPhrases = ["out of memory", "cannot allocate memory", "bad_alloc", "memory exhausted"]

    public init(stage: String, message: String) {
        let lowercased = message.lowercased()
        // Memory first: a child over its address-space cap often dies by a signal, which is the symptom, not the cause.
        if Self.memoryPhrases.contains(where: lowercased.contains) {
            self = .memory
        } else if message.hasPrefix(ProcessIsolation.timedOutPhrase) {
            self = .timeout
        } else if ProcessIsolation.isFatal(message) {
            self = .crash
        } else if let advice = Self.pdfAdvice.first(where: { message.contains($0.phrase) }) {
            self = advice.code
        } else if stage == "scan" {
            self = .scan
        } else if stage == "read" {
            // The source could not be opened to be hashed.
            self = .unreadable
        } else if stage == "output" || message.hasPrefix(OutputFolderFault.phrase) {
            self = .output
        } else {
            self = .stage
        }
    }
}
