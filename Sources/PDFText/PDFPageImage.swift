import CPoppler
import Foundation

/// Poppler's cairo renderer loads fonts into one FreeType library shared by
/// every document in the process, and FreeType allows no two threads in one
/// library at once: two workers rendering pages crashed in libfreetype. Renders,
/// and the freeing of documents that releases their fonts, take turns; a page's
/// render is a small part of its OCR time, and text extraction does not wait.
enum PDFRendering {
    static let lock = NSLock()
}

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
    /// The largest image `renderGray` makes, in pixels: an A3 page at 600 dpi
    /// fits, a crafted MediaBox cannot ask for gigabytes.
    public static let pixelLimit = 80_000_000
    /// Below this the text is too small for OCR and the page is reported instead.
    public static let smallestUsefulDPI = 50.0

    /// Renders the page through cairo on white paper at `dpi`, the way a
    /// scanner would see it: an OCR engine needs pixels, and poppler draws a
    /// scan's image (rotation, clipping, JBIG2/JPEG decoding) exactly as a
    /// viewer would. A page too large for `pixelLimit` at `dpi` is drawn at the
    /// whole-number resolution that fits; the image's `dpi` says which.
    public func renderGray(dpi: Double) throws(PDFError) -> PDFGrayImage {
        let size = self.size
        let fitted = Self.fittedDPI(width: size.width, height: size.height, dpi: dpi)
        guard let fitted, fitted >= min(dpi, Self.smallestUsefulDPI) else {
            throw PDFError(code: .damaged, path: document.path,
                           detail: "page \(index + 1) is \(size.width) × \(size.height) pt, too large or empty to render at a readable resolution")
        }
        let (surface, width, height) = try drawnSurface(dpi: fitted)
        defer { cairo_surface_destroy(surface) }

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
        return PDFGrayImage(width: width, height: height, bytesPerRow: width, pixels: pixels, dpi: fitted)
    }

    /// The page drawn through cairo on white paper at `dpi` into a new image
    /// surface, which the caller destroys. RGB24 rather than A8: poppler paints
    /// colour, and A8 would keep only coverage.
    func drawnSurface(dpi: Double) throws(PDFError) -> (surface: OpaquePointer, width: Int, height: Int) {
        let size = self.size
        let scale = dpi / 72
        let width = Int((size.width * scale).rounded(.up))
        let height = Int((size.height * scale).rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PDFError(code: .damaged, path: document.path, detail: "cairo could not allocate a \(width) × \(height) image")
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw PDFError(code: .damaged, path: document.path, detail: "cairo could not allocate a \(width) × \(height) image")
        }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        cairo_scale(cairo, scale, scale)
        PDFRendering.lock.withLock { poppler_page_render(typed, cairo) }
        cairo_destroy(cairo)
        cairo_surface_flush(surface)
        return (surface, width, height)
    }

    /// The whole-number resolution not above `dpi` at which a page of `width` ×
    /// `height` points stays within `pixelLimit` and cairo's 32,767-pixel side;
    /// nil for a page with no area or sizes that are not numbers. Checked in
    /// floating point because a box from the file may be 1e20 points.
    public static func fittedDPI(width: Double, height: Double, dpi: Double) -> Double? {
        guard width.isFinite, height.isFinite, dpi.isFinite, width > 0, height > 0, dpi > 0 else { return nil }
        let areaInches = (width / 72) * (height / 72)
        let bySide = 32_767 / (max(width, height) / 72)
        let byArea = (Double(pixelLimit) / areaInches).squareRoot()
        let fitted = min(dpi, bySide, byArea).rounded(.down)
        guard fitted >= 1 else { return nil }
        return fitted
    }
}
