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

    /// Loads the first engine now, so a missing or broken model fails the
    /// run at start-up rather than on the first scanned page.
    init(languages: String) throws(OCRError) {
        self.languages = languages
        idle = [try Tesseract(languages: languages)]
    }

    func withEngine<T>(_ body: (Tesseract) throws -> T) throws -> T {
        let engine = try lock.withLock { idle.popLast() } ?? Tesseract(languages: languages)
        defer { lock.withLock { idle.append(engine) } }
        return try body(engine)
    }
}
