import DocumentModel
import Logging
import PipelineCore
@testable import Segment
import XCTest

/// The genre's letterheads, protocol items, front matter and votes, on
/// hand-made blocks laid out as Word exports and protocols lay them out.
final class LetterheadAndProtocolTests: XCTestCase {
    /// `smaller`: lines from this one on are set in body type (11 pt, regular).
    private func block(_ lines: [String], page: Int = 1, y: Double, x: Double = 70, size: Double = 11, bold: Bool = false,
                       font: String = "Sans", smaller: Int? = nil) -> TextBlock {
        let textLines = lines.enumerated().map { offset, text in
            let body = smaller.map { offset >= $0 } ?? false
            let lineSize = body ? 11 : size, lineBold = body ? false : bold
            return TextLine(page: page, text: text, box: Box(x: x, y: y + Double(offset) * (size + 3), width: 300, height: lineSize),
                            spans: [TextSpan(text: text, font: lineBold ? font + "-Bold" : font, size: lineSize, bold: lineBold, italic: false)])
        }
        return TextBlock(lines: textLines, text: lines.joined(separator: " "), hyphenations: [], fontSize: size, bold: bold)
    }

    private func segment(_ blocks: [TextBlock], pages: Int = 1, infoTitle: String? = nil,
                         outline: [OutlineEntry] = []) throws -> Document {
        let document = Document(source: SourceInfo(file: "x.pdf", sha256: "0", byteCount: 1),
                                info: PDFInfo(title: infoTitle, pageCount: pages, outline: outline),
                                pages: (1...pages).map { Page(number: $0, width: 595, height: 842, hasTextLayer: true) },
                                blocks: blocks)
        return try SegmentStage(settings: .init()).run(document, context: StageContext(documentName: "x", logger: Logger(label: "t")))
    }

    func testOnePageLetterheadBecomesMetadataNotHeadings() throws {
        let document = try segment([
            block(["Umeå kommun"], y: 40, size: 14, bold: true),
            block(["Kommunstyrelsens förvaltning"], y: 60),
            block(["Tjänsteskrivelse"], y: 40, x: 350, bold: true),
            block(["2023-03-14"], y: 56, x: 350),
            block(["Dnr KS-2023/00145"], y: 70, x: 350),
            block(["Handläggare Anna Berg"], y: 84, x: 350),
            block(["Svar på motion om fler laddstolpar vid kommunens förskolor"], y: 160, size: 16, bold: true),
            block(["Förslag till beslut"], y: 200, size: 12, bold: true),
            block(["Kommunstyrelsen föreslår kommunfullmäktige att bifalla motionen och att uppdra åt",
                   "förvaltningen att genomföra det."], y: 220),
            block(["Ärendet"], y: 270, size: 12, bold: true),
            block(["Motionären vill att kommunen bygger fler laddstolpar vid förskolorna i kommunen."], y: 290),
            block(["Postadress 901 84 Umeå, Besöksadress Skolgatan 31, Telefon 090-16 10 00"], y: 800, size: 8),
        ], infoTitle: "Microsoft Word - TS laddstolpar.docx")
        let metadata = try XCTUnwrap(document.metadata)
        XCTAssertEqual(metadata.documentType, .tjansteskrivelse)
        XCTAssertEqual(metadata.title, "Svar på motion om fler laddstolpar vid kommunens förskolor")
        XCTAssertEqual(metadata.organisation, "Umeå kommun")
        XCTAssertEqual(metadata.unit, "Kommunstyrelsens förvaltning")
        XCTAssertEqual(metadata.date, "2023-03-14")
        XCTAssertEqual(metadata.dnr.first, "KS-2023/00145")
        XCTAssertEqual(document.sections.map(\.heading), ["Förslag till beslut", "Ärendet"])
        XCTAssertEqual(document.sections.map(\.kind), [.forslagTillBeslut, .arendet])
        let preamble = document.preamble.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
        XCTAssertEqual(preamble, ["Svar på motion om fler laddstolpar vid kommunens förskolor"],
                       "letterhead and the address footer are not body")
        XCTAssertTrue(document.pages[0].furniture.contains { $0.text.hasPrefix("Postadress") })
    }

    /// A designation without a type word (`Handling 2020 nr 84`) is the designation, not body;
    /// a Dnr's capitals with a year and a serial stay a Dnr's.
    func testSerialDesignationInTheLetterhead() throws {
        let document = try segment([
            block(["Göteborgs Stad"], y: 40, size: 14, bold: true),
            block(["Stadsledningskontoret"], y: 58),
            block(["Tjänsteutlåtande"], y: 40, x: 350, bold: true),
            block(["Handling 2020 nr 84"], y: 54, x: 350),
            block(["2020-03-02"], y: 68, x: 350),
            block(["Diarienummer 0380/20"], y: 82, x: 350),
            block(["Ändring i avfallstaxan för fria besök vid återvinningscentraler"], y: 160, size: 16, bold: true),
            block(["Förslag till beslut"], y: 200, size: 12, bold: true),
            block(["Ändringen i avfallstaxan godkänns och gäller från och med den 1 juli 2020."], y: 220),
        ])
        let metadata = try XCTUnwrap(document.metadata)
        XCTAssertEqual(metadata.designation, "Handling 2020 nr 84")
        XCTAssertEqual(metadata.label, "Tjänsteutlåtande")
        XCTAssertEqual(metadata.dnr.first, "0380/20")
        XCTAssertEqual(document.sections.map(\.heading), ["Förslag till beslut"])
        XCTAssertEqual(LetterheadLine.kind(of: "Utl. 2009:31 RVIII"), .designation("Utl. 2009:31 RVIII"))
        XCTAssertEqual(LetterheadLine.kind(of: "Handling nr 45/2020"), .designation("Handling nr 45/2020"))
        XCTAssertEqual(LetterheadLine.kind(of: "Utlåtande 2017:19 RI"), .label("Utlåtande", designation: "Utlåtande 2017:19 RI"))
        XCTAssertNotEqual(LetterheadLine.kind(of: "KS 2019:45"), .designation("KS 2019:45"), "a Dnr's capitals")
        XCTAssertNil(LetterheadLine.kind(of: "Handlingen lämnades in 2020 av nämnden"))
    }

