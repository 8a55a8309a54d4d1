import DocumentModel
import Foundation
import XCTest

/// A small hand-built document with every part of the model filled in, in
/// the shape of an utlåtande: OCR damage in the originals, a nested section
/// tree, a consultation, a reservation, a table of contents, attachments.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL
    static let xsd = root.appendingPathComponent("Schemas/diarium-1.xsd")
    static let jsonSchema = root.appendingPathComponent("Schemas/diarium-1.schema.json")
    /// The official OASIS schema, which imports `xml.xsd` beside it.
    static let aknSchema = root.appendingPathComponent("Schemas/akomantoso30.xsd")

    static func paragraph(_ text: String, _ original: String? = nil, pages: [Int]) -> ContentBlock {
        .paragraph(.init(text: text, original: original ?? text, pages: pages))
    }

    /// An extracted block after repair: `text` repaired, `original` as printed.
    static func extracted(_ text: String, _ original: String) -> TextBlock {
        var block = TextBlock(lines: [], text: text, hyphenations: [], fontSize: 10, bold: false)
        block.original = original == text ? nil : original
        return block
    }

    static var utlatande: Document {
        var document = Document(
            source: SourceInfo(file: "born-digital/utlatande-ks-2025-364.pdf",
                               sha256: String(repeating: "ab", count: 32), byteCount: 48213),
            info: PDFInfo(title: "Utlåtande", pageCount: 4),
            pages: [],
            // What the corrections point into: the heading and its paragraph were one block.
            blocks: [extracted("Utlåtande Rotel I (Dnr KS 2025/364)", "Utlatande Rotel | (Dnr KS 2025/364)"),
                     extracted("Förslag till beslut Kommunfullmäktige föreslås besluta följande.",
                               "Férslag till beslut Kommunfullmaktige foreslas besluta féljande.")],
            diagnostics: [Diagnostic(severity: .warning, id: "extract.page.no-text", message: "page 4 has no text layer", page: 4)])
        let naddebo = Person(name: "Jonas Naddebo", party: "C", role: "reservant")
        document.metadata = Metadata(
            documentType: .utlatande, title: "Motion om att ta Otto till Stockholm",
            dnr: ["KS 2025/364", "KS 2025/364-1"], motionNumbers: ["2025:12"], date: "2025-10-22",
            authors: [Person(name: "Kristin Jacobsson", party: "C", role: "motionär"),
                      Person(name: "Jonas Naddebo", party: "C", role: "motionär")],
            signatories: [Person(name: "Karin Wanngård", role: "ordförande")],
            presenter: Person(name: "Karin Wanngård", party: "S", role: "föredragande"),
            consultedBodies: ["Socialnämnden", "Talita"],
            reservations: [ReservationDetails(authors: [naddebo], body: "Kommunstyrelsen",
                                              claims: ["Att tillstyrka motionen"])])
        document.preamble = [
            paragraph("Utlåtande Rotel I (Dnr KS 2025/364)", "Utlatande Rotel | (Dnr KS 2025/364)", pages: [1]),
        ]
        document.sections = [
            Section(kind: .forslagTillBeslut, heading: "Förslag till beslut", headingOriginal: "Férslag till beslut",
                    level: 1, firstPage: 1, lastPage: 1, blocks: [
                        paragraph("Kommunfullmäktige föreslås besluta följande.",
                                  "Kommunfullmaktige foreslas besluta féljande.", pages: [1]),
                        .list(.init(ordered: true, items: [
                            .init(marker: "1.", text: "Motionen avslås.", original: "Motionen avslas."),
                        ])),
                    ]),
            Section(kind: .remissammanstallning, heading: "Remissammanställning", headingOriginal: "Remissammanstallining",
                    level: 1, firstPage: 2, lastPage: 3, sections: [
                        Section(kind: .remissinstans, heading: "Socialnämnden", headingOriginal: "Socialnamnden",
                                level: 2, firstPage: 2, lastPage: 3, blocks: [
                                    paragraph("Nämnden har i huvudsak följande synpunkter.", pages: [2, 3]),
                                ], consultation: ConsultationDetails(
                                    body: "Socialnämnden", decisionDate: "2025-08-26",
                                    decisionPoints: ["Nämnden godkänner förvaltningens tjänsteutlåtande."],
                                    reportDate: "2025-08-13")),
                        Section(kind: .remissinstans, heading: "Talita", headingOriginal: "Talita",
                                level: 2, firstPage: 3, lastPage: 3,
                                consultation: ConsultationDetails(body: "Talita", noAnswer: true)),
                    ]),
            Section(kind: .reservation, heading: "Reservation av Jonas Naddebo (C)",
                    headingOriginal: "Reservation av Jonas Naddebo (C)", level: 1, implicit: true,
                    firstPage: 3, lastPage: 3, blocks: [
                        paragraph("Reservation av Jonas Naddebo (C) enligt följande.", pages: [3]),
                    ], reservation: ReservationDetails(authors: [naddebo], body: "Kommunstyrelsen",
                                                       claims: ["Att tillstyrka motionen"])),
            Section(kind: .innehallsforteckning, heading: "Innehållsförteckning", headingOriginal: "Innehallsforteckning",
                    level: 1, firstPage: 4, lastPage: 4,
                    tableOfContents: [TableOfContentsEntry(title: "Ärendet", page: 5, printed: "Arendet .........ccvvvvviviiiie 5"),
                                      TableOfContentsEntry(title: "Bilaga", page: nil, printed: "Bilaga")]),
            Section(kind: .bilagor, heading: "Bilaga", headingOriginal: "Bilaga", level: 1, firstPage: 4, lastPage: 4,
                    attachments: [Attachment(title: "Motion om att ta Otto till Stockholm", dnr: "KS 2025/364-1"),
                                  Attachment(title: "Remissammanställning", dnr: nil)]),
        ]
        document.corrections = [
            Correction(page: 1, block: 1, offset: 20, original: "Kommunfullmaktige", corrected: "Kommunfullmäktige",
                       confidence: 0.973_21, reason: "ocr.diacritic", evidence: ["lexicon", "unigram 3.2e-4"]),
            Correction(page: 1, block: 1, offset: 55, original: "féljande", corrected: "följande",
                       confidence: 0.9, reason: "ocr.confusion", evidence: []),
            Correction(page: 1, block: 1, offset: 0, original: "Férslag", corrected: "Förslag",
                       confidence: 0.95, reason: "ocr.confusion", evidence: []),
        ]
        document.reviewFlags = [ReviewFlag(page: 2, block: 4, offset: 10, word: "Jarva", reason: "name.unsupported",
                                           candidates: ["Järva"])]
        document.quality = Quality(damage: 0.312_345, pageDamage: [0.25, 0.5, 0.1, 0], unknownWordShare: 0.2,
                                   corrections: 3, flagged: 1)
        return document
    }

    /// A protocol: bookmarks, letterhead metadata, the meeting with its
    /// people, and numbered items (`§ 8`, `KS § 31`, `39 §`) with a Dnr, the
    /// protocol's sub-parts and an omröstning with each member's vote.
    static var protokoll: Document {
        var document = Document(
            source: SourceInfo(file: "born-digital/protokoll-ks-2024-03-21.pdf",
                               sha256: String(repeating: "cd", count: 32), byteCount: 90_412),
            info: PDFInfo(title: "Protokoll KS 2024-03-21", creator: "Microsoft® Word för Microsoft 365",
                          producer: "Microsoft® Word för Microsoft 365", creationDate: "2024-03-22T09:41:07Z", pageCount: 3,
                          outline: [OutlineEntry(title: "§ 8 Val av justerare", depth: 1, page: 1),
                                    OutlineEntry(title: "KS § 31 Budget 2025", depth: 1, page: 2),
                                    OutlineEntry(title: "Omröstning", depth: 2, page: 2),
                                    OutlineEntry(title: "39 § Anmälan av delegationsbeslut", depth: 1, page: 3),
                                    OutlineEntry(title: "Underskrifter", depth: 1, page: nil)]),
            pages: [],
            blocks: [])
        document.metadata = Metadata(
            documentType: .protokoll, title: "Kommunstyrelsen", date: "2024-03-21",
            organisation: "Umeå kommun", unit: "Kommunstyrelsen", label: "Sammanträdesprotokoll",
            designation: "Protokoll 3/2024",
            letterhead: ["Umeå kommun", "Kommunstyrelsen", "Sammanträdesprotokoll", "Sammanträdesdatum 2024-03-21"],
            meeting: Meeting(organ: "Kommunstyrelsen", date: "2024-03-21", time: "kl. 13.00–15.30",
                             place: "Stadshuset, Skellefteåsalen",
                             decisionMakers: [Person(name: "Anna Andersson", party: "S", role: "ordförande"),
                                              Person(name: "Per Nilsson", party: "M", role: "ledamot"),
                                              Person(name: "Lena Berg", party: "V", role: "tjänstgörande ersättare")],
                             others: [Person(name: "Karin Lund", role: "kommunsekreterare"),
                                      Person(name: "Olof Ek", party: "C", role: "ersättare")],
                             chair: "Anna Andersson", secretary: "Karin Lund", adjusters: ["Per Nilsson"],
                             adjustmentDate: "2024-03-25", adjustmentPlace: "Kommunkansliet"))
        document.preamble = [
            paragraph("Plats och tid: Stadshuset, Skellefteåsalen, kl. 13.00–15.30",
                      "Plats och tid: Stadshuset, Skelleftedsalen, kl. 13.00–15.30", pages: [1]),
        ]
        let vote = VoteResult(yes: 2, no: 1, abstain: 1, votes: [
            .init(name: "Anna Andersson", party: "S", vote: "ja"),
            .init(name: "Lena Berg", party: "V", vote: "ja"),
            .init(name: "Per Nilsson", party: "M", vote: "nej"),
            .init(name: "Olof Ek", party: nil, vote: "avstår"),
        ])
        document.sections = [
            Section(kind: .paragraf, heading: "Val av justerare", headingOriginal: "§ 8 Val av justerare", level: 1,
                    firstPage: 1, lastPage: 1, blocks: [paragraph("Per Nilsson (M) utses att justera protokollet.", pages: [1])],
                    number: "§ 8"),
            Section(kind: .paragraf, heading: "Budget 2025", headingOriginal: "KS § 31 Budget 2025", level: 1,
                    firstPage: 2, lastPage: 3, blocks: [paragraph("Dnr KS 2024/12", pages: [2])], sections: [
                        Section(kind: .yrkanden, heading: "Yrkanden", headingOriginal: "Yrkanden", level: 2,
                                firstPage: 2, lastPage: 2, blocks: [
                                    paragraph("Anna Andersson (S) yrkar bifall till arbetsutskottets förslag.",
                                              "Anna Andersson (S) yrkar bifall till arbetsutskottets forslag.", pages: [2]),
                                ]),
                        Section(kind: .propositionsordning, heading: "Propositionsordning", headingOriginal: "Propositionsordning",
                                level: 2, firstPage: 2, lastPage: 2, blocks: [
                                    paragraph("Ordföranden ställer proposition på förslaget och finner det bifallet.", pages: [2]),
                                ]),
                        Section(kind: .omrostning, heading: "Omröstning", headingOriginal: "Omrostning", level: 2,
                                firstPage: 2, lastPage: 2,
                                blocks: [paragraph("Ja-röster: 2, Nej-röster: 1, Avstår: 1", pages: [2]),
                                         .table(.init(rows: [
                                             [.init(text: "Ledamot", original: "Ledamot", header: true),
                                              .init(text: "Parti", original: "Parti", header: true),
                                              .init(text: "Röst", original: "Rost", header: true)],
                                             [.init(text: "Anna Andersson", original: "Anna Andersson", header: false),
                                              .init(text: "S", original: "S", header: false),
                                              .init(text: "Ja", original: "Ja", header: false)],
                                             [.init(text: "Per Nilsson", original: "Per Nilsson", header: false),
                                              .init(text: "M", original: "M", header: false),
                                              .init(text: "", original: "", header: false)],
                                         ], pages: [2]))], vote: vote),
                        Section(kind: .beslut, heading: "Beslut", headingOriginal: "Beslut", level: 2, firstPage: 3, lastPage: 3,
                                blocks: [.list(.init(ordered: true, items: [
                                    .init(marker: "1.", text: "Budget 2025 fastställs.", original: "Budget 2025 faststalls."),
                                ]))]),
                        Section(kind: .sarskiltYttrande, heading: "Särskilt yttrande", headingOriginal: "Särskilt yttrande",
                                level: 2, firstPage: 3, lastPage: 3,
                                blocks: [paragraph("Per Nilsson (M) lämnar ett särskilt yttrande.", pages: [3])]),
                        Section(kind: .expediering, heading: "Beslutet skickas till", headingOriginal: "Beslutet skickas till",
                                level: 2, firstPage: 3, lastPage: 3, blocks: [paragraph("Ekonomiavdelningen", pages: [3])]),
                    ], number: "KS § 31", dnr: "KS 2024/12"),
            Section(kind: .paragraf, heading: "Anmälan av delegationsbeslut", headingOriginal: "39 § Anmälan av delegationsbeslut",
                    level: 1, firstPage: 3, lastPage: 3, sections: [
                        Section(kind: .protokollsanteckning, heading: "Protokollsanteckning", headingOriginal: "Protokollsanteckning",
                                level: 2, firstPage: 3, lastPage: 3,
                                blocks: [paragraph("Lena Berg (V) antecknar att hon inte deltar.", pages: [3])]),
                    ], number: "39 §", dnr: "KS 2024/40"),
        ]
        return document
    }

    /// A document with text that needs escaping everywhere it can appear.
    static var hostile: Document {
        let nasty = "A & B < C > D \"quoted\" 'single' \u{1}ctrl\u{0}nul\u{B} tab\there\r\nåäö ÅÄÖ é ]]> --"
        var document = utlatande
        document.source.file = "dir/å & <b>.pdf"
        document.metadata?.title = nasty
        document.metadata?.authors = [Person(name: nasty, party: "C&D", role: "<role>")]
        document.preamble = [paragraph(nasty, "original " + nasty, pages: [1])]
        document.sections[0].heading = nasty
        document.corrections[0].original = nasty
        return document
    }

    /// Compares `data` with the snapshot file, or records it when
    /// DIARIUM_RECORD=1 is set.
    static func assertSnapshot(_ data: Data, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = root.appendingPathComponent("Tests/EmitTests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["DIARIUM_RECORD"] == "1" {
            try data.write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            XCTFail("no snapshot \(url.path); run the tests with DIARIUM_RECORD=1 to record it", file: file, line: line)
            return
        }
        if expected != data {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(name)")
            try data.write(to: actual)
            XCTFail("\(name) differs from its snapshot; compare: diff \(url.path) \(actual.path) (DIARIUM_RECORD=1 re-records)",
                    file: file, line: line)
        }
    }
}

/// Runs a command-line tool and returns its exit status and combined output.
enum Tool {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func temporaryFile(_ data: Data, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// Validates with libxml2's command-line tool, as a user would.
    static func xmllint(_ file: URL) throws -> (status: Int32, output: String) {
        try run(["xmllint", "--noout", "--nonet", "--schema", Fixtures.xsd.path, file.path])
    }

    /// Validates Akoma Ntoso against the official schema, offline, as a user would.
    static func xmllintAKN(_ files: [URL]) throws -> (status: Int32, output: String) {
        try run(["xmllint", "--noout", "--nonet", "--schema", Fixtures.aknSchema.path] + files.map(\.path))
    }

    /// Validates with Python's `jsonschema`, dates checked as dates.
    static func pythonJSONSchema(_ file: URL) throws -> (status: Int32, output: String) {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(json.load(open(sys.argv[2]))), key=lambda e: list(e.absolute_path))
        for error in errors:
            print("/" + "/".join(str(p) for p in error.absolute_path), error.message)
        sys.exit(1 if errors else 0)
        """
        return try run(["python3", "-c", script, Fixtures.jsonSchema.path, file.path])
    }
}
