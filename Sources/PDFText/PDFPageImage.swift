import CPoppler

/// A page rendered to 8-bit grey, one byte per pixel, rows top to bottom.
public struct PDFGrayImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Bytes from one row to the next; rows may be padded.
    public var bytesPerRow: Int
    public var pixels: [UInt8]
    public var dpi: Double

    public init(width: Int, height: Int, bytesPerRow: Int, pixels: [UInt8], dpi: Double) {
        self.width = width
        self.height = height
        self.bytesPerRow = bytesPerRow
        self.pixels = pixels
        self.dpi = dpi
    }
}

extension PDFPage {
    /// Renders the page through cairo on white paper at `dpi`, the way a
    /// scanner would see it: an OCR engine needs pixels, and poppler draws a
    /// scan's image (rotation, clipping, JBIG2/JPEG decoding) exactly as a
    /// viewer would.
    public func renderGray(dpi: Double) throws(PDFError) -> PDFGrayImage {
        let scale = dpi / 72
        let size = self.size
        let width = Int((size.width * scale).rounded(.up))
        let height = Int((size.height * scale).rounded(.up))
        guard width > 0, height > 0, width < 32_768, height < 32_768 else {
            throw PDFError(code: .damaged, path: document.path,
                           detail: "page \(index + 1) is \(size.width) × \(size.height) pt, too large or empty to render at \(Int(dpi)) dpi")
        }
        // RGB24 rather than A8: poppler paints colour, and A8 would keep only coverage.
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PDFError(code: .damaged, path: document.path, detail: "cairo could not allocate a \(width) × \(height) image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else {
            throw PDFError(code: .damaged, path: document.path, detail: "cairo could not allocate a \(width) × \(height) image")
        }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        cairo_scale(cairo, scale, scale)
        poppler_page_render(typed, cairo)
        cairo_destroy(cairo)
        cairo_surface_flush(surface)

        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw PDFError(code: .damaged, path: document.path, detail: "cairo gave no pixels for page \(index + 1)")
        }
        var pixels = [UInt8](repeating: 255, count: width * height)
        data.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * height) { words in
            pixels.withUnsafeMutableBufferPointer { grey in
                for y in 0..<height {
                    let row = words + y * (stride / 4)
                    for x in 0..<width {
                        // RGB24 keeps 0x00RRGGBB in a native-endian word; ITU-R BT.601 luma in fixed point.
                        let pixel = row[x]
                        let r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF
                        grey[y * width + x] = UInt8((r * 19_595 + g * 38_470 + b * 7_471 + 32_768) >> 16)
                    }
                }
            }
        }
        return PDFGrayImage(width: width, height: height, bytesPerRow: width, pixels: pixels, dpi: dpi)
    }
}
