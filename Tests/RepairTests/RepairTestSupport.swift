import DocumentModel
import Foundation
import Spelling
import XCTest
@testable import Repair

/// Marked text: `[printed=>expected]` at each place the repair must change,
/// so one string gives the damaged input, the expected output and where
/// each correction must be recorded.
struct MarkedText {
    var printed = ""
    var expected = ""
    /// Character offset in `printed`, printed form, expected form.
    var marks: [(offset: Int, printed: String, expected: String)] = []

    init(_ marked: String) {
        var rest = Substring(marked)
        while let open = rest.firstIndex(of: "[") {
            printed += rest[..<open]
            expected += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "]") else { break }
            let parts = rest[rest.index(after: open)..<close].components(separatedBy: "=>")
            marks.append((printed.count, parts[0], parts[1]))
            printed += parts[0]
            expected += parts[1]
            rest = rest[rest.index(after: close)...]
        }
        printed += rest
        expected += rest
    }
}

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Damaged prose in the style of seed 001 (diacritics dropped throughout),
    /// so a short test sentence is judged on a page as damaged as a real scan.
    static let damagedCarrier = """
    Kommunstyrelsen foreslar att kommunfullmaktige beslutar foljande. Motionen besvaras med hanvisning \
    till vad som sags i utlatandet. Stadsledningskontoret bedomer att ett sadant arbete har pagatt under \
    en langre tid i Stockholms stad. Forvaltningen anser att arbetet ar val etablerat och att det \
    fortsatter att utvecklas tillsammans med namnderna och bolagen.
    """

    static let hunspell = try! Hunspell(language: "sv_SE")
}

extension XCTestCase {
    /// Repairs the marked sentence on a damaged page and checks the text
    /// and a correction at every mark.
    func assertRepairs(_ marked: String, userLexicon: [String] = [], evidence: String = "",
                       file: StaticString = #filePath, line: UInt = #line) {
        let text = MarkedText(marked)
        var inputs = [RepairInput(text: text.printed, pageStarts: [(0, 1)]),
                      RepairInput(text: Fixtures.damagedCarrier, pageStarts: [(0, 1)])]
        if !evidence.isEmpty { inputs.append(RepairInput(text: evidence, pageStarts: [(0, 1)])) }
        let result = Repairer(hunspell: Fixtures.hunspell, options: RepairOptions(userLexicon: userLexicon)).repair(inputs)
        XCTAssertEqual(result.texts[0], text.expected, file: file, line: line)
        let corrections = result.corrections.filter { $0.block == 0 }
        for mark in text.marks where mark.printed != mark.expected {
            XCTAssertTrue(corrections.contains { $0.offset == mark.offset && $0.original == mark.printed && $0.corrected == mark.expected },
                          "no correction \(mark.printed) → \(mark.expected) at \(mark.offset): \(corrections)", file: file, line: line)
        }
        XCTAssertEqual(corrections.count, text.marks.filter { $0.printed != $0.expected }.count, "unexpected corrections: \(corrections)", file: file, line: line)
    }
}