    /// A report without a letterhead names its organisation on its cover, or in its title's genitive;
    /// a protocol's `Sammanträdestid` and `Sammanträdesplats` are front-matter labels, never its title.
    func testOrganisationWithoutALetterheadAndMeetingLabels() throws {
        let cover = try segment([
            block(["Risk- och sårbarhetsanalys 2023–2026"], y: 200, size: 24, bold: true),
            block(["Hagfors kommun"], y: 260, size: 14),
            block(["Inledning"], y: 320, size: 14, bold: true),
            block(["Kommunen ska enligt lag analysera vilka extraordinära händelser som kan påverka verksamheten."], y: 340),
        ])
        XCTAssertEqual(cover.metadata?.organisation, "Hagfors kommun")
        XCTAssertEqual(MetadataReader.organisation(inGenitive: "Borlänge kommuns risk- och sårbarhetsanalys 2023-2026"), "Borlänge kommun")
        XCTAssertNil(MetadataReader.organisation(inGenitive: "Kommunens risk- och sårbarhetsanalys"))
        XCTAssertEqual(ProtocolReader.label(of: "Sammanträdestid 15.09.2022 kl. 18.00")?.field, .placeAndTime)
        XCTAssertEqual(ProtocolReader.label(of: "Sammanträdesplats Stadshuset")?.field, .placeAndTime)
        XCTAssertEqual(ProtocolReader.label(of: "Tjänstemän Anna Berg, sekreterare")?.field, .others)
    }

    func testInfoTitleOnlyWhenPrinted() throws {
        let document = try segment([block(["En text utan rubrik som fortsätter här."], y: 100)],
                                   infoTitle: "Microsoft Word - Utl 2015-123.docx")
        XCTAssertNil(document.metadata?.title)
    }

    func testItemHeadingForms() {
        XCTAssertEqual(ProtocolReader.itemHeading("§ 8 Val av justerare")?.key, "8")
        XCTAssertEqual(ProtocolReader.itemHeading("§ 8 Val av justerare")?.title, "Val av justerare")
        XCTAssertEqual(ProtocolReader.itemHeading("KS § 3 a Budget 2024")?.number, "KS § 3 a")
        XCTAssertEqual(ProtocolReader.itemHeading("KS § 3 a Budget 2024")?.key, "3a")
        XCTAssertEqual(ProtocolReader.itemHeading("39 § Anmälningsärenden")?.number, "39 §")
        XCTAssertEqual(ProtocolReader.itemHeading("§ 30")?.title, "")
        XCTAssertNil(ProtocolReader.itemHeading("§ 30 Val av justerare .......... 3"), "a table-of-contents entry")
        XCTAssertNil(ProtocolReader.itemHeading("Paragrafer §§ 30–41"))
        XCTAssertNil(ProtocolReader.itemHeading("Enligt 6 kap. 24 § kommunallagen ska nämnden"))
        XCTAssertEqual(ProtocolReader.itemHeading("KS $ 259 Val av justerare")?.key, "259", "OCR's section sign")
        XCTAssertEqual(ProtocolReader.itemHeading("KS 8 263 Skattesats för år 2014")?.title, "Skattesats för år 2014")
        XCTAssertEqual(ProtocolReader.itemHeading("KS 8 263 Skattesats för år 2014")?.number, "KS § 263", "the sign repaired")
        XCTAssertEqual(ProtocolReader.itemHeading("KS $£ 260 Godkännande")?.number, "KS § 260")
        XCTAssertEqual(ProtocolReader.itemHeading("3. 8 3 Information om parken")?.key, "3", "an agenda line whose sign OCR lost")
        XCTAssertEqual(ProtocolReader.itemHeading("5. 85 Medborgarförslag")?.number, "§ 5")
        XCTAssertNil(ProtocolReader.itemHeading("3. 12 kronor per invånare"))
        XCTAssertNil(ProtocolReader.itemHeading("2.2 Avtal som förfaller"), "a numbered heading")
        XCTAssertEqual(ProtocolReader.itemHeading("KS § 96/2015 Gemensam ledning")?.number, "KS § 96/2015")
        XCTAssertEqual(HeadingDetector.joinWrapped(["Strategi 2014-", "2015"]), "Strategi 2014-2015")
        XCTAssertEqual(ProtocolReader.itemDnr("Dnr KS 2024/12"), "KS 2024/12")
        XCTAssertEqual(ProtocolReader.itemDnr("Diarienummer: 2023/145"), "2023/145")
        XCTAssertEqual(ProtocolReader.itemDnr("Vår beteckning KS 2019/388"), "KS 2019/388")
        XCTAssertEqual(ProtocolReader.itemHeading("& 162 Godkännande av dagordning")?.number, "§ 162", "OCR's & for §")
        XCTAssertEqual(ProtocolReader.itemHeading("£& 199 Meddelanden")?.key, "199")
        XCTAssertEqual(ProtocolReader.itemHeading("KS 83 207 Meddelanden")?.number, "KS § 207")
        XCTAssertNil(ProtocolReader.itemHeading("Svensson & Co 2015 AB"))
        XCTAssertNil(ProtocolReader.itemHeading("Enligt § 27 i regionfullmäktiges arbetsordning ska motioner"), "a citation")
        XCTAssertEqual(ProtocolReader.itemHeading("KS EU § 6 Befolkningsprognos 2019–2024")?.number, "KS EU § 6", "an organ's two-part name")
        XCTAssertNil(ProtocolReader.itemHeading("Se KS beslut § 6 i protokollet"))
    }

