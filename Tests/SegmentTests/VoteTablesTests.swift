import DocumentModel
import Foundation
import Logging
import PipelineCore
@testable import Segment
import XCTest

/// Vote lists printed as tables become the section's member votes.
final class VoteTablesTests: XCTestCase {
    private func table(_ rows: [[String]], header: Bool = true) -> ContentBlock.Table {
        ContentBlock.Table(rows: rows.enumerated().map { index, row in
            row.map { ContentBlock.Cell(text: $0, original: $0, header: header && index == 0) }
        }, pages: [1])
    }

    func testARowPerMemberWithTheAnswerInACell() {
        let votes = VoteTables.memberVotes(table([["Ledamot", "Parti", "Röst"], ["Anna Palm", "M", "Ja"],
                                                  ["Helena Ohlson", "SD", "Nej"], ["Jörgen Ekman", "L", "Avstår"]]))
        XCTAssertEqual(votes, [.init(name: "Anna Palm", party: "M", vote: "ja"), .init(name: "Helena Ohlson", party: "SD", vote: "nej"),
                               .init(name: "Jörgen Ekman", party: "L", vote: "avstår")])
    }

    func testTheNameWithItsPartyAndAColumnPerAnswerMarkedWithACross() {
        let votes = VoteTables.memberVotes(table([["Ledamot", "Ja", "Nej", "Avstår"], ["Anna Palm (M)", "X", "", ""],
                                                  ["Olle Krabbe (V)", "", "X", ""], ["Erik Mårtensson (KD)", "", "", "x"]]))
        XCTAssertEqual(votes, [.init(name: "Anna Palm", party: "M", vote: "ja"), .init(name: "Olle Krabbe", party: "V", vote: "nej"),
                               .init(name: "Erik Mårtensson", party: "KD", vote: "avstår")])
    }

    func testATableThatIsNoVoteListGivesNoVotes() {
        XCTAssertEqual(VoteTables.memberVotes(table([["Post", "2019", "2020"], ["Intäkter", "12", "14"], ["Kostnader", "10", "Ja"],
                                                     ["Resultat", "2", "4"]])), [])
        let tally = VoteResult(yes: 8, no: 5, abstain: nil)
        XCTAssertEqual(VoteTables.vote(tally, content: [.table(table([["a", "b", "c"], ["1", "2", "3"]]))]), tally)
    }

    func testATallyKeepsItsCountsAndGainsTheMembersAndATableAloneIsCounted() {
        let list = ContentBlock.table(table([["Namn", "Parti", "Röst"], ["A B", "S", "Ja"], ["C D", "M", "Nej"], ["E F", "M", "Nej"]]))
        let given = VoteTables.vote(VoteResult(yes: 20, no: 30, abstain: 1), content: [list])
        XCTAssertEqual(given?.yes, 20)
        XCTAssertEqual(given?.votes.count, 3)
        let counted = VoteTables.vote(nil, content: [list])
        XCTAssertEqual([counted?.yes, counted?.no, counted?.abstain], [1, 2, 0])
    }

    /// The structure corpus's Höör protocol (§ 198, 13 members) in its Word, HTML and typeset renderings.
    /// The vote list is the truth's one table.
    func testTheCorpusVoteListIsReadMemberByMember() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("corpus/truth/hoor-ks-protokoll-2018-10-16.json"))) as? [String: Any]
        let tables = try XCTUnwrap(truth?["tables"] as? [[[String]]])
        let expected = try XCTUnwrap(tables.first { $0.last?.last == "Avstår" })
            .dropFirst().map { VoteResult.MemberVote(name: $0[0], party: $0[1], vote: $0[2].lowercased()) }
        XCTAssertEqual(expected.count, 13)
        var registry = StageRegistry()
        SegmentTestStages.register(&registry)
        let pipeline = try PipelineDefinition.parse("name: t\nversion: 1\nstages:\n  - id: extract\n  - id: segment\n", origin: "test")
        for rendering in ["word", "html", "typeset"] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-votes-\(UUID().uuidString)")
            let source = root.appendingPathComponent("corpus/pdf/\(rendering)/hoor-ks-protokoll-2018-10-16.pdf")
            _ = try Batch(inputs: [source.path], outputFolder: output, pipeline: pipeline, jobs: 1).run(registry: registry, logger: Logger(label: "test"))
            let document = try XCTUnwrap(ArtifactStore(outputFolder: output).latest(stages: ["extract", "segment"], document: "hoor-ks-protokoll-2018-10-16"))
            func votes(_ sections: [Section]) -> [[VoteResult.MemberVote]] {
                sections.flatMap { section in (section.vote.map { $0.votes.isEmpty ? [] : [$0.votes] } ?? []) + votes(section.sections) }
            }
            // In the Word rendering the list's last row falls on the next page, and tables are read within one page.
            XCTAssertEqual(votes(document.sections), [rendering == "word" ? Array(expected.dropLast()) : expected], rendering)
        }
    }
}
