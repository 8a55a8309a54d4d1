import DocumentModel
import Extract
import Foundation
import OCRText
import PDFText
import PipelineCore

/// Reads page images with Tesseract's Swedish model: pages without a text
/// layer, and (when asked) pages whose text layer another OCR engine wrote
/// so badly that reading the image again beats repairing the text. Text
/// from a born-digital PDF is never replaced.
public struct OCRStage: DocumentStage {
    public static let id = "ocr"
    public static let version = 2
    public static let summary = "reads scanned pages with Tesseract (Swedish model): pages without text, and optionally pages whose OCR text layer is damaged"

    /// When a page that has an OCR text layer is read again.
    public enum ReOCR: String, Codable, Sendable {
        /// Never: such pages are left to the repair stage.
        case never
        /// When the page's damage estimate reaches `reocrDamage`.
        case damaged
    }

    public struct Settings: StageSettings {
        /// Tesseract languages, `+`-joined (`swe`, `swe+eng`); each needs its model (Debian: tesseract-ocr-<lang>).
        public var languages = "swe"
        /// Resolution the page is rendered at for recognition.
        public var dpi = 300
        /// Read pages that have no text layer.
        public var imagePages = true
        /// Read pages with a damaged OCR text layer again: `never` or `damaged`.
        public var reocr = ReOCR.never
        /// Damage estimate (0…1) from which `reocr: damaged` reads a page again.
        public var reocrDamage = 0.5
        /// A page read with a lower mean word confidence (0…100) gets a warning.
        public var lowConfidence = 70.0
        /// Erase the dotted leaders of tables of contents from the image before reading it.
        public var eraseLeaders = true
        /// Tell bold lines of scanned pages from the page image (an OCR text layer has no
        /// faces, and a heading set in bold at body size shows by nothing else).
        public var measureWeight = true
        /// How much wider than the body's a line's strokes must be to count as bold.
        public var boldStroke = 1.3
        public init() {}
    }

    let settings: Settings
    private let engines: EnginePool

    public init(settings: Settings) throws {
        guard (72...1200).contains(settings.dpi) else {
            throw PipelineError.pipelineFile("ocr", "dpi must be between 72 and 1200 (300 suits Tesseract)")
        }
        guard (0...1).contains(settings.reocrDamage) else {
            throw PipelineError.pipelineFile("ocr", "reocrDamage must be between 0 and 1")
        }
        guard settings.boldStroke.isFinite, settings.boldStroke > 1 else {
            throw PipelineError.pipelineFile("ocr", "boldStroke must be a ratio above 1 (1.3 suits most scans)")
        }
        self.settings = settings
        engines = try EnginePool(languages: settings.languages)
    }