    func testVoteCounts() {
        XCTAssertEqual(ProtocolReader.vote(in: "Ja-röster: 8, Nej-röster: 5, Avstår: 0"), VoteResult(yes: 8, no: 5, abstain: 0))
        XCTAssertEqual(ProtocolReader.vote(in: "Med 7 ja-röster mot 4 nej-röster beslutar nämnden"), VoteResult(yes: 7, no: 4, abstain: nil))
        XCTAssertNil(ProtocolReader.vote(in: "Ordföranden frågar om nämnden bifaller förslaget och finner att så sker."))
        XCTAssertNil(ProtocolReader.vote(in: "Ja-röster: 99999999999999999999, Nej-röster: 1"), "a count that does not fit is no count")
    }

    func testFrontMatterAndItems() throws {
        let document = try segment([
            block(["Hultsfreds kommun"], y: 40, size: 14, bold: true),
            block(["Sammanträdesprotokoll"], y: 40, x: 350, bold: true),
            block(["Kommunstyrelsen"], y: 130, size: 16, bold: true),
            block(["Plats och tid", "Kommunhuset, Hultsfred, tisdagen den 8 september 2015 kl. 13.00–16.30"], y: 170),
            block(["Beslutande", "Lars Rosander (S), ordförande", "Anna Berg (M)", "Per Holm (C), tjänstgörande ersättare"], y: 210),
            block(["Övriga närvarande", "Lars Rönnlund, kommunchef"], y: 280),
            block(["Utses att justera", "Anna Berg"], y: 320),
            block(["Underskrifter", "Sekreterare", "Eva Lind", "Ordförande", "Lars Rosander"], y: 360),
            block(["ANSLAG/BEVIS"], y: 600, bold: true),
            block(["Protokollet är justerat. Justeringen har tillkännagivits genom anslag."], y: 620),
            block(["§ 96 Val av justerare"], page: 2, y: 100, size: 12, bold: true),
            block(["Anna Berg utses att justera protokollet."], page: 2, y: 130),
            block(["§ 97 Budget 2016"], page: 2, y: 170, size: 12, bold: true),
            block(["Dnr 2015/81"], page: 2, y: 190),
            block(["Beslut"], page: 2, y: 210, bold: true),
            block(["Kommunstyrelsen fastställer budgeten."], page: 2, y: 230),
            block(["Omröstning"], page: 2, y: 260, bold: true),
            block(["Ja-röster: 8, Nej-röster: 3, Avstår: 0"], page: 2, y: 280),
        ], pages: 2)
        let metadata = try XCTUnwrap(document.metadata)
        XCTAssertEqual(metadata.documentType, .protokoll)
        let meeting = try XCTUnwrap(metadata.meeting)
        XCTAssertEqual(meeting.organ, "Kommunstyrelsen")
        XCTAssertEqual(meeting.date, "2015-09-08")
        XCTAssertEqual(meeting.decisionMakers.map(\.name), ["Lars Rosander", "Anna Berg", "Per Holm"])
        XCTAssertEqual(meeting.decisionMakers.map(\.party), ["S", "M", "C"])
        XCTAssertEqual(meeting.chair, "Lars Rosander")
        XCTAssertEqual(meeting.secretary, "Eva Lind")
        XCTAssertEqual(meeting.adjusters, ["Anna Berg"])
        let items = document.sections.filter { $0.kind == .paragraf }
        print("SECTIONS", document.sections.map { "\($0.kind) \($0.number ?? "-") \($0.heading ?? "")" }, document.preamble.count)
        XCTAssertEqual(items.map(\.number), ["§ 96", "§ 97"])
        XCTAssertEqual(items.map(\.heading), ["Val av justerare", "Budget 2016"])
        XCTAssertEqual(items[1].dnr, "2015/81")
        XCTAssertEqual(items[1].sections.map(\.kind), [.beslut, .omrostning])
        XCTAssertEqual(items[1].sections.map(\.level), [2, 2])
        XCTAssertEqual(items[1].sections[1].vote, VoteResult(yes: 8, no: 3, abstain: 0))
        XCTAssertTrue(document.pages[0].furniture.contains { $0.text.hasPrefix("Protokollet är justerat") }, "the ANSLAG/BEVIS box is furniture")
    }

