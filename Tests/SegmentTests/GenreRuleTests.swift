import DocumentModel
@testable import Segment
import XCTest

/// The genre's phrases, clean and as OCR damaged them.
final class GenreRuleTests: XCTestCase {
    func testVocabularyHeadingsMatchThroughOCRDamage() {
        let cases: [(String, SectionKind)] = [
            ("Förslag till beslut", .forslagTillBeslut),
            ("Forslag till beslut", .forslagTillBeslut),
            ("Förvaltningens förslag till beslut", .forslagTillBeslut),
            ("Sammanfattning av arendet", .sammanfattning),
            ("Sammanfattning", .sammanfattning),
            ("Bakgrund", .bakgrund),
            ("Arendet", .arendet),
            ("4rendet", .arendet),
            ("Ärendets beredning", .arendetsBeredning),
            ("Beredning", .beredning),
            ("Foredragande borgarradets synpunkter", .synpunkter),
            ("Förvaltningens synpunkter och förslag", .synpunkter),
            ("Remissammanstallining", .remissammanstallning),
            ("Reservationer m.m.", .reservationer),
            ("Bilagor", .bilagor),
            ("Bilaga", .bilagor),
            ("Innehallsforteckning", .innehallsforteckning),
            ("Stadsdelsnämndens beslut", .beslut),
            ("Ordförandens förslag", .forslagTillBeslut),
            ("Nämndens beslut", .beslut),
            ("Mina synpunkter", .synpunkter),
            ("Vår bedömning", .bedomning),
            ("Bedömning ur ekologisk dimension", .bedomning),
            ("Bakgrund och syfte", .bakgrund),
        ]
        for (text, kind) in cases {
            XCTAssertEqual(HeadingVocabulary.kind(of: text), kind, text)
        }
        for text in ["Välfärdsbrottslighet", "Stadsledningskontoret", "Nämnden fattade beslut", "Beredningen av ärendet pågår fortfarande",
                     "Kommunstyrelsen föreslås besluta",
                     "Bedömningen av ärendet har gjorts i samråd med nämnderna", "Mina damer och herrar"] {
            XCTAssertNil(HeadingVocabulary.kind(of: text), text)
        }
    }

    /// A heading read from printed lines takes the repaired words of the same run.
    func testTitlesTakeTheRepairedWords() {
        var block = TextBlock(lines: [], text: "KS § 199 Taxor och avgifter för 2013 Dnr KS.2012.287", hyphenations: [], fontSize: 11, bold: true)
        block.original = "KS § 199 Taxor och avgifter for 2013 Dnr KS.2012.287"
        XCTAssertEqual(HeadingDetector.repaired("Taxor och avgifter for 2013", in: block), "Taxor och avgifter för 2013")
        XCTAssertEqual(HeadingDetector.repaired("Något annat", in: block), "Något annat")
        block.original = nil
        XCTAssertEqual(HeadingDetector.repaired("Taxor och avgifter for 2013", in: block), "Taxor och avgifter for 2013", "nothing repaired")
    }

    func testDates() {
        XCTAssertEqual(SwedishDates.firstDate(in: "Stockholm den 22 oktober 2025"), "2025-10-22")
        XCTAssertEqual(SwedishDates.firstDate(in: "daterat den 5 september 2025 har"), "2025-09-05")
        XCTAssertEqual(SwedishDates.firstDate(in: "sammantrade den 26 augusti 2025 foljande"), "2025-08-26")
        XCTAssertEqual(SwedishDates.firstDate(in: "Protokoll 2025-08-26"), "2025-08-26")
        XCTAssertNil(SwedishDates.firstDate(in: "mål 3.6 och 17 åtgärder"))
    }

