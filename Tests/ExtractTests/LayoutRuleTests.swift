import DocumentModel
@testable import Extract
import XCTest

/// The layout rules on hand-made lines, one decision at a time.
final class LayoutRuleTests: XCTestCase {
    func testLineEndHyphens() {
        let cases: [([String], String, [Hyphenation.Decision])] = [
            (["myndighets-", "utövningen är"], "myndighetsutövningen är", [.joined]),
            (["tillstånds- och", "tillsynsarbetet"], "tillstånds- och tillsynsarbetet", []),
            (["samordningen av tillstånds-", "och tillsynsarbetet"], "samordningen av tillstånds- och tillsynsarbetet", [.keptSpace]),
            (["ett OTTO-", "team"], "ett OTTO-team", [.keptHyphen]),
            (["i Spånga-", "Tensta"], "i Spånga-Tensta", [.keptHyphen]),
            (["åren 2023-", "2026"], "åren 2023-2026", [.keptHyphen]),
            (["Skåne 2018–", "2029"], "Skåne 2018–2029", [.keptHyphen]),
            (["och 11:15–", "12:45)"], "och 11:15–12:45)", [.keptHyphen]),
            (["hela Stockholm–", "Mälardalen nås"], "hela Stockholm–Mälardalen nås", [.keptHyphen]),
            (["tiden 2018 –", "och sedan"], "tiden 2018 – och sedan", []),
            (["2018 –", "2029"], "2018 – 2029", []),
            (["barn-", "eller ungdomsvård"], "barn- eller ungdomsvård", [.keptSpace]),
            (["slut —", "början"], "slut — början", []),
            (["ord", "nästa"], "ord nästa", []),
        ]
        for (lines, expected, decisions) in cases {
            let joined = Dehyphenator.join(lines)
            XCTAssertEqual(joined.text, expected, "\(lines)")
            XCTAssertEqual(joined.hyphenations.map(\.decision), decisions, "\(lines)")
        }
    }

    func testPageNumberForms() {
        for text in ["Sida 2 (14)", "sida 12(14)", "2 (14)", "- 3 -", "7", "Sida 3 av 9", "4/9"] {
            XCTAssertTrue(FurnitureDetector.isPageNumber(text), text)
        }
        for text in ["2017:54", "Sida", "Rotel I", "1. Att tillstyrka motionen", "KS 2025/364"] {
            XCTAssertFalse(FurnitureDetector.isPageNumber(text), text)
        }
    }

    private func line(_ text: String, page: Int = 1, y: Double, x: Double = 70, width: Double = 400,
                      size: Double = 11, bold: Bool = false) -> TextLine {
        TextLine(page: page, text: text, box: Box(x: x, y: y, width: width, height: size),
                 spans: [TextSpan(text: text, font: bold ? "DejaVuSans-Bold" : "DejaVuSans", size: size, bold: bold, italic: false)])
    }

    func testParagraphsSplitOnGapsStyleAndListMarkers() {
        let lines = [
            line("Rubrik", y: 100, size: 13, bold: true),
            line("Första stycket börjar här och", y: 120),
            line("fortsätter på nästa rad.", y: 134),
            line("Andra stycket efter en tom rad.", y: 162),
            line("1. Att tillstyrka motionen", y: 176),
            line("2. Att därutöver anföra", y: 190),
            line("följande", y: 204),
        ]
        let blocks = ParagraphBuilder(gapFactor: 1.35).blocks(from: lines)
        XCTAssertEqual(blocks.map(\.text), [
            "Rubrik",
            "Första stycket börjar här och fortsätter på nästa rad.",
            "Andra stycket efter en tom rad.",
            "1. Att tillstyrka motionen",
            "2. Att därutöver anföra följande",
        ])
        XCTAssertTrue(blocks[0].bold)
        XCTAssertEqual(blocks[0].fontSize, 13)
    }

