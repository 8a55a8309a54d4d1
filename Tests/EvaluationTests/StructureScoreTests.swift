import DocumentModel
@testable import Evaluation
import XCTest

/// A protocol's reservations count when found in their item with the same
/// authors, in any order; its votes when the item's tally matches.
final class StructureScoreTests: XCTestCase {
    func testReservationsAndVotesAreMatchedPerItem() throws {
        let truth = try JSONDecoder().decode(StructureTruth.self, from: Data("""
            {"id": "x", "organisation": "Ale kommun", "type": "protokoll",
             "metadata": {"documentType": "protokoll", "dnr": []}, "headings": [], "body": [],
             "items": [{"number": "KS § 7", "title": "Budget"}, {"number": "KS § 8", "title": "Taxor"}],
             "reservations": [{"item": "KS § 7", "authors": [{"name": "Anna Berg", "party": "S"}, {"name": "Per Holm", "party": "S"}]},
                              {"item": "KS § 8", "authors": [{"name": "Eva Ek", "party": "C"}]}],
             "votes": [{"item": "KS § 7", "yes": 8, "no": 7, "abstain": 0}]}
            """.utf8))
        var document = Document(source: SourceInfo(file: "x.pdf", sha256: "0", byteCount: 1), info: PDFInfo(pageCount: 1), pages: [], blocks: [])
        func item(_ number: String, _ title: String, reservants: [String], vote: VoteResult?) -> Section {
            let reservation = Section(kind: .reservation, heading: "Reservation", headingOriginal: "Reservation", level: 2,
                                      firstPage: 1, lastPage: 1,
                                      reservation: ReservationDetails(authors: reservants.map { Person(name: $0) }))
            return Section(kind: .paragraf, heading: title, headingOriginal: title, level: 1, firstPage: 1, lastPage: 1,
                           sections: [reservation], number: number, vote: vote)
        }
        // § 7's authors in the other order; § 8's reservation credited to someone else; § 7's tally right.
        document.sections = [item("KS § 7", "Budget", reservants: ["Per Holm", "Anna Berg"], vote: VoteResult(yes: 8, no: 7, abstain: nil)),
                             item("KS § 8", "Taxor", reservants: ["Eva Lund"], vote: nil)]
        let score = StructureScore(document: document, publishedText: "", truth: truth)
        XCTAssertEqual(score.reservations, 2)
        XCTAssertEqual(score.missedReservations, ["KS § 8 Eva Ek"])
        XCTAssertEqual(score.votes, 1)
        XCTAssertEqual(score.missedVotes, [])
    }
}
