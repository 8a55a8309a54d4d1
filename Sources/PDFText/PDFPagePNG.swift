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
        let (surface, _, _) = try drawnSurface(dpi: fitted)
        defer { cairo_surface_destroy(surface) }
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
