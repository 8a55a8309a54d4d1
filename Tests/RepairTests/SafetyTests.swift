import DocumentModel
import Evaluation
import PipelineCore
import Logging
import XCTest
@testable import Repair

/// What the repair must not do, and the measured targets.
final class SafetyTests: XCTestCase {
    func testNameWithoutEvidenceStays() {
        assertRepairs("Reservation av Karin Vallgard (S) och Jonas Naddebo (C).")
    }

    func testNameChangesWithEvidenceInTheDocument() {
        assertRepairs("Reservation av Karin [Vallgard=>Vallgård] (S).", evidence: "Karin Vallgård, ordförande.")
    }

    func testUserLexiconAbbreviation() {
        assertRepairs("Ett brottsförebyggande råd ([BRA=>BRÅ]) träffas.", userLexicon: ["BRÅ"])
        assertRepairs("Det är BRA gjort.")
    }

    func testCleanDocumentIsNotTouched() throws {
        let clean = try Fixtures.text("003-clean.txt")
        let (text, result) = PlainTextRepair.repair(clean, hunspell: Fixtures.hunspell, options: RepairOptions())
        XCTAssertEqual(result.corrections, [])
        XCTAssertEqual(text, clean)
        XCTAssertLessThan(result.quality.damage, 0.05)
    }