    /// A protocol as `tesseract` reads a scan: the section sign as `&`, `£`, `5` or `8`,
    /// glued to the number or not; sizes from word heights; no bold.
    func testScannedProtocolItemsWithMisreadSigns() throws {
        func scanned(_ lines: [String], page: Int, y: Double, size: Double = 11, smaller: Int? = nil) -> TextBlock {
            block(lines, page: page, y: y, size: size, font: "GlyphLessFont", smaller: smaller)
        }
        let body = "Kommunstyrelsen beslutar enligt förslaget och lägger informationen till handlingarna efter diskussion."
        let document = try segment([
            scanned(["Kommunstyrelsen"], page: 1, y: 130, size: 16),
            scanned(["Plats och tid", "Stadshuset, måndagen den 8 juni 2015 kl. 13.00"], page: 1, y: 170),
            scanned(["&161"], page: 2, y: 80, size: 14),
            scanned(["Val av justerare"], page: 2, y: 100, size: 14),
            scanned([body], page: 2, y: 130),
            scanned(["5162 Godkännande av dagordning"], page: 2, y: 170, size: 14),
            scanned([body], page: 2, y: 200),
            scanned(["8163 Information om näringslivsarbetet", "Ordföranden föreslår att informationen läggs till handlingarna"],
                    page: 2, y: 240, size: 14, smaller: 1),
            scanned(["Vår beteckning 15KS241"], page: 2, y: 290, size: 14),
            scanned(["£ 164 Skattesats för 2016"], page: 3, y: 80, size: 14),
            scanned(["Omröstning"], page: 3, y: 110, size: 13),
            scanned([body], page: 3, y: 130),
            scanned(["Omröstningsresultat"], page: 3, y: 170, size: 13),
            scanned(["Ja-röster: 8, Nej-röster: 4, Avstår: 1"], page: 3, y: 190),
            scanned(["KS 83 165 Meddelanden"], page: 3, y: 240, size: 14),
            scanned(["Sten Åhrman, budgetchef"], page: 3, y: 270, size: 13),
            scanned([body], page: 3, y: 290),
        ], pages: 3)
        let items = document.sections.filter { $0.kind == .paragraf }
        print("SECTIONS", document.sections.map { "\($0.kind) \($0.number ?? "-") \($0.heading ?? "")" }, document.preamble.count)
        XCTAssertEqual(items.map { $0.number ?? "-" }, ["§161", "§162", "§163", "§ 164", "KS § 165"])
        XCTAssertEqual(items.map(\.heading), ["Val av justerare", "Godkännande av dagordning", "Information om näringslivsarbetet",
                                              "Skattesats för 2016", "Meddelanden"],
                       "a title ends where smaller type begins")
        XCTAssertEqual(items[2].dnr, "15KS241", "`Vår beteckning` labels an item's Dnr")
        XCTAssertEqual(items[3].sections.map(\.heading), ["Omröstning"], "the tally's caption opens no section")
        XCTAssertEqual(items[3].sections.first?.vote, VoteResult(yes: 8, no: 4, abstain: 1))
        XCTAssertTrue(items[4].sections.isEmpty, "a name with a role heads nothing")
        let text = document.sections.flatMap { section in [section] + section.sections }.flatMap(\.blocks).compactMap { block in
            if case .paragraph(let paragraph) = block { paragraph.text } else { nil }
        }
        XCTAssertTrue(text.contains("Ordföranden föreslår att informationen läggs till handlingarna"), "the body under a title is kept")
    }

    func testEmptyCaptionOverItemsAndTitleWithAddressee() throws {
        let document = try segment([
            block(["Kallelse"], y: 40, x: 350, bold: true),
            block(["Yttrande över hemställan om försäljning av äldreboenden", "Till styrelsen för AB Alebyggen"], y: 130, size: 16, bold: true, smaller: 1),
            block(["Ärenden"], y: 200, size: 13, bold: true),
            block(["§ 1 Upprop och val av justerande samt bestämmande av tid för", "justering"], y: 230, size: 12, bold: true),
            block(["Föredragande Anna Berg."], y: 270),
            block(["§ 2 Meddelanden"], y: 300, size: 12, bold: true),
        ])
        XCTAssertEqual(document.metadata?.title, "Yttrande över hemställan om försäljning av äldreboenden")
        XCTAssertEqual(document.sections.map(\.heading),
                       ["Upprop och val av justerande samt bestämmande av tid för justering", "Meddelanden"],
                       "`Ärenden` right above the items captions them; a one-word label ends a wrapped title")
    }

    func testAttendanceListsWithStandIns() {
        let meeting = ProtocolReader.meeting(lines: [
            "Beslutande", "Mikael Berglund (M), ordförande", "Åke Niklasson (C), ledamot",
            "Viveca Arvidsson Torberntsson (S), tjänstgörande ersättare för Paula Örn",
            "Hasse Andersson (S), tjänstgörande ersättare för Rolf Gustavsson",
            "Ann-Christine Paulin (S), ledamot", "Övriga närvarande", "Erik Lidberg, kommunchef",
        ], organ: "Kommunstyrelsen")
        XCTAssertEqual(meeting.decisionMakers.map(\.name),
                       ["Mikael Berglund", "Åke Niklasson", "Viveca Arvidsson Torberntsson", "Hasse Andersson", "Ann-Christine Paulin"])
        XCTAssertEqual(meeting.decisionMakers[3].role, "tjänstgörande ersättare för Rolf Gustavsson")
        XCTAssertEqual(meeting.others.map(\.name), ["Erik Lidberg"])
    }

    func testDatesInTheirPrintedForms() {
        XCTAssertEqual(SwedishDates.firstDate(in: "Umeå den 14 mars 2023"), "2023-03-14")
        XCTAssertEqual(SwedishDates.firstDate(in: "Sammanträde 15.09.2022 kl. 18.00"), "2022-09-15")
        XCTAssertEqual(SwedishDates.firstDate(in: "Datum 2024-3-1"), "2024-03-01")
        XCTAssertNil(SwedishDates.firstDate(in: "Dnr 2023/145"))
        XCTAssertNil(SwedishDates.firstDate(in: "32.13.2022"))
    }

