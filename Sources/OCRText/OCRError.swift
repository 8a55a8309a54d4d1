/// Why Tesseract could not be set up or could not read a page. Each message
/// says what to install or change.
public struct OCRError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// No tessdata folder was found at all.
        case noModels
        /// A configured language has no `.traineddata` file.
        case missingModel
        /// Tesseract refused to start with the models it found.
        case initialisation
        /// The image handed over cannot be read (empty, or its rows do not fit its size).
        case badImage
        /// Tesseract failed on the page.
        case recognition
        /// The time the caller allowed ran out while the page was read.
        case deadline
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
