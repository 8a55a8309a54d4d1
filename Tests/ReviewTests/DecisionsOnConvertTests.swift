import DiariumCommands
import DocumentModel
import Emit
import Foundation
import Logging
import PipelineCore
import XCTest

/// Decisions saved by the review page change, on the next `convert`, the
/// documents they concern and no other.
final class DecisionsOnConvertTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    /// A scan (with corrections and flags) and a born-digital document, converted once.
    static func converted() throws -> (inputs: URL, output: URL) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-review-\(UUID().uuidString)")
        let inputs = base.appendingPathComponent("in")
        for (folder, file) in [("scan", "scanned-eng"), ("born", "born-digital")] {
            try FileManager.default.createDirectory(at: inputs.appendingPathComponent(folder), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: root.appendingPathComponent("samples/\(file)/tjansteutlatande-2017-54.pdf"),
                                             to: inputs.appendingPathComponent("\(folder)/tjansteutlatande-2017-54.pdf"))
        }
        let output = base.appendingPathComponent("out")
        _ = try convert(inputs, output)
        return (inputs, output)
    }

    @discardableResult
    static func convert(_ inputs: URL, _ output: URL) throws -> Batch.Summary {
        let pipeline = try PipelineDefinition.load(from: root.appendingPathComponent("Pipelines/council.yaml"))
        return try Batch(inputs: [inputs.path], outputFolder: output, pipeline: pipeline, jobs: 2)
            .run(registry: Stages.registry, logger: Logger(label: "test"))
    }

    static func output(_ folder: URL, _ name: String) throws -> OutputDocument {
        try JSONDecoder().decode(OutputDocument.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
    }

    /// The text of a published unit (paragraph, list item, heading) by id.
    static func unitText(_ document: OutputDocument, _ id: String) -> (text: String, original: String)? {
        func inBlocks(_ blocks: [OutputBlock]) -> (String, String)? {
            for block in blocks {
                switch block {
                case .paragraph(let p) where p.id == id: return (p.text, p.original)
                case .list(let list):
                    if let item = list.items.first(where: { $0.id == id }) { return (item.text, item.original) }
                default: continue
                }
            }
            return nil
        }
        func inSection(_ section: OutputSection) -> (String, String)? {
            if section.id == id { return (section.heading, section.headingOriginal) }
            return inBlocks(section.blocks) ?? section.sections.lazy.compactMap(inSection).first
        }
        return inBlocks(document.preamble) ?? document.sections.lazy.compactMap(inSection).first
    }

    static func decision(_ target: ReviewDecision.Target, _ action: ReviewDecision.Action, word: String, corrected: String? = nil,
                         replacement: String? = nil, page: Int, location: OutputTextLocation, in document: OutputDocument) throws -> ReviewDecision {
        let original = Array(try XCTUnwrap(unitText(document, location.block)).original.unicodeScalars)
        func text(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: original[range])
            return String(view)
        }
        return ReviewDecision(target: target, action: action, page: page, word: word, corrected: corrected, replacement: replacement,
                              before: text(max(0, location.originalStart - 24)..<location.originalStart),
                              after: text(location.originalEnd..<min(original.count, location.originalEnd + 24)),
                              block: location.block, originalStart: location.originalStart)
    }

    func testDecisionsChangeTheirDocumentOnTheNextConvertAndNoOther() throws {
        let (inputs, output) = try Self.converted()
        let scan = "scan/tjansteutlatande-2017-54"
        let before = try Self.output(output, scan)
        let located = before.corrections.filter { $0.location != nil && $0.original != $0.corrected }
        XCTAssertGreaterThan(located.count, 3, "the scan should need corrections")
        let rejected = located[0], handled = located[2]
        let rejectedAt = try XCTUnwrap(rejected.location), handledAt = try XCTUnwrap(handled.location)
        var decisions = DocumentDecisions(source: before.source.file)
        decisions.record(try Self.decision(.correction, .reject, word: rejected.original, corrected: rejected.corrected,
                                           page: rejected.page, location: rejectedAt, in: before))
        decisions.record(try Self.decision(.correction, .correct, word: handled.original, corrected: handled.corrected,
                                           replacement: "HANDRÄTTAT", page: handled.page, location: handledAt, in: before))
        let flag = before.reviewFlags.first { $0.location != nil }
        if let flag, let at = flag.location {
            decisions.record(try Self.decision(.flag, .accept, word: flag.word, replacement: "GODKÄNT", page: flag.page, location: at, in: before))
        }
        try ReviewDecisionsStore.save(ReviewDecisionsFile(documents: [scan: decisions]), outputFolder: output)

        let summary = try Self.convert(inputs, output)
        let byName = Dictionary(summary.report.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(byName["born/tjansteutlatande-2017-54"]?.status, "up to date", "a document without decisions is not redone")
        let redone = try XCTUnwrap(byName[scan])
        XCTAssertEqual(redone.status, "converted")
        XCTAssertTrue(redone.reused.contains("extract"), "extract is reused: \(redone.reused)")
        XCTAssertTrue(redone.ran.contains("repair"), "repair applies the decisions: \(redone.ran)")

        let after = try Self.output(output, scan)
        XCTAssertEqual(after.corrections.count, before.corrections.count - 1 + (flag == nil ? 0 : 1))
        let reverted = try XCTUnwrap(Self.unitText(after, rejectedAt.block))
        XCTAssertTrue(reverted.text.contains(rejected.original), "the rejected correction is reverted in \(rejectedAt.block)")
        let hand = try XCTUnwrap(after.corrections.first { $0.corrected == "HANDRÄTTAT" })
        XCTAssertEqual(hand.original, handled.original)
        XCTAssertEqual(hand.reason, "review.hand")
        XCTAssertTrue(try XCTUnwrap(Self.unitText(after, handledAt.block)).text.contains("HANDRÄTTAT"))
        if let flag {
            XCTAssertEqual(after.reviewFlags.count, before.reviewFlags.count - 1)
            XCTAssertEqual(after.corrections.first { $0.corrected == "GODKÄNT" }?.original, flag.word)
        }
        XCTAssertTrue(after.diagnostics.contains { $0.id == "repair.decisions" })
        XCTAssertFalse(after.diagnostics.contains { $0.id == "repair.decisions.unmatched" }, "\(after.diagnostics)")

        // The same decisions again (re-saved with new times) change nothing.
        var resaved = decisions
        for index in resaved.decisions.indices { resaved.decisions[index].decidedAt = "2030-01-01T00:00:00Z" }
        try ReviewDecisionsStore.save(ReviewDecisionsFile(documents: [scan: resaved]), outputFolder: output)
        XCTAssertEqual(try Self.convert(inputs, output).upToDate, 2)

        // Without the decisions the document is as before.
        try FileManager.default.removeItem(at: ReviewDecisionsStore.file(in: output))
        try Self.convert(inputs, output)
        XCTAssertEqual(try Self.output(output, scan), before)
    }

    func testAWordAddedToTheLexiconIsKeptAsPrinted() throws {
        let (inputs, output) = try Self.converted()
        let scan = "scan/tjansteutlatande-2017-54"
        let before = try Self.output(output, scan)
        let correction = try XCTUnwrap(before.corrections.first { $0.location != nil && $0.reason.hasPrefix("ocr") })
        let at = try XCTUnwrap(correction.location)
        let decisions = DocumentDecisions(decisions: [try Self.decision(.correction, .lexicon, word: correction.original,
                                                                        corrected: correction.corrected, page: correction.page,
                                                                        location: at, in: before)])
        try ReviewDecisionsStore.save(ReviewDecisionsFile(documents: [scan: decisions]), outputFolder: output)
        try Self.convert(inputs, output)
        let after = try Self.output(output, scan)
        XCTAssertTrue(try XCTUnwrap(Self.unitText(after, at.block)).text.contains(correction.original))
        XCTAssertLessThan(after.corrections.filter { $0.original == correction.original && $0.corrected == correction.corrected }.count,
                          before.corrections.filter { $0.original == correction.original && $0.corrected == correction.corrected }.count)
    }

    func testAnUnreadableDecisionsFileStopsTheRunWithItsPath() throws {
        let (inputs, output) = try Self.converted()
        let file = ReviewDecisionsStore.file(in: output)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: file)
        XCTAssertThrowsError(try Self.convert(inputs, output)) { error in
            XCTAssertTrue("\(error)".contains("decisions.json"), "\(error)")
        }
    }
}