    /// A title that opens with the organisation's name, broken by hand over two blocks, below a
    /// letterhead whose right column wraps its label and a signatory's name over a role.
    func testTitleOverTwoBlocksOpeningWithTheOrganisation() throws {
        let document = try segment([
            block(["Motion till"], y: 30, x: 345, size: 13, bold: true),
            block(["kommunfullmäktige i"], y: 44, x: 345, size: 13, bold: true),
            block(["Piteå"], y: 58, x: 345, size: 17, bold: true),
            block(["Region Skåne"], y: 66, size: 15, bold: true),
            block(["Helena Westman"], y: 80, size: 12),
            block(["säkerhetssamordnare"], y: 94, size: 10),
            block(["Region Skåne ska yttra sig över"], y: 128, size: 17, bold: true),
            block(["betänkandet Ordning och reda i välfärden"], y: 149, size: 17, bold: true),
            block(["Bakgrund"], y: 214, size: 14, bold: true),
            block(["I november lade regeringens utredare fram sitt förslag om att begränsa vinsterna i välfärden."], y: 239),
        ])
        XCTAssertEqual(document.metadata?.title, "Region Skåne ska yttra sig över betänkandet Ordning och reda i välfärden")
        XCTAssertEqual(document.metadata?.organisation, "Region Skåne")
        XCTAssertEqual(document.sections.map(\.heading), ["Bakgrund"])
    }

    /// Items set as a table with the number under the sign, as OCR reads them: `KS 8 Title` with the number
    /// on a line of its own, inside the title, or lost; and a letterhead's two columns read as one line.
    func testScannedItemsWithTheNumberOutOfPlace() throws {
        let ocr = "GlyphLessFont"
        let document = try segment([
            block(["Kommunstyrelsen"], y: 40, size: 16, bold: true, font: ocr),
            block(["Sammanträdesprotokoll 2013-10-01"], y: 60, font: ocr),
            block(["Plats och tid Rådhuset, kl. 13.00-15.30"], y: 90, font: ocr),
            block(["KS 8 Val av justerare", "259"], page: 2, y: 120, size: 12, bold: true, font: ocr),
            block(["Kommunstyrelsen utser Anna Berg att justera protokollet tillsammans med ordföranden."], page: 2, y: 160, font: ocr),
            block(["KS 8 Strategi för större externa förhyrningar", "260 som förfaller 2014-2015"], page: 2, y: 200, size: 12, bold: true, font: ocr),
            block(["Fastighetskontoret har gått igenom avtalen och föreslår att de förlängs på bättre villkor."], page: 2, y: 240, font: ocr),
            block(["KS8& = Skattesats för år 2014"], page: 2, y: 280, size: 12, bold: true, font: ocr),
            block(["Kommunstyrelsen föreslår att skattesatsen för år 2014 ska vara oförändrad jämfört med i år."], page: 2, y: 320, font: ocr),
            block(["KS § Meddelanden 262"], page: 2, y: 360, size: 12, bold: true, font: ocr),
            block(["Inkomna skrivelser och cirkulär läggs till handlingarna utan vidare åtgärd från styrelsen."], page: 2, y: 400, font: ocr),
        ], pages: 2)
        let items = document.sections.filter { $0.kind == .paragraf }
        XCTAssertEqual(items.map(\.heading), ["Val av justerare", "Strategi för större externa förhyrningar som förfaller 2014-2015",
                                              "Skattesats för år 2014", "Meddelanden"])
        XCTAssertEqual(items.map(\.number), ["KS § 259", "KS § 260", "KS § 261", "KS § 262"])
    }

    /// An ANSLAG/BEVIS box that runs over a page break is furniture on both pages; the items after it are not.
    func testAnslagBoxOverAPageBreakEndsBeforeTheItems() throws {
        let document = try segment([
            block(["Sammanträdesprotokoll"], y: 40, size: 16, bold: true),
            block(["Plats och tid Rådhuset, kl. 13.00-15.30"], y: 90),
            block(["ANSLAG/BEVIS"], y: 740, size: 9, bold: true),
            block(["Protokollet är justerat. Justeringen har tillkännagivits genom anslag"], y: 752, size: 9),
            block(["Organ"], page: 2, y: 60, size: 9),
            block(["Datum då anslaget sätts upp"], page: 2, y: 72, size: 9),
            block(["Underskrift"], page: 2, y: 84, size: 9),
            block(["Maria Hedman"], page: 2, y: 96, size: 9),
            block(["§ 114 Val av justerare"], page: 2, y: 180, size: 13, bold: true),
            block(["Beslut"], page: 2, y: 210, bold: true),
            block(["Kommunstyrelsen utser Anna Berg att justera protokollet."], page: 2, y: 230),
        ], pages: 2)
        let furniture = document.pages.flatMap(\.furniture).map(\.text)
        for text in ["ANSLAG/BEVIS", "Organ", "Datum då anslaget sätts upp", "Maria Hedman"] { XCTAssertTrue(furniture.contains(text), text) }
        XCTAssertEqual(document.sections.first?.number, "§ 114")
        XCTAssertEqual(document.sections.first?.heading, "Val av justerare")
    }

    /// An item set right below the box in the box's own type (a printed web page) is no field of the box.
    func testAnItemCloseBelowTheAnslagBoxEndsIt() throws {
        let document = try segment([
            block(["Sammanträdesprotokoll"], y: 40, size: 16, bold: true),
            block(["Plats och tid Rådhuset, kl. 13.00-15.30"], y: 90),
            block(["ANSLAG/BEVIS"], page: 2, y: 60, size: 11, bold: true),
            block(["Organ Kommunstyrelsen"], page: 2, y: 74),
            block(["Underskrift Mikael Petersson"], page: 2, y: 88),
            block(["KS § 259 Val av justerare"], page: 2, y: 112),
            block(["Beslut"], page: 2, y: 130),
            block(["Kommunstyrelsen utser Anders Rosén att justera dagens protokoll."], page: 2, y: 146),
        ], pages: 2)
        XCTAssertEqual(document.sections.first?.number, "KS § 259")
        XCTAssertEqual(document.sections.first?.heading, "Val av justerare")
        XCTAssertFalse(document.pages.flatMap(\.furniture).map(\.text).contains("Beslut"))
    }