    func testPeopleAndParties() {
        XCTAssertEqual(People.motionAuthors(in: "Motion av Kristin Jacobsson och Jonas Naddebo (båda C)"), [
            Person(name: "Kristin Jacobsson", party: "C", role: "motionär"),
            Person(name: "Jonas Naddebo", party: "C", role: "motionär"),
        ])
        XCTAssertEqual(People.motionAuthors(in: "har överlämnat motion (2017:54) av Anna König Jerlmyr m. fl. (M) om åtgärder"),
                       [Person(name: "Anna König Jerlmyr", party: "M", role: "motionär")])
        let three = People.motionAuthors(in: "Motion av Ann Berg, Cecilia Dahl och Gustav Holm (samtliga S)")
        XCTAssertEqual(three.map(\.name), ["Ann Berg", "Cecilia Dahl", "Gustav Holm"])
        XCTAssertEqual(Set(three.compactMap(\.party)), ["S"])
        let reservation = People.reservations(in: "Reservation av Kim Ekblom (C), se Reservationer m.m.")
        XCTAssertEqual(reservation.first?.authors, [Person(name: "Kim Ekblom", party: "C", role: "reservant")])
        XCTAssertTrue(reservation.first?.tail.hasPrefix(", se") == true)
        XCTAssertEqual(People.presenter(in: "Föredragande borgarrådet Karin Wanngård\nSammanfattning")?.name, "Karin Wanngård")
        XCTAssertEqual(People.signature(name: "Gillis Hammar", role: "förvaltningschef"), Person(name: "Gillis Hammar", role: "förvaltningschef"))
        XCTAssertNil(People.signature(name: "Stockholm den 22 oktober 2025", role: "förvaltningschef"))
        // Middle initials and particles.
        for name in ["Lars U Granberg", "Cecilia V. Burenby", "Ebba von Sydow"] { XCTAssertTrue(People.isName(name), name) }
        XCTAssertFalse(People.isName("von Sydow"))
        XCTAssertEqual(ProtocolReader.members("Cecilia V. Burenby (S), ordförande"),
                       [Person(name: "Cecilia V. Burenby", party: "S", role: "ordförande")])
        XCTAssertEqual(ProtocolReader.members("Lars U Granberg (S)").map(\.name), ["Lars U Granberg"])
    }

    /// A protocol's `Reservation` names its reservants in a sentence, or names their parties,
    /// whose members among the Beslutande are then the reservants.
    func testReservantsNamedOrByTheirParties() {
        let members = [Person(name: "Peter Eriksson", party: "M"), Person(name: "Sofia Lindholm", party: "C"),
                       Person(name: "Anna Berg", party: "S"), Person(name: "Per Holm", party: "SD")]
        func names(_ text: String) -> [String] { People.reservants(in: text, members: members).map(\.name) }
        XCTAssertEqual(names("Elisabet Berg (M), Marika Risberg (C), Åke Forslund (FP) och Helén Lindbäck (KD) reserverar sig mot beslutet."),
                       ["Elisabet Berg", "Marika Risberg", "Åke Forslund", "Helén Lindbäck"])
        XCTAssertEqual(People.reservants(in: "Tove Bergman (MP) reserverar sig till förmån för sitt tilläggsyrkande.", members: []),
                       [Person(name: "Tove Bergman", party: "MP", role: "reservant")])
        XCTAssertEqual(names("John Hoffbrink, SD, reserverar sig mot beslutet."), ["John Hoffbrink"])
        XCTAssertEqual(names("Ledamöterna för Moderaterna och Centerpartiet reserverar sig mot beslutet."), ["Peter Eriksson", "Sofia Lindholm"])
        XCTAssertEqual(names("Sverigedemokraternas ledamöter reserverar sig mot beslutet."), ["Per Holm"])
        XCTAssertEqual(names("Ledamöterna från S och SD reserverar sig mot beslutet."), ["Anna Berg", "Per Holm"])
        XCTAssertEqual(names("Ledamöterna för (m) och (c) reserverar sig mot beslutet."), ["Peter Eriksson", "Sofia Lindholm"])
        XCTAssertEqual(names("Kommunstyrelsen beslutar enligt förslaget, och Anna Berg (S) reserverar sig."), [],
                       "a sentence whose subject is more than names names no reservant")
        XCTAssertEqual(names("Anna Berg (S) yrkar bifall."), [])
    }

