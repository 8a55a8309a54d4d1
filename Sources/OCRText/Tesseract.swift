import CTesseract
import Foundation

/// A rectangle in image pixels, origin at the top-left.
public struct PixelBox: Sendable, Equatable {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    public var width: Int { right - left }
    public var height: Int { bottom - top }
}

/// One recognised word.
public struct OCRWord: Sendable, Equatable {
    public var text: String
    public var box: PixelBox
    /// Tesseract's confidence, 0…100.
    public var confidence: Double
}

/// A line's baseline from two of its points; tilted on a skewed scan.
public struct Baseline: Sendable, Equatable {
    public var x1: Int, y1: Int, x2: Int, y2: Int

    /// The baseline's height at `x`.
    public func y(at x: Double) -> Double {
        x2 == x1 ? Double(y1) : Double(y1) + Double(y2 - y1) / Double(x2 - x1) * (x - Double(x1))
    }
}

/// One text line as Tesseract grouped it, with the paragraph and block it
/// belongs to (indexes count from 0 over the page).
public struct OCRLine: Sendable, Equatable {
    public var words: [OCRWord]
    public var box: PixelBox
    /// Where the letters stand: with it a word's height above the baseline
    /// says the type size, which the line box (with or without descenders)
    /// does not.
    public var baseline: Baseline?
    public var paragraph: Int
    public var block: Int
}

/// What Tesseract read on one image.
public struct OCRPageText: Sendable, Equatable {
    public var lines: [OCRLine]
    /// Tesseract's mean word confidence, 0…100 (0 when nothing was read).
    public var meanConfidence: Double
}

/// An 8-bit grey image handed to Tesseract.
public struct GrayPixels: Sendable {
    public var width: Int
    public var height: Int
    public var bytesPerRow: Int
    public var pixels: [UInt8]
    public var dpi: Int

    public init(width: Int, height: Int, bytesPerRow: Int, pixels: [UInt8], dpi: Int) {
        self.width = width
        self.height = height
        self.bytesPerRow = bytesPerRow
        self.pixels = pixels
        self.dpi = dpi
    }
}

/// libtesseract, opened on first use (see the CTesseract shim for why it is
/// not linked).
enum TesseractLibrary {
    /// Debian's sonames for Tesseract 5 and 4, then the development link.
    static let names = ["libtesseract.so.5", "libtesseract.so.4", "libtesseract.so"]

    static let api: Result<DiariumTesseract, OCRError> = {
        var reasons: [String] = []
        for name in names {
            guard let library = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? name)
                continue
            }
            let table = UnsafeMutablePointer<DiariumTesseract>.allocate(capacity: 1)
            defer { table.deallocate() }
            if let missing = diarium_tesseract_bind(library, table) {
                dlclose(library)
                reasons.append("\(name) has no \(String(cString: missing))")
                continue
            }
            // The library stays open for the life of the process.
            return .success(table.move())
        }
        return .failure(OCRError(code: .initialisation,
                                 message: "Tesseract could not be loaded (\(reasons.joined(separator: "; "))); install libtesseract5 (apt-get install libtesseract5)"))
    }()

    static func load() throws(OCRError) -> DiariumTesseract {
        try api.get()
    }
}

/// Owns a `TessBaseAPI` with its models loaded. Not thread-safe: Tesseract
/// keeps the page being read inside the handle, so one thread at a time
/// uses it; a batch keeps one per document in flight (`EnginePool` in OCR).
public final class Tesseract {
    private let handle: OpaquePointer
    private let api: DiariumTesseract
    /// The Tesseract language string it was loaded with (`swe`, `swe+eng`).
    public let languages: String

    /// The library's version, e.g. `5.3.0` (loads the library).
    public static let version: String = {
        guard let api = try? TesseractLibrary.load() else { return "unavailable" }
        return api.TessVersion().map { String(cString: $0) } ?? "unknown"
    }()

