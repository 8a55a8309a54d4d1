import DocumentModel
import Emit
import FlyingFox
import Foundation
import PipelineCore
@testable import Review
import XCTest

/// The review pages: what they show, that document text stays text, and, in a
/// real browser, that a click on a flag's decision is saved.
final class ReviewPageTests: XCTestCase {
    static let root = DecisionsOnConvertTests.root

    func testPagesRankByDamageAndShowImagesCorrectionsFlagsAndSections() throws {
        let (inputs, output) = try DecisionsOnConvertTests.converted()
        // Just copied, the PDFs are too new for the journal to have stamped them, so they are found by --pdf-root.
        let summary = try ReviewSite(outputFolder: output, pdfRoots: [inputs]).write()
        XCTAssertEqual(summary.documents, 2)
        XCTAssertTrue(summary.problems.isEmpty, "\(summary.problems)")
        let scan = try DecisionsOnConvertTests.output(output, "scan/tjansteutlatande-2017-54")
        let born = try DecisionsOnConvertTests.output(output, "born/tjansteutlatande-2017-54")
        XCTAssertEqual(summary.imagesRendered, scan.source.pages + born.source.pages)
        let index = try String(contentsOf: summary.index, encoding: .utf8)
        let scanAt = try XCTUnwrap(index.range(of: "doc-\(scan.source.id).html")), bornAt = try XCTUnwrap(index.range(of: "doc-\(born.source.id).html"))
        XCTAssertLessThan(scanAt.lowerBound, bornAt.lowerBound, "the damaged scan ranks first")
        XCTAssertTrue(index.contains("<td class=\"num\">\(scan.corrections.count)</td><td class=\"num\">\(scan.reviewFlags.count)</td>"))

        let page = try String(contentsOf: output.appendingPathComponent("review/doc-\(scan.source.id).html"), encoding: .utf8)
        let image = output.appendingPathComponent("review/pages/\(scan.source.id)-1.png")
        XCTAssertEqual(try Data(contentsOf: image).prefix(4), Data([0x89, 0x50, 0x4E, 0x47]), "page images are PNG")
        XCTAssertTrue(page.contains("src=\"pages/\(scan.source.id)-1.png\""))
        let located = try XCTUnwrap(scan.corrections.first { $0.location != nil })
        XCTAssertTrue(page.contains("data-orig=\"\(ReviewHTML.escape(located.original))\""), "a correction shows its printed word")
        XCTAssertEqual(page.components(separatedBy: "<mark class=\"flag\" tabindex").count - 1,
                       scan.reviewFlags.filter { $0.location != nil }.count)
        let firstSection = try XCTUnwrap(scan.sections.first)
        XCTAssertTrue(page.contains("<a href=\"#\(firstSection.id)\">"), "the section tree links the sections")

        // A second run renders no image again: they are named by the document id, which changes with the PDF.
        let modified = try FileManager.default.attributesOfItem(atPath: image.path)[.modificationDate] as? Date
        XCTAssertEqual(try ReviewSite(outputFolder: output, pdfRoots: [inputs]).write().imagesRendered, 0)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: image.path)[.modificationDate] as? Date, modified)
    }

    func testDocumentTextIsEscapedEverywhere() throws {
        let (_, output) = try DecisionsOnConvertTests.converted()
        var document = try DecisionsOnConvertTests.output(output, "scan/tjansteutlatande-2017-54")
        let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
        document.metadata.title = hostile
        document.sections[0].heading = hostile
        XCTAssertFalse(document.reviewFlags.isEmpty)
        for index in document.reviewFlags.indices {
            document.reviewFlags[index].word = hostile
            document.reviewFlags[index].candidates = [hostile]
        }
        let html = ReviewHTML.documentPage(ReviewedDocument(name: "x\"><b>", output: document, pdf: nil), decisions: nil, hasImages: false)
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"))
        let index = ReviewHTML.index([ReviewedDocument(name: "a", output: document, pdf: nil)], decisions: ReviewDecisionsFile())
        XCTAssertFalse(index.contains("<script>alert"))
    }

    func testTheServerSavesOnlyDecisionsForItsDocumentsAndServesNothingOutsideItsFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-review-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("review"), withIntermediateDirectories: true)
        let recorder = DecisionRecorder(outputFolder: folder, documents: ["a/b": "a/b.pdf"])
        let decision = ReviewDecision(target: .flag, action: .accept, page: 2, word: "bada", replacement: "båda", before: "x ", after: " y")
        let body = try JSONEncoder().encode(DecisionRecorder.Posted(document: "a/b", decision: decision))
        let first = try await recorder.record(body)
        XCTAssertEqual(first, 1)
        let again = try await recorder.record(body)
        XCTAssertEqual(again, 1, "the same word decided again replaces the decision")
        let other = try JSONEncoder().encode(DecisionRecorder.Posted(document: "../etc", decision: decision))
        do {
            _ = try await recorder.record(other)
            XCTFail("a decision for an unknown document is refused")
        } catch is DecisionRecorder.Refusal {}
        let saved = try ReviewDecisionsStore.load(outputFolder: folder)
        XCTAssertEqual(saved.documents["a/b"]?.decisions.map(\.replacement), ["båda"])
        XCTAssertEqual(saved.documents["a/b"]?.source, "a/b.pdf")
        XCTAssertNotNil(saved.documents["a/b"]?.decisions.first?.decidedAt)

        func request(_ headers: [String: String]) -> HTTPRequest {
            HTTPRequest(method: .POST, version: .http11, path: "/api/decisions", query: [],
                        headers: Dictionary(uniqueKeysWithValues: headers.map { (HTTPHeader($0.key), $0.value) }), body: Data())
        }
        XCTAssertNil(ReviewServer.foreign(request(["Content-Type": "application/json", "Host": "127.0.0.1:8017",
                                                   "Origin": "http://127.0.0.1:8017"])))
        XCTAssertNotNil(ReviewServer.foreign(request(["Content-Type": "text/plain", "Host": "127.0.0.1:8017"])), "a form post from another site")
        XCTAssertNotNil(ReviewServer.foreign(request(["Content-Type": "application/json", "Host": "evil.example:8017"])), "DNS rebinding")
        XCTAssertNotNil(ReviewServer.foreign(request(["Content-Type": "application/json", "Host": "127.0.0.1:8017",
                                                      "Origin": "https://evil.example"])))

        XCTAssertEqual(ReviewServer.file(for: "/../journal", under: folder.appendingPathComponent("review")).statusCode, .notFound)
        XCTAssertEqual(ReviewServer.file(for: "/%2e%2e/x", under: folder.appendingPathComponent("review")).statusCode, .notFound)
        XCTAssertEqual(ReviewServer.file(for: "/decisions.json", under: folder.appendingPathComponent("review")).statusCode, .ok)
    }

    /// Headless Chromium loads the served page, takes a screenshot, clicks a
    /// flag's "keep as printed" with the mouse, and the decision is in the file.
    func testInABrowserAClickOnAFlagSavesTheDecision() async throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("headless Chromium is not installed (apt-get install chromium; scripts/setup.sh --test does it)")
        }
        _ = chromium
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("/usr/bin/python3 is not installed") }
        let (inputs, output) = try DecisionsOnConvertTests.converted()
        // Just copied, the PDFs are too new for the journal to have stamped them, so they are found by --pdf-root.
        let summary = try ReviewSite(outputFolder: output, pdfRoots: [inputs]).write()
        let name = "scan/tjansteutlatande-2017-54"
        let scan = try DecisionsOnConvertTests.output(output, name)
        let flagIndex = try XCTUnwrap(scan.reviewFlags.firstIndex { $0.location != nil }, "the scan has a located flag")
        let flag = scan.reviewFlags[flagIndex]

        let server = ReviewServer(folder: ReviewSite(outputFolder: output).folder,
                                  recorder: DecisionRecorder(outputFolder: output, documents: summary.sources), port: 0)
        let bound = PortBox()
        let serving = Task { try await server.run { bound.set($0) } }
        defer { serving.cancel() }
        let port = try await bound.wait(seconds: 10)

        let screenshot = output.appendingPathComponent("review-screenshot.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.root.appendingPathComponent("scripts/review-browser-check.py").path,
                             "http://127.0.0.1:\(port)/doc-\(scan.source.id).html",
                             "button[data-item=\"f\(flagIndex)\"][data-action=\"reject\"]", screenshot.path]
        let out = Pipe(), errors = Pipe()
        process.standardOutput = out
        process.standardError = errors
        try process.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, complaints)
        let answer = try XCTUnwrap(try JSONSerialization.jsonObject(with: printed) as? [String: Any], String(decoding: printed, as: UTF8.self))
        XCTAssertEqual(answer["ready"] as? String, "serve", "the page found the server")
        XCTAssertTrue((answer["status"] as? String)?.hasPrefix("Saved") == true, "\(answer)")
        XCTAssertEqual(answer["decided"] as? String, "reject")
        let shot = try Data(contentsOf: screenshot)
        XCTAssertEqual(shot.prefix(4), Data([0x89, 0x50, 0x4E, 0x47]))
        XCTAssertGreaterThan(shot.count, 20_000, "the screenshot shows a rendered page, not a blank one")

        let saved = try XCTUnwrap(ReviewDecisionsStore.load(outputFolder: output).documents[name]?.decisions)
        XCTAssertEqual(saved.count, 1)
        XCTAssertEqual(saved.first?.target, .flag)
        XCTAssertEqual(saved.first?.action, .reject)
        XCTAssertEqual(saved.first?.word, flag.word)
        XCTAssertEqual(saved.first?.block, flag.location?.block)
        XCTAssertEqual(saved.first?.originalStart, flag.location?.originalStart)
    }
}

private struct NotListening: Error {}

/// The port the server bound, handed from its task to the test.
private final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: UInt16?

    func set(_ value: UInt16) { lock.withLock { port = value } }

    func wait(seconds: Double) async throws -> UInt16 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let port = lock.withLock({ port }) { return port }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw NotListening()
    }
}