    /// A label wrapped in its cell goes on in the next line (`Justeringens plats` over `och tid …`);
    /// a label with its value beside it does not swallow the next value.
    func testWrappedFrontMatterLabels() {
        let meeting = ProtocolReader.meeting(lines: [
            "Utses att justera Brith Fäldt", "Ann-Louise Hagström", "Justeringens plats",
            "och tid Kommunledningskontoret, 11 juni 2015", "Sekreterare", "Maria Wiksten",
        ], organ: nil)
        XCTAssertEqual(meeting.adjusters, ["Brith Fäldt", "Ann-Louise Hagström"])
        XCTAssertEqual(meeting.adjustmentPlace, "Kommunledningskontoret")
        XCTAssertEqual(meeting.adjustmentDate, "2015-06-11")
        XCTAssertEqual(meeting.secretary, "Maria Wiksten")
        let dashed = ProtocolReader.meeting(lines: ["Justeringens plats och tid", "— Stadskansliet, 2019-03-08"], organ: nil)
        XCTAssertEqual(dashed.adjustmentPlace, "Stadskansliet")
    }

    func testTableOfContentsLines() {
        let clean = TableOfContents.entry("Stadsledningskontoret . . . . . . . . . . 5")
        XCTAssertEqual(clean.title, "Stadsledningskontoret")
        XCTAssertEqual(clean.page, 5)
        let ocr = TableOfContents.entry("StadsledningSKONTOret.........ccvvvvviviiiie 5")
        XCTAssertEqual(ocr.title, "StadsledningSKONTOret")
        XCTAssertEqual(ocr.page, 5)
        XCTAssertEqual(ocr.printed, "StadsledningSKONTOret.........ccvvvvviviiiie 5")
        XCTAssertEqual(TableOfContents.entry("Reservationer m.m. . . . . 16").title, "Reservationer m.m.")
    }
}

/// Tables from the blocks' geometry.
final class TableReaderTests: XCTestCase {
    private func cell(_ text: String, x: Double, y: Double, width: Double, bold: Bool = false, page: Int = 1) -> TextBlock {
        let line = TextLine(page: page, text: text, box: Box(x: x, y: y, width: width, height: 10),
                            spans: [TextSpan(text: text, font: bold ? "Sans-Bold" : "Sans", size: 10, bold: bold, italic: false)])
        return TextBlock(lines: [line], text: text, hyphenations: [], fontSize: 10, bold: bold)
    }

    /// A vote list read column by column, as poppler reads Word tables, becomes rows of
    /// three cells; a heading left over figures set right is one column with them.
    func testAGridOfThreeColumnsIsATable() throws {
        let paragraph = TextBlock(lines: [TextLine(page: 1, text: "Omröstningen utföll enligt följande.", box: Box(x: 70, y: 80, width: 400, height: 10),
                                                   spans: [TextSpan(text: "x", font: "Sans", size: 10, bold: false, italic: false)])],
                                  text: "Omröstningen utföll enligt följande.", hyphenations: [], fontSize: 10, bold: false)
        let blocks = [
            paragraph,
            cell("Ledamot", x: 70, y: 100, width: 50, bold: true), cell("Anna Andersson", x: 70, y: 114, width: 80),
            cell("Per Nilsson", x: 70, y: 128, width: 60),
            cell("Parti", x: 250, y: 100, width: 30, bold: true), cell("S", x: 250, y: 114, width: 8), cell("M", x: 250, y: 128, width: 9),
            cell("Antal röster", x: 350, y: 100, width: 60, bold: true), cell("12", x: 440, y: 114, width: 12), cell("7", x: 446, y: 128, width: 6),
        ]
        let tables = TableReader.tables(blocks)
        let (end, table) = try XCTUnwrap(tables[1])
        XCTAssertEqual(end, blocks.count)
        XCTAssertEqual(table.rows.map { $0.map(\.text) }, [["Ledamot", "Parti", "Antal röster"], ["Anna Andersson", "S", "12"], ["Per Nilsson", "M", "7"]])
        XCTAssertEqual(table.rows[0].map(\.header), [true, true, true])
        XCTAssertEqual(table.rows[1].map(\.header), [false, false, false])
        let content = ContentReader.content(blocks)
        XCTAssertEqual(content.count, 2)
        if case .table = content[1] {} else { XCTFail("\(content[1])") }
    }

