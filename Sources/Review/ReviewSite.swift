import DocumentModel
import Emit
import Foundation
import PDFText
import PipelineCore

/// One converted document as the review pages show it.
struct ReviewedDocument {
    /// Output name, relative to the output folder, without extension (`2025/a`): the decisions file's key.
    var name: String
    var output: OutputDocument
    /// The source PDF on this machine, when it can be found.
    var pdf: URL?

    var id: String { output.source.id }
    var pageFile: String { "doc-\(id).html" }
    static func imageFile(id: String, page: Int) -> String { "pages/\(id)-\(page).png" }
    var damage: Double { output.quality?.damage ?? 0 }
    /// Diagnostics that are not mere information: the structure warnings a reviewer should see.
    var warnings: [OutputDiagnostic] { output.diagnostics.filter { $0.severity != "info" } }
}

/// What `diarium review` wrote.
public struct ReviewSummary: Sendable {
    public var documents: Int
    public var imagesRendered: Int
    public var index: URL
    /// Outputs that could not be read, and documents whose PDF was not found (no page images).
    public var problems: [(file: String, cause: String)]
    /// Each document's `source.file`, by output name: what the server accepts decisions for.
    public var sources: [String: String]
}

/// Writes the review pages of an output folder: `<out>/review/index.html`, a
/// page per document, the page images, the style sheet and the script.
public struct ReviewSite: Sendable {
    public var outputFolder: URL
    /// Folders where source PDFs are looked for by their `source.file`, besides
    /// where the run journal saw them.
    public var pdfRoots: [URL]
    /// Resolution of the page images.
    public var dpi: Double

    public init(outputFolder: URL, pdfRoots: [URL] = [], dpi: Double = 100) {
        self.outputFolder = outputFolder
        self.pdfRoots = pdfRoots
        self.dpi = dpi
    }

    public var folder: URL { outputFolder.appendingPathComponent("review", isDirectory: true) }

    public func write() throws -> ReviewSummary {
        var problems: [(String, String)] = []
        let documents = readDocuments(problems: &problems)
        guard !documents.isEmpty else {
            throw PipelineError.output(outputFolder.path, "no diarium .json outputs here to review; convert into it first (diarium convert … -o \(outputFolder.path))")
        }
        let decisions = try ReviewDecisionsStore.load(outputFolder: outputFolder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
        var rendered = 0
        for document in documents {
            if document.pdf == nil {
                problems.append((document.output.source.file, "source PDF not found, so no page images (give its folder with --pdf-root)"))
            }
            rendered += renderImages(document, problems: &problems)
            let html = ReviewHTML.documentPage(document, decisions: decisions.documents[document.name], hasImages: document.pdf != nil)
            try write(html, to: document.pageFile)
        }
        removeStaleImages(keeping: Set(documents.map(\.id)))
        try write(ReviewHTML.index(documents, decisions: decisions), to: "index.html")
        try write(ReviewAssets.css, to: "review.css")
        try write(ReviewAssets.script, to: "review.js")
        return ReviewSummary(documents: documents.count, imagesRendered: rendered, index: folder.appendingPathComponent("index.html"),
                             problems: problems,
                             sources: Dictionary(documents.map { ($0.name, $0.output.source.file) }, uniquingKeysWith: { first, _ in first }))
    }

    private func write(_ text: String, to relative: String) throws {
        try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(relative))
    }

    /// Every document output under the folder, by name; the review folder, the
    /// cache and the run reports are not documents.
    func readDocuments(problems: inout [(String, String)]) -> [ReviewedDocument] {
        let journalSources = knownSources()
        let base = outputFolder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: outputFolder, includingPropertiesForKeys: [.isDirectoryKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var found: [ReviewedDocument] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            let relative = String(path.dropFirst(base.count + 1))
            if relative == "review" { walker.skipDescendants(); continue }
            // report.json and report-shard-K-of-N.json sit at the top.
            guard relative.hasSuffix(".json"), !(relative.hasPrefix("report") && !relative.contains("/")) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append((relative, "cannot read"))
                continue
            }
            // Other JSON files may share the folder; only diarium outputs with locations (schema 1.4) are reviewed.
            guard let output = try? JSONDecoder().decode(OutputDocument.self, from: data) else {
                problems.append((relative, "not a diarium document output"))
                continue
            }
            guard Self.minor(output.schemaVersion) >= 4 else {
                problems.append((relative, "written with schema \(output.schemaVersion), before corrections had locations; convert again (--from emit)"))
                continue
            }
            let name = String(relative.dropLast(".json".count))
            found.append(ReviewedDocument(name: name, output: output, pdf: locatePDF(output.source, sources: journalSources)))
        }
        return found.sorted { $0.name < $1.name }
    }

    private static func minor(_ version: String) -> Int {
        let parts = version.split(separator: ".")
        return parts.count == 2 && parts[0] == "1" ? Int(parts[1]) ?? 0 : 0
    }

    private func knownSources() -> [String: HashedFile] {
        guard FileManager.default.fileExists(atPath: Journal.file(in: outputFolder).path),
              let journal = try? Journal(outputFolder: outputFolder) else { return [:] }
        return journal.sourceFiles()
    }

    /// Where the run journal last saw a file with the source's content, else the
    /// source's path under a `--pdf-root` or the working folder, checked by size.
    private func locatePDF(_ source: OutputSource, sources: [String: HashedFile]) -> URL? {
        let seen = sources.filter { $0.value.sha256 == source.sha256 && FileManager.default.fileExists(atPath: $0.key) }
            .map(\.key).sorted { ($0.hasSuffix(source.file) ? 0 : 1, $0) < ($1.hasSuffix(source.file) ? 0 : 1, $1) }
        if let path = seen.first { return URL(fileURLWithPath: path) }
        let roots = pdfRoots + [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        for root in roots {
            let candidate = root.appendingPathComponent(source.file)
            if let size = (try? FileManager.default.attributesOfItem(atPath: candidate.path))?[.size] as? Int, size == source.byteCount {
                return candidate
            }
        }
        return nil
    }

    /// Renders the pages whose image is missing. An image is named by the
    /// document id, which changes with the PDF's content, so a changed source
    /// gets new images and an existing one is never stale.
    private func renderImages(_ document: ReviewedDocument, problems: inout [(String, String)]) -> Int {
        guard let pdf = document.pdf else { return 0 }
        let missing = (1...max(1, document.output.source.pages)).filter {
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent(ReviewedDocument.imageFile(id: document.id, page: $0)).path)
        }
        guard !missing.isEmpty else { return 0 }
        do {
            let opened = try PDFDocument(path: pdf.path)
            var count = 0
            for number in missing {
                guard let page = opened.page(at: number - 1) else { continue }
                try page.writePNG(dpi: dpi, to: folder.appendingPathComponent(ReviewedDocument.imageFile(id: document.id, page: number)))
                count += 1
            }
            return count
        } catch {
            problems.append((document.output.source.file, "page images: \(error)"))
            return 0
        }
    }

    /// Images of documents no longer in the folder (or of an earlier version of one).
    private func removeStaleImages(keeping ids: Set<String>) {
        let pages = folder.appendingPathComponent("pages")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: pages.path)) ?? [] where file.hasSuffix(".png") {
            let id = file.split(separator: "-").first.map(String.init) ?? ""
            if !ids.contains(id) { try? FileManager.default.removeItem(at: pages.appendingPathComponent(file)) }
        }
    }
}