    public func run(_ document: Document, context: StageContext) throws -> Document {
        let pageLines = PageAssembly.pageLines(of: document)
        let plan = plan(document, pageLines: pageLines)
        var result = document
        result.diagnostics += plan.notes
        let layered = settings.measureWeight ? document.pages.indices.filter { Self.isOCRTextLayer(pageLines[$0]) } : []
        guard !plan.pages.isEmpty || !layered.isEmpty else { return result }

        let pdf = try openSource(document, at: context.sourceURL)
        var lines = pageLines
        var pages = document.pages
        var done: [Int: (info: OCRInfo, lines: [TextLine])] = [:]
        var unrendered: [Diagnostic] = []
        if !plan.pages.isEmpty { try engines.withEngine { engine in
            for planned in plan.pages {
                let began = DispatchTime.now().uptimeNanoseconds
                if context.millisecondsLeft == 0 { throw context.timedOut(stage: Self.id) }
                guard let page = pdf.page(at: planned.index) else { continue }
                let image: PDFGrayImage
                do throws(PDFError) {
                    image = try page.renderGray(dpi: Double(settings.dpi))
                } catch {
                    let number = document.pages[planned.index].number
                    unrendered.append(Diagnostic(severity: .warning, id: "ocr.page.unrendered",
                                                 message: "page \(number): not read by OCR: \(error.detail)", page: number))
                    continue
                }
                // A page too large for the pixel limit comes back at a lower resolution.
                let dpi = Int(image.dpi)
                var pixels = image.pixels
                if settings.eraseLeaders, image.bytesPerRow == image.width {
                    LeaderDots.erase(pixels: &pixels, width: image.width, height: image.height, dpi: dpi)
                }
                let reading = Result { () throws(OCRError) -> OCRPageText in
                    try engine.recognize(GrayPixels(width: image.width, height: image.height,
                                                    bytesPerRow: image.bytesPerRow, pixels: pixels, dpi: dpi),
                                         milliseconds: context.millisecondsLeft)
                }
                if case .failure(let error) = reading, error.code == .deadline { throw context.timedOut(stage: Self.id) }
                let text = try reading.get()
                let read = RecognizedLines.lines(text, page: document.pages[planned.index].number, dpi: dpi,
                                                 font: "\(TextLine.ocrFontPrefix)tesseract-\(settings.languages)")
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
                let info = OCRInfo(engine: "tesseract \(Tesseract.version)", language: settings.languages, dpi: dpi,
                                   meanConfidence: text.meanConfidence, seconds: (seconds * 1000).rounded() / 1000,
                                   reason: planned.damage == nil ? .noTextLayer : .damagedTextLayer,
                                   replacedDamage: planned.damage.map { ($0 * 1000).rounded() / 1000 })
                done[planned.index] = (info, read)
                context.logger.debug("ocr: page \(planned.index + 1): \(read.count) lines, confidence \(Int(text.meanConfidence)), \(String(format: "%.2f", seconds)) s")
            }
        } }

        var diagnostics = unrendered
        var readPages = Set<Int>()
        for planned in plan.pages {
            guard let (info, read) = done[planned.index] else { continue }
            let number = pages[planned.index].number
            if let old = planned.damage {
                // A second reading that looks no better than the first is not worth the swap.
                let new = PageDamage.estimate(read.map(\.text).joined(separator: "\n"))
                if read.isEmpty || new >= old {
                    diagnostics.append(Diagnostic(severity: .info, id: "ocr.page.kept",
                                                  message: "page \(number): the text layer was kept: reading the image again looked no better (damage \(Self.format(new)) against \(Self.format(old)))",
                                                  page: number))
                    continue
                }
            }
            lines[planned.index] = read
            pages[planned.index].ocr = info
            readPages.insert(number)
            diagnostics += notes(page: number, info: info, lines: read)
        }
        let read = pages.indices.filter { readPages.contains(pages[$0].number) }
        let weighed = settings.measureWeight
            ? markBold(&lines, onPages: Set(layered).union(read).sorted(), of: pdf, pages: pages, diagnostics: &diagnostics)
            : false
        guard !readPages.isEmpty || weighed else {
            result.diagnostics += diagnostics
            return result
        }

        // A stage sees only its own settings, so a document that had pages
        // read gets its layout rebuilt with extract's default settings, not
        // the pipeline's (the same today; documents without OCR'd pages are
        // returned above untouched).
        let layout = PageAssembly.assemble(pageLines: lines, pages: pages, settings: ExtractStage.Settings())
        result.pages = layout.pages
        result.blocks = layout.blocks
        // The page no longer needs OCR: its extract warning would mislead the run report.
        result.diagnostics.removeAll { $0.id == "extract.page.no-text" && $0.page.map(readPages.contains) == true }
        result.diagnostics += diagnostics
        return result
    }

    /// Marks the lines of scanned pages whose strokes are bold; true when any
    /// line changed. A page that cannot be rendered keeps its lines as they are.
    private func markBold(_ lines: inout [[TextLine]], onPages indices: [Int], of pdf: PDFDocument, pages: [Page],
                          diagnostics: inout [Diagnostic]) -> Bool {
        var weights: [(page: Int, line: Int, weight: Double?, characters: Int)] = []
        for index in indices {
            guard let page = pdf.page(at: index) else { continue }
            let image: PDFGrayImage
            do {
                image = try page.renderGray(dpi: Self.weightDPI)
            } catch {
                diagnostics.append(Diagnostic(severity: .info, id: "ocr.page.weight",
                                              message: "page \(pages[index].number): bold type was not measured: \(error.detail)",
                                              page: pages[index].number))
                continue
            }
            for (position, line) in lines[index].enumerated() where line.isOCRText {
                // Digits and a short word are too few strokes to judge.
                let measurable = line.text.unicodeScalars.filter(CharacterSet.letters.contains).count >= 5
                weights.append((index, position, measurable ? StrokeWeight.measure(image, box: line.box, size: line.size) : nil,
                                line.text.count))
            }
        }
        let relative = StrokeWeight.relativeWeights(weights.map { ($0.page, $0.weight, $0.characters) })
        var bold = relative.map { ($0 ?? 0) >= settings.boldStroke }
        // A line too short to judge takes the face of its nearer neighbour on the page:
        // `§ 162` that of the title below it, a title's last word `2018` that of the title above.
        func box(_ position: Int) -> Box { lines[weights[position].page][weights[position].line].box }
        for position in weights.indices where relative[position] == nil {
            let page = weights[position].page
            let before = (0..<position).last { weights[$0].page == page && relative[$0] != nil }
            let after = (position + 1..<weights.count).first { weights[$0].page == page && relative[$0] != nil }
            let above = before.map { box(position).y - box($0).maxY } ?? .infinity
            let below = after.map { box($0).y - box(position).maxY } ?? .infinity
            if let nearer = above <= below ? before : after { bold[position] = bold[nearer] }
        }
        var changed = false
        for (entry, isBold) in zip(weights, bold) where lines[entry.page][entry.line].bold != isBold {
            let line = lines[entry.page][entry.line]
            lines[entry.page][entry.line] = TextLine(page: line.page, text: line.text, box: line.box,
                                                     spans: line.allSpans.map { span in
                                                         var span = span
                                                         span.bold = isBold
                                                         return span
                                                     }, words: line.words)
            changed = true
        }
        return changed
    }

