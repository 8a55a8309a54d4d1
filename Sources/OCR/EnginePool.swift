import Foundation
import OCRText

/// Lends Tesseract engines so that each document in flight reads its pages
/// with its own engine, reused across its pages and then by the next
/// document: loading a model takes a good part of a second, and a handle
/// must never be used by two threads at once. The batch runs at most
/// `--jobs` documents at a time, so at most that many engines are made.
///
/// `@unchecked Sendable` is sound: `idle` is only read or changed under
/// `lock`, and an engine taken out of it is used by its one borrower alone
/// until it is put back.
final class EnginePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Tesseract]
    let languages: String

    /// Checks now that the models are installed, so a missing one fails the
    /// run at start-up, but loads an engine only when a page needs one: a
    /// batch of born-digital PDFs (or a re-run with nothing to do) never pays
    /// for Tesseract's initialisation.
    init(languages: String) throws(OCRError) {
        self.languages = languages
        _ = try Tessdata.check(languages)
        idle = []
    }

    func withEngine<T>(_ body: (Tesseract) throws -> T) throws -> T {
        let engine = try lock.withLock { idle.popLast() } ?? Tesseract(languages: languages)
        defer { lock.withLock { idle.append(engine) } }
        return try body(engine)
    }
}