    /// Two columns side by side (a front matter's labels and values, two signatories) stay text.
    func testTwoColumnsAreNoTable() {
        let blocks = [
            cell("Beslutande", x: 70, y: 100, width: 60), cell("Anna Andersson (S), ordförande", x: 200, y: 100, width: 160),
            cell("Sekreterare", x: 70, y: 114, width: 60), cell("Karin Lund", x: 200, y: 114, width: 60),
            cell("Justerare", x: 70, y: 128, width: 60), cell("Per Nilsson", x: 200, y: 128, width: 60),
        ]
        XCTAssertTrue(TableReader.tables(blocks).isEmpty)
    }
}

/// Cells set so close that one printed line runs across them.
final class TableCutTests: XCTestCase {
    private func row(_ cells: [(String, Double)], y: Double) -> TextBlock {
        var text = "", cuts: [LineCut] = []
        for (index, cell) in cells.enumerated() {
            if index > 0 {
                text += " "
                cuts.append(LineCut(offset: text.count, gapStart: cells[index - 1].1 + Double(cells[index - 1].0.count) * 5, x: cell.1))
            }
            text += cell.0
        }
        let last = cells[cells.count - 1]
        let line = TextLine(page: 1, text: text, box: Box(x: cells[0].1, y: y, width: last.1 + Double(last.0.count) * 5 - cells[0].1, height: 11),
                            spans: [TextSpan(text: text, font: "Sans", size: 11, bold: false, italic: false)], cuts: cuts)
        return TextBlock(lines: [line], text: text, hyphenations: [], fontSize: 11, bold: false)
    }

    /// HTML printed by Chromium reads a vote list a row at a time, each row one line: the cuts part its cells.
    func testRowsPrintedAsOneLineAreCutIntoCells() throws {
        let blocks = [
            row([("Ledamot", 62), ("Parti", 185), ("Röst", 217)], y: 282),
            row([("Bino Drummond", 62), ("M", 185), ("Ja", 217)], y: 300),
            row([("Ulrika Falk", 62), ("S", 185), ("Nej", 217)], y: 318),
        ]
        XCTAssertEqual(TableReader.pieces(blocks).map(\.block.text), ["Ledamot", "Parti", "Röst", "Bino Drummond", "M", "Ja", "Ulrika Falk", "S", "Nej"])
        let content = ContentReader.content(blocks)
        guard content.count == 1, case .table(let table) = content[0] else { return XCTFail("\(content)") }
        XCTAssertEqual(table.rows.map { $0.map(\.text) }, [["Ledamot", "Parti", "Röst"], ["Bino Drummond", "M", "Ja"], ["Ulrika Falk", "S", "Nej"]])
    }

    /// A line of running text with one wide gap is no table: it stays the paragraph it was.
    func testAParagraphWithAWideGapStaysText() {
        let block = row([("Kommunstyrelsen beslutar att", 70), ("bifalla motionen.", 240)], y: 100)
        let content = ContentReader.content([block])
        guard content.count == 1, case .paragraph(let paragraph) = content[0] else { return XCTFail("\(content)") }
        XCTAssertEqual(paragraph.text, "Kommunstyrelsen beslutar att bifalla motionen.")
    }
}
