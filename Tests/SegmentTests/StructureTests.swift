import DocumentModel
import Evaluation
import Logging
import PipelineCore
import Segment
import XCTest

/// Segmentation on hand-made documents: a layout the vocabulary does not
/// know, lists, and the guarantee that no text is dropped.
final class StructureTests: XCTestCase {
    private var y = 60.0
    private var page = 1

    private func block(_ text: String, size: Double = 11, bold: Bool = false, lines: Int = 1) -> TextBlock {
        if y > 760 { page += 1; y = 60 }
        let line = TextLine(page: page, text: text, box: Box(x: 70, y: y, width: 400, height: size),
                            spans: [TextSpan(text: text, font: bold ? "Serif-Bold" : "Serif", size: size, bold: bold, italic: false)])
        y += 14 * Double(lines) + 10
        return TextBlock(lines: Array(repeating: line, count: lines), text: text, hyphenations: [], fontSize: size, bold: bold)
    }

    private func segment(_ blocks: [TextBlock], taggedHeadings: [OutlineEntry] = []) throws -> Document {
        let document = Document(source: SourceInfo(file: "x.pdf", sha256: "0", byteCount: 1),
                                info: PDFInfo(pageCount: page, taggedHeadings: taggedHeadings),
                                pages: (1...page).map { Page(number: $0, width: 595, height: 842, hasTextLayer: true) },
                                blocks: blocks)
        return try SegmentStage(settings: .init()).run(document, context: StageContext(documentName: "x", logger: Logger(label: "t")))
    }

    private func words(_ sections: [Section]) -> [String] {
        sections.flatMap { section -> [String] in
            var text = [section.implicit ? "" : section.headingOriginal]
            for block in section.blocks { text += block.printedTexts }
            text += (section.tableOfContents ?? []).map(\.printed)
            return WordTokenizer.words(text.joined(separator: " ")) + words(section.sections)
        }
    }

    func testUnknownDocumentKindKeepsGenericHeadingsAndAllItsText() throws {
        let blocks = [
            block("Årsrapport för parkförvaltningen", size: 16, bold: true),
            block("Inledning", size: 13, bold: true),
            block("Detta är en rapport om parkerna. Den har två stycken.", lines: 2),
            block("Andra stycket slutar här.", lines: 1),
            block("Skötsel av gräsytor", size: 12, bold: true),
            block("Gräset klipps varje vecka under sommaren.", lines: 2),
            block("1. Klippning", lines: 1),
            block("2. Gödsling", lines: 1),
            block("- Vattning vid torka", lines: 1),
            block("Ekonomi", size: 13, bold: true),
            block("Kostnaderna ökade med 3 procent.", lines: 2),
        ]
        let document = try segment(blocks)
        XCTAssertEqual(document.metadata?.documentType, .other)
        XCTAssertEqual(document.metadata?.title, "Årsrapport för parkförvaltningen")
        XCTAssertEqual(document.sections.map(\.heading), ["Inledning", "Ekonomi"])
        XCTAssertEqual(document.sections.map(\.kind), [.other, .other])
        XCTAssertEqual(document.sections[0].sections.map(\.heading), ["Skötsel av gräsytor"])
        XCTAssertEqual(document.sections[0].sections[0].level, 2)
        let lists = document.sections[0].sections[0].blocks.compactMap { block -> ContentBlock.ListBlock? in
            if case .list(let list) = block { list } else { nil }
        }
        XCTAssertEqual(lists.map(\.ordered), [true, false])
        XCTAssertEqual(lists[0].items.map(\.text), ["Klippning", "Gödsling"])

        let preamble = document.preamble.flatMap { block -> [String] in
            if case .paragraph(let paragraph) = block { WordTokenizer.words(paragraph.original) } else { [] }
        }
        XCTAssertEqual(preamble + words(document.sections), WordTokenizer.words(blocks.map(\.text).joined(separator: " ")),
                       "every word of the body appears in the sections, in order")
    }

    /// A tagged PDF's `H1` … `H6` give levels the fonts cannot (both levels here
    /// are set alike), each to the block printed where the tag stands: not to
    /// its contents line, nor to the same words in a numbered list above it.
    func testTaggedHeadingsLevelTheBlocksTheyTag() throws {
        let blocks = [
            block("Riskanalys för kommunen", size: 16, bold: true),
            block("Innehåll", size: 13, bold: true),
            block("1 Risker 2", lines: 1),
            block("1.1 Avbrott i elförsörjning 2", lines: 1),
            block("Vi har identifierat följande risker för kommunen och dess invånare.", lines: 2),
            block("1. Avbrott i elförsörjning", bold: true),
            block("2. Skyfall", bold: true),
            block("3. Social oro", bold: true),
            block("1 Risker", size: 13, bold: true),
            block("Riskerna beskrivs var för sig nedan och värderas efter sannolikhet.", lines: 2),
            block("1.1 Avbrott i elförsörjning", size: 13, bold: true),
            block("Ett avbrott drabbar vård och omsorg först.", lines: 2),
        ]
        let tags = [OutlineEntry(title: "Innehåll", depth: 1, page: 1), OutlineEntry(title: "1 Risker", depth: 1, page: 1),
                    OutlineEntry(title: "1.1 Avbrott i elförsörjning", depth: 2, page: 1)]
        let document = try segment(blocks, taggedHeadings: tags)
        let risks = try XCTUnwrap(document.sections.first { $0.heading == "Risker" || $0.heading == "1 Risker" })
        XCTAssertEqual(risks.level, 1)
        XCTAssertEqual(risks.sections.map(\.headingOriginal), ["1.1 Avbrott i elförsörjning"])
        XCTAssertEqual(risks.sections.first?.level, 2)
        // The bold numbered list counts up with nothing between its lines: a list, not three headings.
        let headings = allHeadings(document.sections)
        XCTAssertFalse(headings.contains("2. Skyfall") || headings.contains("Skyfall"), "\(headings)")
        XCTAssertEqual(headings.filter { $0.contains("Avbrott") }.count, 1, "\(headings)")
    }

    private func allHeadings(_ sections: [Section]) -> [String] {
        sections.flatMap { [$0.headingOriginal] + allHeadings($0.sections) }
    }

    func testEveryWordOfTheSamplesSurvivesSegmentation() throws {
        // The same guarantee on real layouts: the sample PDFs as the council pipeline segments them.
        for sample in try CouncilSamples.processed() {
            let document = sample.document
            let expected = WordTokenizer.words(document.blocks.map(\.printedText).joined(separator: " "))
            let preamble = document.preamble.flatMap { WordTokenizer.words($0.printedTexts.joined(separator: " ")) }
            let found = preamble + words(document.sections)
            let alignment = WordAlignment(reference: expected, hypothesis: found)
            XCTAssertEqual(alignment.matches, expected.count, "\(sample.name): \(expected.count - alignment.matches) words lost")
        }
    }
}

enum CouncilSamples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    nonisolated(unsafe) private static var cached: [SampleCorpus.Sample]?

    /// The samples through extract (and repair, when registered) and segment only, converted once.
    static func processed() throws -> [SampleCorpus.Sample] {
        if let cached { return cached }
        var registry = StageRegistry()
        SegmentTestStages.register(&registry)
        let yaml = "name: t\nversion: 1\nstages:\n  - id: extract\n  - id: segment\n"
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-segment-\(UUID().uuidString)")
        let samples = try SampleCorpus(root: root.appendingPathComponent("samples"))
            .process(pipeline: PipelineDefinition.parse(yaml, origin: "test"), registry: registry, output: output, jobs: 2)
        cached = samples
        return samples
    }
}
