import CPoppler

/// A heading the PDF's producer tagged (`H1` … `H6` in its structure tree),
/// as Word's heading styles and HTML's `<h1>` … `<h6>` are exported.
public struct PDFTaggedHeading: Sendable, Equatable {
    public var text: String
    /// 1 for `H1`.
    public var level: Int
    /// 1-based, when the element names its page.
    public var page: Int?
}

extension PDFDocument {
    /// The tagged headings in reading order; empty for an untagged PDF. The
    /// walk is bounded, since a hostile file may nest or repeat elements
    /// without end, and does not descend into headings or content.
    public func taggedHeadings(maxElements: Int = 200_000, maxDepth: Int = 64) -> [PDFTaggedHeading] {
        var headings: [PDFTaggedHeading] = []
        var visited = 0
        func walk(_ iter: OpaquePointer, depth: Int) {
            repeat {
                visited += 1
                guard visited <= maxElements, let element = poppler_structure_element_iter_get_element(iter) else { return }
                defer { diarium_object_unref(UnsafeMutableRawPointer(element)) }
                if poppler_structure_element_is_content(element) != 0 { continue }
                if let level = Self.headingLevel(poppler_structure_element_get_kind(element)) {
                    if let text = takeString(poppler_structure_element_get_text(element, POPPLER_STRUCTURE_GET_TEXT_RECURSIVE))
                        .map(Self.undoingDoubleDecoding) {
                        let page = poppler_structure_element_get_page(element)
                        headings.append(PDFTaggedHeading(text: text, level: level, page: page >= 0 ? Int(page) + 1 : nil))
                    }
                    continue
                }
                if depth < maxDepth, let child = poppler_structure_element_iter_get_child(iter) {
                    walk(child, depth: depth + 1)
                    poppler_structure_element_iter_free(child)
                }
            } while poppler_structure_element_iter_next(iter) != 0
        }
        guard let root = poppler_structure_element_iter_new(typed) else { return [] }
        walk(root, depth: 1)
        poppler_structure_element_iter_free(root)
        return headings
    }

    /// poppler-glib (22.x) reads the structure's UTF-8 text as if it were
    /// PDFDocEncoding and encodes it again: `Övrigt` comes back `ÃŒvrigt`.
    /// Mapping each character back to its PDFDocEncoding byte restores the
    /// UTF-8; text that does not come back as valid UTF-8 was right already.
    public static func undoingDoubleDecoding(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 || (0xA1...0xFF).contains(scalar.value) {
                bytes.append(UInt8(scalar.value))
            } else if let byte = pdfDocEncodingHighBytes[scalar] {
                bytes.append(byte)
            } else {
                return text
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? text
    }

    /// PDFDocEncoding's bytes 0x80–0xA0, where it differs from Latin-1.
    private static let pdfDocEncodingHighBytes: [Unicode.Scalar: UInt8] = {
        let scalars: [UInt32] = [0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
                                 0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
                                 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
                                 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E]
        var table: [Unicode.Scalar: UInt8] = [:]
        for (offset, value) in scalars.enumerated() {
            if let scalar = Unicode.Scalar(value) { table[scalar] = UInt8(0x80 + offset) }
        }
        table["\u{20AC}"] = 0xA0
        return table
    }()

    private static func headingLevel(_ kind: PopplerStructureElementKind) -> Int? {
        switch kind {
        case POPPLER_STRUCTURE_ELEMENT_HEADING_1: 1
        case POPPLER_STRUCTURE_ELEMENT_HEADING_2: 2
        case POPPLER_STRUCTURE_ELEMENT_HEADING_3: 3
        case POPPLER_STRUCTURE_ELEMENT_HEADING_4: 4
        case POPPLER_STRUCTURE_ELEMENT_HEADING_5: 5
        case POPPLER_STRUCTURE_ELEMENT_HEADING_6: 6
        default: nil
        }
    }
}
