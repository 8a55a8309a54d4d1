import DiariumCommands
import DocumentModel
import Foundation
import Logging
import PipelineCore
import XCTest

/// Real municipal PDFs from `../shared/real-pdfs/` (published documents, no
/// truth with them): what the pipeline must get right on inputs nobody made
/// for it. Skipped where that folder is not beside the checkout.
final class RealPDFTests: XCTestCase {
    static let folder = CouncilPipelineTests.root.appendingPathComponent("../shared/real-pdfs").standardizedFileURL

    private func convert(_ name: String) throws -> Document {
        let source = Self.folder.appendingPathComponent(name)
        try XCTSkipUnless(FileManager.default.fileExists(atPath: source.path), "\(source.path) is not here")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let pipeline = try PipelineDefinition.load(from: CouncilPipelineTests.root.appendingPathComponent("Pipelines/council.yaml"))
        let summary = try Batch(inputs: [source.path], outputFolder: output, pipeline: pipeline, jobs: 1)
            .run(registry: Stages.registry, logger: Logger(label: "test"))
        XCTAssertEqual(summary.failures.count, 0)
        let stages = pipeline.stages.map(\.id)
        return try XCTUnwrap(ArtifactStore(outputFolder: output).latest(stages: stages, document: (name as NSString).deletingPathExtension))
    }

    /// A Google Docs export puts zero-width spaces in its headings; its cover names the organisation.
    func testGoogleDocsReportWithZeroWidthSpaces() throws {
        let document = try convert("hagfors-rsa-2023-2026.pdf")
        XCTAssertEqual(document.metadata?.title, "Risk- och sårbarhetsanalys 2023–2026")
        XCTAssertEqual(document.metadata?.organisation, "Hagfors kommun")
        XCTAssertFalse(document.blocks.contains { $0.text.unicodeScalars.contains { $0.value == 0x200B } }, "no zero-width space left")
    }

    /// A narrow table cell of a real report breaks words without a hyphen; the pieces are joined.
    func testWordsBrokenInNarrowCellsOfARealReport() throws {
        let document = try convert("hagfors-rsa-2023-2026.pdf")
        let joined = document.corrections.filter { $0.reason == "linebreak.word" }.map(\.corrected)
        XCTAssertTrue(joined.contains("Samverkansövning"), "\(joined)")
        XCTAssertTrue(joined.allSatisfy { !$0.contains(" ") }, "\(joined)")
    }

    /// Protocols whose text layer maps glyphs to wrong letters still have their meeting's organ and date.
    func testProtocolWithAFinnishSwedishFrontMatter() throws {
        let document = try convert("fi-nykarleby-valfardsnamnden-protokoll-2022-09-15.pdf")
        XCTAssertEqual(document.metadata?.documentType, .protokoll)
        XCTAssertEqual(document.metadata?.meeting?.organ, "Välfärdsnämnden")
        XCTAssertEqual(document.metadata?.date, "2022-09-15")
        XCTAssertTrue(document.sections.contains { $0.number == "39 §" }, "\(document.sections.compactMap(\.number))")
    }
}