    /// In a table row, a narrow cell's lines stack at one left edge: they stay one
    /// block, where the same short lines in running text would each end a block.
    func testANarrowCellsLinesStayOneBlock() {
        let lines = [
            line("Kontorshus Kristian IV:s väg", y: 121, x: 77, width: 133, size: 10),
            line("Socialförv", y: 121, x: 285, width: 45, size: 10),
            line("altningen", y: 133, x: 285, width: 45, size: 10),
            line("6 200 2014-12-3", y: 121, x: 373, width: 88, size: 10),
            line("1", y: 133, x: 373, width: 6, size: 10),
            line("Teknik-", y: 203, x: 285, width: 35, size: 10),
            line("och fritidsf", y: 214, x: 285, width: 51, size: 10),
            line("örvaltning", y: 226, x: 285, width: 48, size: 10),
            line("Säga upp", y: 203, x: 475, width: 45, size: 10),
            line("Löptexten under tabellen går över hela spalten och", y: 260, x: 70, width: 450, size: 10),
            line("fortsätter så över flera rader med samma bredd som", y: 272, x: 70, width: 450, size: 10),
            line("spalten har, tills stycket tar slut på en kort rad.", y: 284, x: 70, width: 440, size: 10),
            line("Kort rad", y: 296, x: 70, width: 60, size: 10),
            line("nästa rad i löptext", y: 308, x: 70, width: 90, size: 10),
        ]
        let blocks = ParagraphBuilder(gapFactor: 1.35).blocks(from: lines)
        XCTAssertEqual(blocks.map(\.text), ["Kontorshus Kristian IV:s väg", "Socialförv altningen", "6 200 2014-12-3 1",
                                            "Teknik- och fritidsf örvaltning", "Säga upp",
                                            "Löptexten under tabellen går över hela spalten och fortsätter så över flera rader med samma bredd som spalten har, tills stycket tar slut på en kort rad. Kort rad",
                                            "nästa rad i löptext"])
    }

    /// On a scan, a short capitalised line without a stop right after a sentence's
    /// end is a heading that lost its bold face; in born-digital text the face tells.
    func testAScannedHeadingAfterASentenceStartsABlock() {
        func ocrLine(_ text: String, y: Double, width: Double) -> TextLine {
            TextLine(page: 1, text: text, box: Box(x: 70, y: y, width: width, height: 11),
                     spans: [TextSpan(text: text, font: "GlyphLessFont", size: 11, bold: false, italic: false)])
        }
        let lines = [
            ocrLine("1. Regionstyrelsen lägger sammanställningen av delegationsbesluten till", y: 100, width: 450),
            ocrLine("handlingarna efter att ha gått igenom varje beslut som fattats sedan förra mötet.", y: 114, width: 450),
            ocrLine("Sammanfattning", y: 128, width: 90),
            ocrLine("Sammanställningen omfattar de beslut som fattats med stöd av delegation sedan", y: 142, width: 450),
            ocrLine("styrelsens förra sammanträde och som ska anmälas.", y: 156, width: 300),
        ]
        let blocks = ParagraphBuilder(gapFactor: 1.35).blocks(from: lines)
        XCTAssertEqual(blocks.map { $0.text.prefix(14) }, ["1. Regionstyre", "Sammanfattning", "Sammanställnin"])
    }

    func testParagraphContinuesOverAPageBreakOnlyMidSentence() {
        let lines = [
            line("Ett stycke på första sidan som", page: 1, y: 672),
            line("Stycket slutar inte här utan", page: 1, y: 686),
            line("fortsätter på nästa sida, och", page: 2, y: 80),
            line("avslutas där.", page: 2, y: 94),
            line("Nytt stycke på samma sida.", page: 2, y: 122),
            line("Ett stycke som slutar.", page: 2, y: 700),
            line("nästa sida börjar gement men efter punkt", page: 3, y: 80),
        ]
        let blocks = ParagraphBuilder(gapFactor: 1.35).blocks(from: lines)
        XCTAssertEqual(blocks.count, 4)
        XCTAssertEqual(blocks[0].text, "Ett stycke på första sidan som Stycket slutar inte här utan fortsätter på nästa sida, och avslutas där.")
        XCTAssertEqual(blocks[0].firstPage, 1)
        XCTAssertEqual(blocks[0].lastPage, 2)
    }

    func testPiecesOfOneJustifiedLineAreMerged() {
        let merged = LineBuilder.mergingSplitLines([
            line("Bromma stadsdelsnämnd,", y: 100, x: 70, width: 120),
            line("Järva", y: 100, x: 210, width: 30),
            line("stadsdelsnämnd,", y: 100.2, x: 260, width: 80),
            line("nästa rad", y: 114, x: 70, width: 60),
        ])
        XCTAssertEqual(merged.map(\.text), ["Bromma stadsdelsnämnd, Järva stadsdelsnämnd,", "nästa rad"])
        XCTAssertEqual(merged[0].box.maxX, 340)
    }
}