    /// A sentence right below the ANSLAG/BEVIS box is the protocol's text, not a field of the box.
    func testASentenceBelowTheAnslagBoxIsBody() throws {
        let sentence = "Kommunstyrelsen godkänner att de övriga deltagarna är närvarande vid sammanträdet och ger dem rätt att yttra sig."
        let document = try segment([
            block(["Sammanträdesprotokoll"], y: 40, size: 16, bold: true),
            block(["Plats och tid Stadshuset, kl. 15.00-16.15"], y: 90),
            block(["ANSLAG/BEVIS"], y: 150, size: 9, bold: true),
            block(["Organ Kommunstyrelsen"], y: 162, size: 9),
            block(["Underskrift Matti Ohlsson"], y: 174, size: 9),
            block([sentence], y: 192),
            block(["§ 124 Val av justerare"], y: 260, size: 13, bold: true),
            block(["Kommunstyrelsen utser Dan Olsson att justera protokollet."], y: 290),
        ])
        let furniture = document.pages.flatMap(\.furniture).map(\.text)
        XCTAssertTrue(furniture.contains("Underskrift Matti Ohlsson"))
        XCTAssertFalse(furniture.contains(sentence))
    }

    /// OCR glues an organ's letters to the misread sign (`KSS1`, `KS52`, `KS813`); the run of numbers
    /// still gives the items, printed with the organ's letters.
    func testScannedItemsWhoseSignIsGluedToTheOrgansLetters() throws {
        func scanned(_ lines: [String], page: Int, y: Double, size: Double = 11) -> TextBlock {
            block(lines, page: page, y: y, size: size, font: "GlyphLessFont")
        }
        let body = "Kommunstyrelsen beslutar enligt förslaget och lägger informationen till handlingarna efter diskussion."
        var blocks = [scanned(["Kommunstyrelsen"], page: 1, y: 130, size: 16),
                      scanned(["Plats och tid", "Stadshuset, onsdagen den 25 januari 2017 kl. 13.00"], page: 1, y: 170)]
        for (page, (number, title)) in [("KSS1", "Tyst minut"), ("KS52", "Informationer"), ("KSS3", "Anmälan av delegationsbeslut"),
                                        ("KS 54", "Finansrapport december")].enumerated() {
            blocks += [scanned([number], page: page + 2, y: 80, size: 14), scanned([title], page: page + 2, y: 100, size: 14),
                       scanned([body], page: page + 2, y: 130)]
        }
        let document = try segment(blocks, pages: 5)
        let items = document.sections.filter { $0.kind == .paragraf }
        XCTAssertEqual(items.map { $0.number ?? "-" }, ["KS § 1", "KS § 2", "KS § 3", "KS § 4"])
        XCTAssertEqual(items.map(\.heading), ["Tyst minut", "Informationer", "Anmälan av delegationsbeslut", "Finansrapport december"])
    }

    /// `KS EU §` beside the title with the number set under the sign, as a block of its own.
    func testItemNumberUnderTheSignBesideTheTitle() throws {
        let document = try segment([
            block(["Protokollsutdrag"], y: 40, size: 16, bold: true),
            block(["Plats och tid Stadshuset, kl. 08.30-10.00"], y: 90),
            block(["KS EU § Befolkningsprognos 2019–2024"], y: 200, size: 13, bold: true),
            block(["6"], y: 218, size: 13, bold: true),
            block(["Dnr 2019/00030"], y: 240),
            block(["Ekonomiutskottet lägger prognosen till handlingarna och sänder den vidare till nämnderna."], y: 262),
        ])
        let item = try XCTUnwrap(document.sections.first { $0.kind == .paragraf })
        XCTAssertEqual(item.number, "KS EU § 6")
        XCTAssertEqual(item.heading, "Befolkningsprognos 2019–2024")
    }

    /// A protocol whose page 1 is a cover with the letterhead alone has its organ, title and front matter on page 2.
    func testACoverWithOnlyTheLetterheadLeavesTheTitleToPageTwo() throws {
        let document = try segment([
            block(["Sammanträdesprotokoll"], y: 40, x: 350, bold: true),
            block(["25.01.2017"], y: 56, x: 350),
            block(["Trollhättans Stad"], y: 100, size: 14, bold: true),
            block(["Kommunstyrelsen"], page: 2, y: 100, size: 16, bold: true),
            block(["Plats och tid Sjuntorpsrummet, Stadshuset, kl. 08.30–11.50"], page: 2, y: 130),
            block(["Beslutande Paul Åkerlund (S), ordförande"], page: 2, y: 150),
            block(["Sekreterare Ulla Andersson"], page: 2, y: 170),
            block(["KS § 1 Tyst minut"], page: 2, y: 220, size: 13, bold: true),
            block(["Ordföranden inleder sammanträdet och kommunstyrelsen håller en tyst minut."], page: 2, y: 250),
        ], pages: 2)
        XCTAssertEqual(document.metadata?.title, "Kommunstyrelsen")
        XCTAssertEqual(document.metadata?.documentType, .protokoll)
        XCTAssertEqual(document.metadata?.meeting?.chair, "Paul Åkerlund")
        XCTAssertEqual(LetterheadLine.kind(of: "Motion till kommunfullmäktige i Piteå"), .label("Motion", designation: nil))
        XCTAssertNil(LetterheadLine.kind(of: "Kallelse till kommunfullmäktiges sammanträde"), "a title, not a label")
    }