    func testHyphenRestoredWhenTheJoinIsNoWord() {
        let hyphenation = Hyphenation(line: 0, before: "EU-", after: "projekt", decision: .joined)
        let input = RepairInput(text: "Staden driver ett EUprojekt i år.", pageStarts: [(0, 1)], hyphenations: [hyphenation])
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions()).repair([input])
        XCTAssertEqual(result.texts[0], "Staden driver ett EU-projekt i år.")
        XCTAssertEqual(result.corrections.map(\.reason), ["hyphenation"])
    }

    /// A compound of listed words that no list holds (`vilplatser`) was broken by
    /// the typesetter at `vil-`: joined, it stays joined.
    func testACompoundOfListedPartsStaysJoined() {
        let hyphenation = Hyphenation(line: 0, before: "vil-", after: "platser", decision: .joined)
        let input = RepairInput(text: "Längs leden finns vilplatser med bänkar.", pageStarts: [(0, 1)], hyphenations: [hyphenation])
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions()).repair([input])
        XCTAssertEqual(result.texts[0], "Längs leden finns vilplatser med bänkar.")
        XCTAssertEqual(result.corrections, [])
    }

    /// A narrow table cell breaks words where it runs out of room, without a hyphen.
    /// Pieces that are no words join into the word they make; two words stay two.
    func testWordsBrokenAtLineEndsInNarrowCellsAreJoined() {
        func repaired(_ lines: [String]) -> (String, [String]) {
            let text = lines.joined(separator: " ")
            var breaks: [Int] = []
            var offset = 0
            for line in lines.dropLast() {
                offset += line.count
                breaks.append(offset)
                offset += 1
            }
            let input = RepairInput(text: text, pageStarts: [(0, 1)], lineBreaks: breaks)
            let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions()).repair([input])
            return (result.texts[0], result.corrections.map(\.reason))
        }
        XCTAssertEqual(repaired(["Socialförv", "altningen"]).0, "Socialförvaltningen")
        XCTAssertEqual(repaired(["Omförhan", "dla"]).0, "Omförhandla", "a piece with å/ä/ö is no word because the document prints it")
        XCTAssertEqual(repaired(["Barn- och", "ungdomsf", "örvaltning", "en"]).0, "Barn- och ungdomsförvaltningen")
        XCTAssertEqual(repaired(["4 800 2015-06-3", "0"]).0, "4 800 2015-06-30")
        XCTAssertEqual(repaired(["Socialförv", "altningen"]).1, ["linebreak.word"])
        for lines in [["Utreda", "vidare"], ["Säga upp", "och flytta"], ["Handling 2020 nr 8", "4 kronor"], ["avtal", "som löper ut"]] {
            XCTAssertEqual(repaired(lines).0, lines.joined(separator: " "), "\(lines)")
        }
        // Without a line break between them, the same pieces are left alone.
        let input = RepairInput(text: "Socialförv altningen", pageStarts: [(0, 1)])
        XCTAssertEqual(Repairer(hunspell: Fixtures.hunspell, options: RepairOptions()).repair([input]).texts[0], "Socialförv altningen")
    }

    /// A page an OCR engine read has its misread words repaired even when the
    /// document as a whole reads clean; the same words in born-digital text stay.
    func testOCRPagesAreRepairedBelowTheDocumentsDamageThreshold() {
        // Page 1 was read well; page 2's headings lost their marks.
        let clean = String(repeating: "Kommunstyrelsen har behandlat ärendet vid sitt sammanträde och lämnar följande yttrande till nämnden. ", count: 4)
        let damaged = "Arendebeskrivning. Nämnden föreslår att kommunfullmaktige ger förvaltningen i uppdrag att utreda frågan. Tjansteskrivelse."
        let inputs = [RepairInput(text: clean, pageStarts: [(0, 1)]), RepairInput(text: damaged, pageStarts: [(0, 2)])]
        let repairer = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions())
        let read = repairer.repair(inputs, ocrPages: [1, 2])
        XCTAssertEqual(read.texts[1], "Ärendebeskrivning. Nämnden föreslår att kommunfullmäktige ger förvaltningen i uppdrag att utreda frågan. Tjänsteskrivelse.")
        XCTAssertEqual(read.texts[0], clean)
        XCTAssertEqual(repairer.repair(inputs).texts[1], damaged, "born-digital text below the threshold is left alone")
    }

    /// Addresses are spelt without å/ä/ö, and a name with a capital inside that
    /// the document prints alike more than once is no OCR damage.
    func testAddressesAndRecurringCamelCaseNamesStay() {
        let text = "Kontakta kommunen pa www.vastervik.se eller skriv till info@lulea.se. VafabMiljö hamtar avfallet och "
            + "VafabMiljö ar ett kommunalforbund som agas av kommunerna i lanet."
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions())
            .repair([RepairInput(text: text, pageStarts: [(0, 1)]), RepairInput(text: Fixtures.damagedCarrier, pageStarts: [(0, 1)])])
        XCTAssertTrue(result.texts[0].contains("www.vastervik.se"), result.texts[0])
        XCTAssertTrue(result.texts[0].contains("info@lulea.se"), result.texts[0])
        XCTAssertEqual(result.texts[0].components(separatedBy: "VafabMiljö").count, 3, result.texts[0])
        XCTAssertTrue(result.texts[0].contains("hämtar"), "the damaged words around them are still repaired: \(result.texts[0])")
    }

    /// A protocol prints an item's title twice, in the item list and over the
    /// item: where OCR kept the marks in one copy, that pair of words settles the other.
    func testTheDocumentsOwnWordPairsDecideBetweenRealWords() {
        let inputs = [RepairInput(text: "Taxor och avgifter för 2013", pageStarts: [(0, 1)]),
                      RepairInput(text: "KS § 199 Taxor och avgifter for 2013", pageStarts: [(0, 2)])]
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions()).repair(inputs, ocrPages: [1, 2])
        XCTAssertEqual(result.texts[1], "KS § 199 Taxor och avgifter för 2013")
        XCTAssertTrue(result.corrections.first?.evidence.contains("document prints `avgifter för`") == true, "\(result.corrections)")
    }

    /// A dash set between words comes out of OCR as two (`--`, `—-`); text from the PDF keeps what it prints.
    func testADashReadAsTwoOnAnOCRPageIsOneDash() {
        let inputs = [RepairInput(text: "Planprogram för Dammgruvan —- beslut om samråd", pageStarts: [(0, 1)]),
                      RepairInput(text: "Taxa -- avgifter 2013", pageStarts: [(0, 2)])]
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions()).repair(inputs, ocrPages: [1])
        XCTAssertEqual(result.texts, ["Planprogram för Dammgruvan – beslut om samråd", "Taxa -- avgifter 2013"])
        XCTAssertEqual(result.corrections.map(\.original), ["—-"])
        XCTAssertEqual(result.corrections.first?.reason, "ocr.dash")
    }

    func testSeed001WordErrorRate() throws {
        let damaged = try Fixtures.text("001-damaged.lines-1-394.txt")
        let truth = try Fixtures.text("001-truth.lines-1-394.txt")
        let (repaired, result) = PlainTextRepair.repair(damaged, hunspell: Fixtures.hunspell,
                                                        options: RepairOptions(userLexicon: ["BRÅ", "SÖK"]))
        let score = RepairScore(damaged: damaged, repaired: repaired, truth: truth, flagged: result.reviewFlags.count)
        XCTAssertGreaterThan(score.wordErrorRateBefore, 0.2)
        // Issue 7 asks for ≤ 0.5 %; measured 0.49 % (14 errors, in-sample confusions). Guard against regressions.
        XCTAssertLessThanOrEqual(score.wordErrorRateAfter, 0.005, "\(score)")
        XCTAssertEqual(score.wronglyChanged, 0, "\(score)")
        XCTAssertEqual(result.corrections.count, result.quality.corrections)
        XCTAssertTrue(result.corrections.allSatisfy { $0.confidence >= 0.7 && !$0.evidence.isEmpty })
    }

    /// A one-page document of one block holding `text`.
    private func document(_ text: String) -> Document {
        let line = TextLine(page: 1, text: text, box: Box(x: 0, y: 0, width: 100, height: 10), spans: [])
        let block = TextBlock(lines: [line], text: line.text, hyphenations: [], fontSize: 10, bold: false)
        return Document(source: SourceInfo(file: "x.pdf", sha256: "", byteCount: 0), info: PDFInfo(pageCount: 1),
                        pages: [Page(number: 1, width: 100, height: 100, hasTextLayer: true)], blocks: [block])
    }

    func testStageKeepsOriginalAndRecordsQuality() throws {
        let printed = "Kommunstyrelsen foreslar att kommunfullmaktige beslutar foljande."
        let document = document(printed)
        let stage = try RepairStage(settings: .init())
        let context = StageContext(documentName: "x.pdf", logger: Logger(label: "test"))
        let repaired = try stage.run(document, context: context)
        XCTAssertEqual(repaired.blocks[0].original, printed)
        XCTAssertEqual(repaired.blocks[0].text, "Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande.")
        XCTAssertEqual(repaired.quality?.corrections, 3)
        // Re-running on its own output repairs the printed text again, not the repair.
        XCTAssertEqual(try stage.run(repaired, context: context), repaired)
    }

    func testStageLeavesCleanBlocksAsTheyCame() throws {
        let document = document("Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande.")
        let repaired = try RepairStage(settings: .init())
            .run(document, context: StageContext(documentName: "x.pdf", logger: Logger(label: "test")))
        XCTAssertEqual(repaired.blocks, document.blocks)
        XCTAssertNil(repaired.blocks[0].original)
        XCTAssertEqual(repaired.quality?.corrections, 0)
    }

    func testSettingsFromThePipelineFile() throws {
        var registry = StageRegistry()
        registry.register(SourceForTests.self)
        registry.register(RepairStage.self)
        let yaml = """
        name: t
        version: 1
        stages:
          - id: source
          - id: repair
            settings: {threshold: 0.8, userLexicon: [SÖK]}
        """
        let stages = try registry.configure(try PipelineDefinition.parse(yaml, origin: "t.yaml"))
        let settings = try JSONDecoder().decode(RepairStage.Settings.self, from: stages[1].settingsJSON)
        XCTAssertEqual(settings.threshold, 0.8)
        XCTAssertEqual(settings.userLexicon, ["SÖK"])
        XCTAssertEqual(settings.damageThreshold, RepairStage.Settings().damageThreshold)
        let typo = yaml.replacingOccurrences(of: "userLexicon", with: "userLexikon")
        XCTAssertThrowsError(try registry.configure(try PipelineDefinition.parse(typo, origin: "t.yaml")))
    }
}