    /// Stems of body type are a few pixels wide at this resolution: enough to tell bold apart, cheap to render.
    private static let weightDPI = 200.0

    private struct PlannedPage {
        /// 0-based.
        var index: Int
        /// The damage estimate of the text layer to replace; nil for a page without one.
        var damage: Double?
    }

    /// Which pages to read, and notes on damaged pages left alone.
    private func plan(_ document: Document, pageLines: [[TextLine]]) -> (pages: [PlannedPage], notes: [Diagnostic]) {
        var planned: [PlannedPage] = []
        var notes: [Diagnostic] = []
        for (index, page) in document.pages.enumerated() where page.ocr == nil {
            if !page.hasTextLayer {
                if settings.imagePages { planned.append(PlannedPage(index: index, damage: nil)) }
                continue
            }
            // Born-digital text is the source itself; only another engine's guesses are replaced.
            guard Self.isOCRTextLayer(pageLines[index]) else { continue }
            let damage = PageDamage.estimate(pageLines[index].map(\.text).joined(separator: "\n"))
            guard damage >= settings.reocrDamage else { continue }
            switch settings.reocr {
            case .damaged:
                planned.append(PlannedPage(index: index, damage: damage))
            case .never:
                notes.append(Diagnostic(severity: .info, id: "ocr.page.damaged",
                                        message: "page \(page.number): its OCR text layer looks damaged (\(Self.format(damage))); `reocr: damaged` in the ocr stage's settings would read the image again",
                                        page: page.number))
            }
        }
        return (planned, notes)
    }

    private func notes(page: Int, info: OCRInfo, lines: [TextLine]) -> [Diagnostic] {
        let how = "\(info.engine), \(info.language), \(info.dpi) dpi, mean confidence \(Int(info.meanConfidence.rounded()))"
        var notes: [Diagnostic] = []
        switch info.reason {
        case .noTextLayer:
            notes.append(Diagnostic(severity: .info, id: "ocr.page.read",
                                    message: "page \(page) had no text layer: read by OCR (\(how))", page: page))
        case .damagedTextLayer:
            notes.append(Diagnostic(severity: .info, id: "ocr.page.reread",
                                    message: "page \(page): its damaged OCR text layer (\(Self.format(info.replacedDamage ?? 0))) was replaced by a new reading (\(how))",
                                    page: page))
        }
        if lines.isEmpty {
            notes.append(Diagnostic(severity: .warning, id: "ocr.page.empty",
                                    message: "page \(page): OCR found no text (a blank page or a picture?)", page: page))
        } else if info.meanConfidence < settings.lowConfidence {
            notes.append(Diagnostic(severity: .warning, id: "ocr.page.low-confidence",
                                    message: "page \(page): OCR mean confidence \(Int(info.meanConfidence.rounded())) is below \(Int(settings.lowConfidence)); the scan may be poor, check its text",
                                    page: page))
        }
        return notes
    }

    /// The page's text was written by an OCR engine: most of its characters
    /// are in the invisible placeholder font such engines use.
    static func isOCRTextLayer(_ lines: [TextLine]) -> Bool {
        var ocr = 0, all = 0
        for line in lines {
            all += line.text.count
            if line.isInvisibleOCRText { ocr += line.text.count }
        }
        return all > 0 && ocr * 2 > all
    }

    /// The source PDF, checked to be the file the document was extracted from.
    private func openSource(_ document: Document, at sourceURL: URL?) throws -> PDFDocument {
        let url = sourceURL ?? URL(fileURLWithPath: document.source.file)
        let path = url.path
        guard let current = try? ContentHash.sha256(fileAt: url), current.hash == document.source.sha256 else {
            throw StageError(stage: Self.id, document: path,
                             message: "the PDF is missing or changed since it was extracted; run the conversion again from the start")
        }
        return try PDFDocument(path: path)
    }

    private static func format(_ damage: Double) -> String { String(format: "%.2f", damage) }
}
