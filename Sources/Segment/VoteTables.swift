import DocumentModel
import Foundation

/// A vote list printed as a table, read into the section's member votes:
/// a row per member with an answer cell (`Anna Palm | M | Ja`, `Anna Palm (M) | Nej`),
/// or a column per answer marked with a cross (`Namn | Parti | Ja | Nej | Avstår`
/// with `X` under one). A table counts only when most of its rows are votes,
/// so a budget or an attendance list is never read as one.
enum VoteTables {
    /// `vote` with the members' votes of the vote tables among `content`; when the
    /// text gave no tally, one counted from the table.
    static func vote(_ vote: VoteResult?, content: [ContentBlock]) -> VoteResult? {
        let votes = content.flatMap { block -> [VoteResult.MemberVote] in
            guard case .table(let table) = block else { return [] }
            return memberVotes(table)
        }
        guard !votes.isEmpty else { return vote }
        if var vote {
            vote.votes = votes
            return vote
        }
        func count(_ answer: String) -> Int { votes.filter { $0.vote == answer }.count }
        return VoteResult(yes: count("ja"), no: count("nej"), abstain: count("avstår"), votes: votes)
    }

    /// The answer a cell gives, as `VoteResult.MemberVote.vote` spells it.
    static func answer(_ text: String) -> String? {
        switch text.trimmingSpaces().lowercased() {
        case "ja": "ja"
        case "nej": "nej"
        case "avstår", "avstod", "avstar", "avst": "avstår"
        default: nil
        }
    }

    static func memberVotes(_ table: ContentBlock.Table) -> [VoteResult.MemberVote] {
        guard let header = table.rows.first else { return [] }
        let headers = header.map { $0.text.trimmingSpaces().lowercased() }
        let answerColumns = headers.enumerated().compactMap { index, text in answer(text).map { (index, $0) } }
        let partyColumn = headers.firstIndex { $0 == "parti" || $0 == "party" }
        var votes: [VoteResult.MemberVote] = []
        for row in table.rows {
            let cells = row.map { $0.text.trimmingSpaces() }
            let given: (column: Int, vote: String)?
            if answerColumns.count >= 2 {
                let marked = answerColumns.filter { $0.0 < cells.count && isMark(cells[$0.0]) }
                given = marked.count == 1 ? marked[0] : nil
            } else {
                given = cells.indices.last { answer(cells[$0]) != nil }.flatMap { index in answer(cells[index]).map { (index, $0) } }
            }
            guard let given, let first = cells.first, given.column > 0, answer(first) == nil,
                  first.contains(where: \.isLetter) else { continue }
            var name = first
            var party = partyColumn.flatMap { $0 < cells.count && $0 != given.column ? cells[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 }
            if let match = first.wholeMatch(of: nameWithParty) {
                name = String(match.1).trimmingSpaces()
                party = party ?? String(match.2)
            }
            if party == nil, given.column > 1, cells[1].wholeMatch(of: partyAbbreviation) != nil { party = cells[1] }
            votes.append(VoteResult.MemberVote(name: name, party: party, vote: given.vote))
        }
        let rows = table.rows.count - (votes.count < table.rows.count ? 1 : 0)
        guard votes.count >= 2, votes.count * 2 > rows else { return [] }
        return votes
    }

    private static func isMark(_ text: String) -> Bool {
        ["x", "✓", "✔", "1"].contains(text.trimmingSpaces().lowercased())
    }

    /// `Anna Palm (M)`.
    nonisolated(unsafe) private static let nameWithParty = /(.*\S)\s*\(([A-ZÅÄÖ]{1,4})\)/
    /// `S`, `MP`, `KD`.
    nonisolated(unsafe) private static let partyAbbreviation = /[A-ZÅÄÖ]{1,4}/
}
