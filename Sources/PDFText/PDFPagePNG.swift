import CPoppler
import Foundation

extension PDFPage {
    /// Renders the page in colour at `dpi` (or the resolution `fittedDPI` allows)
    /// and writes it as a PNG to `url`, by way of a temporary file beside it
    /// renamed into place, so a reader never sees half an image.
    public func writePNG(dpi: Double, to url: URL) throws(PDFError) {
        let size = self.size
        guard let fitted = Self.fittedDPI(width: size.width, height: size.height, dpi: dpi) else {
            throw PDFError(code: .damaged, path: document.path, detail: "page \(index + 1) has no area to render")
        }
        let scale = fitted / 72
        let width = Int32((size.width * scale).rounded(.up)), height = Int32((size.height * scale).rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else {
            throw PDFError(code: .damaged, path: document.path, detail: "cairo could not allocate a \(width) × \(height) image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else {
            throw PDFError(code: .damaged, path: document.path, detail: "cairo could not allocate a \(width) × \(height) image")
        }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        cairo_scale(cairo, scale, scale)
        PDFRendering.lock.withLock { poppler_page_render(typed, cairo) }
        cairo_destroy(cairo)
        cairo_surface_flush(surface)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        guard cairo_surface_write_to_png(surface, temporary) == CAIRO_STATUS_SUCCESS else {
            unlink(temporary)
            throw PDFError(code: .unreadable, path: url.path, detail: "cannot write the page image")
        }
        guard rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw PDFError(code: .unreadable, path: url.path, detail: "cannot move the page image into place")
        }
    }
}
