import CPoppler

/// A run of characters set in one font, by character offsets into the page text.
public struct PDFFontRun: Sendable, Equatable {
    public var start: Int
    /// Exclusive.
    public var end: Int
    public var fontName: String
    public var fontSize: Double
}

/// A glyph's box in points, origin at the page's top-left.
public struct PDFGlyphBox: Sendable, Equatable {
    public var x1: Double
    public var y1: Double
    public var x2: Double
    public var y2: Double

    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }
}

/// The text of one page as poppler lays it out: characters in reading order
/// (lines separated by "\n"), one box per character, and the font runs.
public struct PDFTextLayout: Sendable {
    /// Unicode scalars, as poppler counts positions.
    public var characters: [Unicode.Scalar]
    public var boxes: [PDFGlyphBox]
    public var fontRuns: [PDFFontRun]
}

/// Owns a `PopplerPage` and keeps its document alive.
public final class PDFPage {
    private let handle: OpaquePointer
    let document: PDFDocument
    /// 0-based.
    public let index: Int

    init(handle: OpaquePointer, document: PDFDocument, index: Int) {
        self.handle = handle
        self.document = document
        self.index = index
    }

    deinit {
        diarium_object_unref(UnsafeMutableRawPointer(handle))
    }

    var typed: OpaquePointer { handle }

    /// Width and height in points.
    public var size: (width: Double, height: Double) {
        var width = 0.0, height = 0.0
        poppler_page_get_size(typed, &width, &height)
        return (width, height)
    }

    /// Reads the page's text, glyph boxes and fonts. Poppler caches its text
    /// analysis on the page, so the three calls below share one layout pass.
    public func textLayout() -> PDFTextLayout {
        guard let cText = poppler_page_get_text(typed) else {
            return PDFTextLayout(characters: [], boxes: [], fontRuns: [])
        }
        let text = String(cString: cText)
        g_free(cText)
        // Poppler counts positions in Unicode scalars; Swift Characters may
        // merge combining marks, so work in scalars and convert at the end.
        let scalars = Array(text.unicodeScalars)

        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var rectangleCount: guint = 0
        var boxes: [PDFGlyphBox] = []
        if poppler_page_get_text_layout(typed, &rectangles, &rectangleCount) != 0, let rectangles {
            boxes.reserveCapacity(Int(rectangleCount))
            for i in 0..<Int(rectangleCount) {
                let r = rectangles[i]
                boxes.append(PDFGlyphBox(x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2))
            }
            g_free(rectangles)
        }

        var runs: [PDFFontRun] = []
        if let list = poppler_page_get_text_attributes(typed) {
            var node: UnsafeMutablePointer<GList>? = list
            while let current = node {
                if let attributes = diarium_list_attributes(current) {
                    let name = attributes.pointee.font_name.map { String(cString: $0) } ?? ""
                    runs.append(PDFFontRun(start: Int(attributes.pointee.start_index),
                                           end: Int(attributes.pointee.end_index) + 1,
                                           fontName: name,
                                           fontSize: attributes.pointee.font_size))
                }
                node = diarium_list_next(current)
            }
            poppler_page_free_text_attributes(list)
        }

        // Keep characters and boxes index-aligned even if poppler disagrees on counts.
        let count = min(scalars.count, boxes.isEmpty ? scalars.count : boxes.count)
        let characters = scalars.prefix(count)
        if boxes.count < count {
            boxes += Array(repeating: PDFGlyphBox(x1: 0, y1: 0, x2: 0, y2: 0), count: count - boxes.count)
        }
        return PDFTextLayout(characters: Array(characters), boxes: Array(boxes.prefix(count)), fontRuns: runs)
    }
}