    /// Loads the models for `languages` from the tessdata folder found by
    /// `Tessdata.check`, which also names the package of a missing model.
    public init(languages: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(OCRError) {
        let folder = try Tessdata.check(languages, environment: environment)
        let api = try TesseractLibrary.load()
        guard let handle = api.TessBaseAPICreate() else {
            throw OCRError(code: .initialisation, message: "Tesseract could not allocate its engine")
        }
        // `debug_file` is read only at initialisation; without it Tesseract
        // writes notes such as "Estimating resolution" to the batch's stderr.
        var names = [strdup("debug_file")]
        var values = [strdup("/dev/null")]
        defer { (names + values).forEach { free($0) } }
        let status = api.TessBaseAPIInit4(handle, folder, languages, OEM_LSTM_ONLY, nil, 0,
                                      &names, &values, names.count, 0)
        guard status == 0 else {
            api.TessBaseAPIDelete(handle)
            throw OCRError(code: .initialisation,
                           message: "Tesseract could not load `\(languages)` from \(folder) (damaged or incompatible .traineddata?); reinstall \(Tessdata.languages(languages).map(Tessdata.debianPackage).joined(separator: " "))")
        }
        // Scans of council documents are dark text on light paper: reading
        // each doubtful line again inverted costs time and finds nothing.
        _ = api.TessBaseAPISetVariable(handle, "tessedit_do_invert", "0")
        self.handle = handle
        self.api = api
        self.languages = languages
    }

    deinit {
        api.TessBaseAPIEnd(handle)
        api.TessBaseAPIDelete(handle)
    }

    /// Reads a grey image laid out as one page (automatic page segmentation).
    /// With `milliseconds`, Tesseract gives up once that time has passed
    /// (its own deadline, checked between words) and this throws `.deadline`.
    public func recognize(_ image: GrayPixels, milliseconds: Int? = nil) throws(OCRError) -> OCRPageText {
        guard image.width > 0, image.height > 0, image.bytesPerRow >= image.width,
              image.pixels.count >= image.bytesPerRow * (image.height - 1) + image.width else {
            throw OCRError(code: .badImage, message: "the page image is empty or smaller than its stated size (\(image.width) × \(image.height))")
        }
        // Per page: libgomp may keep the setting per thread, and batch
        // workers are Dispatch threads it has not seen before.
        api.omp_set_max_active_levels?(0)
        // The image is copied by SetImage into Tesseract's own Pix, so the
        // buffer only needs to live through this call.
        image.pixels.withUnsafeBufferPointer { buffer in
            api.TessBaseAPISetImage(handle, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.bytesPerRow))
        }
        api.TessBaseAPISetSourceResolution(handle, Int32(image.dpi))
        defer { api.TessBaseAPIClear(handle) }
        var monitor: OpaquePointer?
        if let milliseconds {
            monitor = api.TessMonitorCreate()
            if let monitor { api.TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: max(1, milliseconds))) }
        }
        defer { if let monitor { api.TessMonitorDelete(monitor) } }
        let began = DispatchTime.now().uptimeNanoseconds
        let status = api.TessBaseAPIRecognize(handle, monitor)
        if let milliseconds, Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6 >= Double(milliseconds) {
            throw OCRError(code: .deadline, message: "Tesseract stopped at its deadline of \(milliseconds) ms")
        }
        guard status == 0 else {
            throw OCRError(code: .recognition, message: "Tesseract failed to recognise the page")
        }
        let confidence = Double(max(0, api.TessBaseAPIMeanTextConf(handle)))
        guard let iterator = api.TessBaseAPIGetIterator(handle) else {
            return OCRPageText(lines: [], meanConfidence: 0)
        }
        defer { api.TessResultIteratorDelete(iterator) }
        return OCRPageText(lines: lines(iterator), meanConfidence: confidence)
    }

    /// Walks the result word by word, opening a new line, paragraph or block
    /// where Tesseract says one begins.
    private func lines(_ iterator: OpaquePointer) -> [OCRLine] {
        guard let page = api.TessResultIteratorGetPageIteratorConst(iterator) else { return [] }
        var lines: [OCRLine] = []
        var block = -1, paragraph = -1
        repeat {
            if api.TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0 { block += 1 }
            if api.TessPageIteratorIsAtBeginningOf(page, RIL_PARA) != 0 { paragraph += 1 }
            if api.TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 || lines.isEmpty,
               let box = boundingBox(page, RIL_TEXTLINE) {
                lines.append(OCRLine(words: [], box: box, baseline: baseline(page),
                                     paragraph: max(paragraph, 0), block: max(block, 0)))
            }
            guard let cText = api.TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: cText).trimmingCharacters(in: .whitespaces)
            api.TessDeleteText(cText)
            guard !text.isEmpty, !lines.isEmpty, let box = boundingBox(page, RIL_WORD) else { continue }
            let confidence = Double(api.TessResultIteratorConfidence(iterator, RIL_WORD))
            lines[lines.count - 1].words.append(OCRWord(text: text, box: box, confidence: confidence))
        } while api.TessResultIteratorNext(iterator, RIL_WORD) != 0
        return lines.filter { !$0.words.isEmpty }
    }

    private func boundingBox(_ page: OpaquePointer, _ level: TessPageIteratorLevel) -> PixelBox? {
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        guard api.TessPageIteratorBoundingBox(page, level, &left, &top, &right, &bottom) != 0 else { return nil }
        return PixelBox(left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom))
    }

    private func baseline(_ page: OpaquePointer) -> Baseline? {
        var x1: Int32 = 0, y1: Int32 = 0, x2: Int32 = 0, y2: Int32 = 0
        guard api.TessPageIteratorBaseline(page, RIL_TEXTLINE, &x1, &y1, &x2, &y2) != 0 else { return nil }
        return Baseline(x1: Int(x1), y1: Int(y1), x2: Int(x2), y2: Int(y2))
    }
}