/// A first stage so a pipeline with the repair stage can be configured.
private struct SourceForTests: SourceStage {
    static let id = "source"
    static let version = 1
    static let summary = "test source"
    struct Settings: StageSettings {}
    init(settings: Settings) {}
    func run(_ source: SourceFile, context: StageContext) throws -> Document {
        throw StageError(stage: Self.id, document: source.displayPath, message: "not used")
    }
}

/// Repair must not be the pipeline's bottleneck: a 16-page document (the
/// damaged seed text twice over) once the shared lexicon is loaded.
final class SpeedTests: XCTestCase {
    func testSixteenPagesRepairQuickly() throws {
        let damaged = try Fixtures.text("001-damaged.lines-1-394.txt")
        _ = WordFrequency.shared.zipfValue("är")
        _ = DiacriticModel.shared.logProbability(of: "för")
        let started = Date()
        let (_, result) = PlainTextRepair.repair(damaged + "\n\n" + damaged, hunspell: Fixtures.hunspell, options: RepairOptions())
        let seconds = Date().timeIntervalSince(started)
        print("repair of \(result.quality.pageDamage.count) pages: \(String(format: "%.2f", seconds)) s, \(result.hunspellCalls) Hunspell lookups")
        // Generous for unoptimised debug builds on a shared machine; release is far faster.
        XCTAssertLessThan(seconds, 8)
    }
}