    /// A `Beslut` issued by a förvaltning's unit is a delegationsbeslut, and the label read as a
    /// heading in the letterhead's column does not stop the search for the title.
    func testAnOfficersBeslutIsADelegationsbeslut() throws {
        let document = try segment([
            block(["Beslut"], y: 40, x: 400, bold: true),
            block(["Trollhättans Stad"], y: 40, size: 14, bold: true),
            block(["2019-03-14"], y: 56, x: 400),
            block(["Dnr SBF 2019-000537"], y: 70, x: 400),
            block(["Samhällsbyggnadsförvaltningen"], y: 60),
            block(["Trafikenheten"], y: 74),
            block(["Flyttning av fordon från Lantmannavägen till stadens uppställningsplats"], y: 160, size: 16, bold: true),
            block(["Beslut"], y: 200, size: 12, bold: true),
            block(["Samhällsbyggnadsförvaltningen beslutar att fordonet ska flyttas till stadens uppställningsplats."], y: 220),
        ])
        let metadata = try XCTUnwrap(document.metadata)
        XCTAssertEqual(metadata.documentType, .delegationsbeslut)
        XCTAssertEqual(metadata.title, "Flyttning av fordon från Lantmannavägen till stadens uppställningsplats")
        XCTAssertEqual(metadata.organisation, "Trollhättans Stad")
        XCTAssertEqual(metadata.dnr.first, "SBF 2019-000537")
        XCTAssertEqual(document.sections.map(\.heading), ["Beslut"])
    }

    /// An agenda whose first items OCR read with the sign as `S` or `5`: counted down from the first item read.
    func testScannedItemsBeforeTheFirstOneRead() throws {
        let ocr = "GlyphLessFont"
        var blocks = [block(["Kallelse"], y: 40, size: 16, bold: true, font: ocr), block(["Ärenden"], y: 100, size: 13, bold: true, font: ocr)]
        let titles = ["Upprop och val av justerande", "Information om återbruksparken", "Medborgarförslag om nyårsfirande",
                      "Motion om en näridrottsplats", "Motion om segregationen", "Årsredovisning 2017", "Anmälan av delegationsbeslut",
                      "Meddelanden"]
        for (offset, title) in titles.enumerated() {
            let sign = offset < 4 ? (offset % 2 == 0 ? "S" : "5") : "§"
            blocks.append(block(["\(sign) \(offset + 1) \(title)"], y: 130 + Double(offset) * 60, size: 12, bold: true, font: ocr))
            blocks.append(block(["Föredragande ekonomichefen som redogör för ärendet och svarar på frågor."], y: 150 + Double(offset) * 60, font: ocr))
        }
        let document = try segment(blocks)
        let items = document.sections.filter { $0.kind == .paragraf }
        XCTAssertEqual(items.map(\.heading), titles)
        XCTAssertEqual(items.compactMap(\.number), (1...8).map { "§ \($0)" })
    }

    /// OCR sizes a title's last line by its letters (`upphandlingar` reads 13 beside 15): on a scan the face decides.
    func testAScannedTitlesLastLineReadSmallerStillContinuesIt() {
        func line(_ text: String, size: Double, bold: Bool, font: String) -> TextLine {
            TextLine(page: 1, text: text, box: Box(x: 60, y: 500, width: 300, height: size),
                     spans: [TextSpan(text: text, font: font, size: size, bold: bold, italic: false)])
        }
        let first = line("§ 181 Riktlinjer för prioritering av Piteå kommuns", size: 15, bold: true, font: "GlyphLessFont")
        XCTAssertTrue(HeadingDetector.continuesTitle(line("upphandlingar", size: 13, bold: true, font: "GlyphLessFont"), of: first))
        XCTAssertFalse(HeadingDetector.continuesTitle(line("Vår beteckning 15KS160", size: 13, bold: false, font: "GlyphLessFont"), of: first))
        let printed = line("§ 181 Riktlinjer för prioritering av Piteå kommuns", size: 15, bold: true, font: "Sans-Bold")
        XCTAssertFalse(HeadingDetector.continuesTitle(line("upphandlingar", size: 13, bold: true, font: "Sans-Bold"), of: printed),
                       "set sizes are exact: a smaller line under a printed title is body")
    }

    /// Word bookmarks each item's title; the item list's cells print the same words and are no headings.
    func testBookmarkedItemTitlesHeadTheItemsNotTheItemList() throws {
        let document = try segment([
            block(["Sammanträdesprotokoll"], y: 40, size: 16, bold: true),
            block(["Paragrafer"], y: 80, bold: true),
            block(["§ 121"], y: 100), block(["§ 122"], y: 114),
            block(["Val av justerare"], y: 100, x: 200), block(["Taxa för vatten och avlopp 2020"], y: 114, x: 200),
            block(["§ 121"], page: 2, y: 60, size: 13, bold: true),
            block(["Val av justerare"], page: 2, y: 80, size: 13, bold: true),
            block(["Kommunstyrelsen utser Anna Berg att justera protokollet."], page: 2, y: 100),
            block(["§ 122"], page: 2, y: 140, size: 13, bold: true),
            block(["Taxa för vatten och avlopp 2020"], page: 2, y: 160, size: 13, bold: true),
            block(["Kommunstyrelsen föreslår att fullmäktige antar taxan för vatten och avlopp."], page: 2, y: 180),
        ], pages: 2, outline: [OutlineEntry(title: "§ 121 Val av justerare", depth: 1, page: 2),
                               OutlineEntry(title: "Val av justerare", depth: 1, page: 2),
                               OutlineEntry(title: "Taxa för vatten och avlopp 2020", depth: 1, page: 2)])
        let headings = document.sections.map { "\($0.number ?? "") \($0.heading ?? "")" }
        XCTAssertEqual(headings, ["§ 121 Val av justerare", "§ 122 Taxa för vatten och avlopp 2020"])
    }

