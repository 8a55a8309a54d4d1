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

    static func paragraph(_ text: String, _ original: String? = nil, pages: [Int]) -> ContentBlock {
        .paragraph(.init(text: text, original: original ?? text, pages: pages))
    }

    static var utlatande: Document {
        var document = Document(
            source: SourceInfo(file: "born-digital/utlatande-ks-2025-364.pdf",
                               sha256: String(repeating: "ab", count: 32), byteCount: 48213),
            info: PDFInfo(title: "Utlåtande", pageCount: 4),
            pages: [],
            blocks: [],
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
            Correction(page: 1, block: 1, offset: 0, original: "Kommunfullmaktige", corrected: "Kommunfullmäktige",
                       confidence: 0.973_21, reason: "ocr.diacritic", evidence: ["lexicon", "unigram 3.2e-4"]),
            Correction(page: 1, block: 1, offset: 35, original: "féljande", corrected: "följande",
                       confidence: 0.9, reason: "ocr.confusion", evidence: []),
        ]
        document.reviewFlags = [ReviewFlag(page: 2, block: 4, offset: 10, word: "Jarva", reason: "name.unsupported",
                                           candidates: ["Järva"])]
        document.quality = Quality(damage: 0.312_345, pageDamage: [0.25, 0.5, 0.1, 0], unknownWordShare: 0.2,
                                   corrections: 2, flagged: 1)
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
