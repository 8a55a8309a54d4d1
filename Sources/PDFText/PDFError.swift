/// Why a PDF could not be read. Each case names the file and says what to do.
public struct PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, CaseIterable, Sendable {
        /// The file does not exist or cannot be read.
        case unreadable
        /// The file has no bytes.
        case empty
        /// The file does not start with a PDF header.
        case notPDF
        /// The PDF needs a password.
        case encrypted
        /// The PDF's structure is broken beyond what poppler can recover.
        case damaged
    }

    public var code: Code
    public var path: String
    public var detail: String

    public init(code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String {
        let advice: String
        switch code {
        case .unreadable: advice = "check that the file exists and is readable"
        case .empty: advice = "the file is 0 bytes; re-export or re-download it"
        case .notPDF: advice = "the file does not start with %PDF-; it is not a PDF despite its name"
        case .encrypted: advice = "the PDF is password-protected; decrypt it first (qpdf --decrypt)"
        case .damaged: advice = "the PDF is damaged or truncated; try repairing it (qpdf, mutool clean) or fetch it again"
        }
        return "\(detail) (\(advice))"
    }
}
