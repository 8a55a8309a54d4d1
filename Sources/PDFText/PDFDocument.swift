import CPoppler
import Foundation

/// Document-level facts read from the PDF's Info dictionary.
public struct PDFDocumentInfo: Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var creator: String?
    public var producer: String?
    public var creationDate: Date?
    public var pageCount: Int
}

/// A bookmark of the PDF's outline.
public struct PDFOutlineEntry: Sendable, Equatable {
    public var title: String
    public var depth: Int
    /// 1-based, when the bookmark points at a page.
    public var page: Int?
}

/// Owns a `PopplerDocument`. Not thread-safe: poppler documents must stay on
/// one thread at a time, so each worker opens its own.
public final class PDFDocument {
    let handle: OpaquePointer
    public let path: String

    /// Opens the PDF at `path`, reading it into memory once.
    public init(path: String) throws(PDFError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PDFError(code: .unreadable, path: path, detail: "cannot read file")
        }
        guard !data.isEmpty else {
            throw PDFError(code: .empty, path: path, detail: "empty file")
        }
        guard data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil else {
            throw PDFError(code: .notPDF, path: path, detail: "no PDF header")
        }
        var error: UnsafeMutablePointer<GError>?
        let bytes = data.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(bytes) }
        let document = poppler_document_new_from_bytes(bytes, nil, &error)
        guard let document else {
            throw Self.error(from: error, path: path)
        }
        self.handle = document
        // A damaged file may still open and then show no pages at all.
        if poppler_document_get_n_pages(typed) <= 0 {
            throw PDFError(code: .damaged, path: path, detail: "the document has no readable pages")
        }
    }

    deinit {
        // Freeing a document releases its fonts in the FreeType library all documents share.
        let handle = handle
        PDFRendering.lock.withLock { diarium_object_unref(UnsafeMutableRawPointer(handle)) }
    }

    var typed: OpaquePointer { handle }

    public var pageCount: Int { Int(poppler_document_get_n_pages(typed)) }

    public var info: PDFDocumentInfo {
        var creation: Date?
        if let dateTime = poppler_document_get_creation_date_time(typed) {
            creation = Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(dateTime)))
            g_date_time_unref(dateTime)
        }
        return PDFDocumentInfo(
            title: takeString(poppler_document_get_title(typed)),
            author: takeString(poppler_document_get_author(typed)),
            subject: takeString(poppler_document_get_subject(typed)),
            creator: takeString(poppler_document_get_creator(typed)),
            producer: takeString(poppler_document_get_producer(typed)),
            creationDate: creation,
            pageCount: pageCount)
    }

    /// The bookmarks, depth first, with their nesting depth (1 = top) and
    /// target page. Bounded, since a hostile file may nest or loop without end.
    public func outline(maxEntries: Int = 5_000, maxDepth: Int = 8) -> [PDFOutlineEntry] {
        var entries: [PDFOutlineEntry] = []
        func walk(_ iter: OpaquePointer, depth: Int) {
            repeat {
                guard entries.count < maxEntries else { return }
                var page: Int32 = 0
                if let title = takeString(diarium_outline_entry(typed, iter, &page)) {
                    entries.append(PDFOutlineEntry(title: title, depth: depth, page: page > 0 ? Int(page) : nil))
                }
                if depth < maxDepth, let child = poppler_index_iter_get_child(iter) {
                    walk(child, depth: depth + 1)
                    poppler_index_iter_free(child)
                }
            } while poppler_index_iter_next(iter) != 0
        }
        guard let root = poppler_index_iter_new(typed) else { return [] }
        walk(root, depth: 1)
        poppler_index_iter_free(root)
        return entries
    }

    /// The page at a 0-based index.
    public func page(at index: Int) -> PDFPage? {
        guard index >= 0, index < pageCount, let page = poppler_document_get_page(typed, Int32(index)) else {
            return nil
        }
        return PDFPage(handle: page, document: self, index: index)
    }

    private static func error(from error: UnsafeMutablePointer<GError>?, path: String) -> PDFError {
        defer { if let error { g_error_free(error) } }
        guard let error else { return PDFError(code: .damaged, path: path, detail: "poppler could not open the file") }
        let message = String(cString: error.pointee.message)
        if error.pointee.domain == poppler_error_quark(), error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
            return PDFError(code: .encrypted, path: path, detail: "encrypted: \(message)")
        }
        return PDFError(code: .damaged, path: path, detail: "cannot parse: \(message)")
    }
}

/// Takes ownership of a g_malloc'd C string, frees it, and drops empty values.
func takeString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    let string = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    return string.isEmpty ? nil : string
}