    /// A scanned title wrapped after `och`, or onto a line of lower-case words that OCR sizes smaller, goes on
    /// to that line; a lead-in proposing what the `att` list below says is a sentence, however set.
    func testScannedTitlesRunOnPastOpenEndingsAndLeadInsAreNoHeadings() throws {
        let ocr = "GlyphLessFont"
        let document = try segment([
            block(["Protokoll"], y: 40, size: 16, bold: true, font: ocr),
            block(["§ 163 Information om näringslivsarbetet och"], y: 100, size: 13, bold: true, font: ocr),
            block(["etableringsförfrågningar"], y: 116, size: 10, bold: false, font: ocr),
            block(["Kommunstyrelsen tar del av informationen om arbetet med nya etableringar i kommunen."], y: 140, font: ocr),
            block(["§ 168 Revisionsrapport - Granskning av kommunstyrelsens interna"], y: 200, size: 13, bold: true, font: ocr),
            block(["kontroll"], y: 216, size: 10, font: ocr),
            block(["Revisorerna har granskat den interna kontrollen och lämnar sina rekommendationer."], y: 240, font: ocr),
            block(["Arbetsutskottet föreslår kommunstyrelsen besluta"], y: 280, size: 13, bold: true, font: ocr),
            block(["1. att godkänna svaret på revisionsrapporten,", "2. att överlämna svaret till revisorerna."], y: 300, font: ocr),
        ])
        let items = document.sections.filter { $0.kind == .paragraf }
        XCTAssertEqual(items.map(\.heading), ["Information om näringslivsarbetet och etableringsförfrågningar",
                                              "Revisionsrapport - Granskning av kommunstyrelsens interna kontroll"])
        func headings(_ sections: [Section]) -> [String] { sections.flatMap { [$0.heading] + headings($0.sections) } }
        XCTAssertFalse(headings(document.sections).contains { $0.hasPrefix("Arbetsutskottet") }, "\(headings(document.sections))")
        XCTAssertTrue(HeadingDetector.endsOpen("Svar på revisionsrapport avseende granskning av"))
        XCTAssertFalse(HeadingDetector.endsOpen("Taxa för vatten och avlopp 2020"))
    }

    /// OCR reads a Dnr set right of a title's last line as the line's end: it is the item's Dnr, not its title.
    func testADnrReadAtTheEndOfAScannedTitleIsTheItemsDnr() throws {
        let ocr = "GlyphLessFont"
        let document = try segment([
            block(["Protokoll"], y: 40, size: 16, bold: true, font: ocr),
            block(["KS § 200 Svar på motion om gratis kollektivtrafik för pensionärer", "under lågtrafik Dnr KS.2011.455"],
                  y: 100, size: 13, bold: true, font: ocr),
            block(["Kommunstyrelsen föreslår att kommunfullmäktige avslår motionen med hänvisning till kostnaderna."], y: 140, font: ocr),
        ])
        let item = try XCTUnwrap(document.sections.first { $0.kind == .paragraf })
        XCTAssertEqual(item.heading, "Svar på motion om gratis kollektivtrafik för pensionärer under lågtrafik")
        XCTAssertEqual(item.dnr, "KS.2011.455")
    }

    /// A scanned letterhead's fields carry the repair stage's corrections, not the words as OCR read them.
    func testTheLetterheadReadsTheRepairedWords() throws {
        var organisation = block(["Norrtalje kommun"], y: 40, size: 12, bold: true, font: "GlyphLessFont")
        organisation.original = "Norrtalje kommun"
        organisation.text = "Norrtälje kommun"
        let document = try segment([
            organisation,
            block(["Delegationsbeslut", "2024-03-04"], y: 60, x: 380, font: "GlyphLessFont"),
            block(["Röstmottagare vid valet till Europaparlamentet"], y: 200, size: 16, bold: true, font: "GlyphLessFont"),
            block(["Valnämnden utser röstmottagare enligt bilagan till detta beslut."], y: 240, font: "GlyphLessFont"),
        ])
        XCTAssertEqual(document.metadata?.organisation, "Norrtälje kommun")
    }

    /// An extract's number cell (`KS EU` over `§ 6`) read into its title's line puts the number last;
    /// the announced paragraph says which item it is, and the number is no word of the title.
    func testAScannedExtractsNumberReadAfterItsTitle() throws {
        let ocr = "GlyphLessFont"
        let document = try segment([
            block(["Protokollsutdrag"], y: 40, size: 16, bold: true, font: ocr),
            block(["Paragrafer"], y: 80, font: ocr),
            block(["KS EUS6"], y: 96, font: ocr),
            block(["KS EU Befolkningsprognos 2019-2024 86"], y: 140, size: 13, bold: true, font: ocr),
            block(["Kontoret redovisar befolkningsprognosen för åren 2019 till 2024 och dess antaganden."], y: 170, font: ocr),
        ])
        let item = try XCTUnwrap(document.sections.first { $0.kind == .paragraf }, "\(document.sections.map(\.heading))")
        XCTAssertEqual(item.heading, "Befolkningsprognos 2019-2024")
        XCTAssertEqual(item.number?.hasSuffix("§ 6"), true, item.number ?? "")
    }
}
