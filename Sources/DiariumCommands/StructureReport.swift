import Evaluation
import Foundation

/// Prints the structure corpus's scores: a table per part of the split and
/// production path, then each metadata field's accuracy.
enum StructureReport {
    static func print(_ results: [StructureCorpus.Result], details: Bool) {
        let paths = Array(Set(results.map(\.path))).sorted()
        Swift.print("part     path      docs  head P  head R  head F1  min F1  level  kind   fields  items      lost words  dropped  non-body")
        for part in CorpusSplit.Part.allCases {
            let inPart = results.filter { $0.part == part }
            guard !inPart.isEmpty else { continue }
            for path in paths + ["all"] {
                let selected = inPart.filter { path == "all" || $0.path == path }
                guard !selected.isEmpty else { continue }
                Swift.print(row(part.rawValue, path, StructureTotals(selected.map(\.score))))
            }
        }
        for part in CorpusSplit.Part.allCases {
            let totals = StructureTotals(results.filter { $0.part == part }.map(\.score))
            guard totals.documents > 0 else { continue }
            let fields = totals.fieldsTotal.keys.sorted().map { name in
                "\(name) \(totals.fieldsRight[name, default: 0])/\(totals.fieldsTotal[name, default: 0])"
            }
            Swift.print("\(part.rawValue) fields: \(fields.joined(separator: ", "))")
        }
        for part in CorpusSplit.Part.allCases {
            let rows = paths.compactMap { path -> String? in
                let totals = StructureTotals(results.filter { $0.part == part && $0.path == path }.map(\.score))
                return totals.tableRows == 0 ? nil : "\(path) \(totals.tableRowsFound)/\(totals.tableRows)"
            }
            if !rows.isEmpty { Swift.print("\(part.rawValue) table rows read as rows: \(rows.joined(separator: ", "))") }
        }
        for part in CorpusSplit.Part.allCases {
            let records = paths.compactMap { path -> String? in
                let totals = StructureTotals(results.filter { $0.part == part && $0.path == path }.map(\.score))
                guard totals.reservations + totals.votes > 0 else { return nil }
                return "\(path) \(totals.reservationsFound)/\(totals.reservations) and \(totals.votesFound)/\(totals.votes)"
            }
            if !records.isEmpty {
                Swift.print("\(part.rawValue) reservations with their authors and votes with their tally: \(records.joined(separator: ", "))")
            }
        }
        guard details else { return }
        for result in results where result.part == .tuning {
            let score = result.score
            let wrong = score.fields.filter { !$0.right }
            // Counted, not as sets: a heading found twice where it is printed once is an extra heading too.
            let missed = Self.unmatched(score.truthHeadings, score.matched.map(\.text))
            let extra = Self.unmatched(score.foundHeadings, score.matched.map(\.text))
            let misplaced = score.matched.filter { $0.expectedLevel != $0.foundLevel || $0.expectedKind != $0.foundKind }
            guard !wrong.isEmpty || !missed.isEmpty || !extra.isEmpty || !misplaced.isEmpty || !score.lostWords.isEmpty
                    || !score.missedItems.isEmpty || !score.extraWords.isEmpty
                    || !score.missedReservations.isEmpty || !score.missedVotes.isEmpty
            else { continue }
            Swift.print("\n\(result.path)/\(result.id) (\(result.type)) F1 \(String(format: "%.2f", score.f1))")
            for field in wrong { Swift.print("  \(field.name): expected \(field.expected) | found \(field.found)") }
            for heading in missed { Swift.print("  missed heading: \(heading)") }
            for heading in extra { Swift.print("  extra heading:  \(heading)") }
            for pair in misplaced {
                Swift.print("  \(pair.text): level \(pair.expectedLevel)→\(pair.foundLevel) kind \(pair.expectedKind)→\(pair.foundKind)")
            }
            for item in score.missedItems { Swift.print("  missed item: \(item)") }
            for reservation in score.missedReservations { Swift.print("  missed reservation: \(reservation)") }
            for vote in score.missedVotes { Swift.print("  missed vote: \(vote)") }
            if !score.lostWords.isEmpty { Swift.print("  lost words (\(score.lostWords.count)): \(score.lostWords.prefix(30).joined(separator: " "))") }
            if !score.droppedWords.isEmpty { Swift.print("  dropped words (\(score.droppedWords.count)): \(score.droppedWords.prefix(30).joined(separator: " "))") }
            if !score.extraWords.isEmpty { Swift.print("  non-body words (\(score.extraWords.count)): \(score.extraWords.prefix(30).joined(separator: " "))") }
        }
    }

    private static func row(_ part: String, _ path: String, _ totals: StructureTotals) -> String {
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        return pad(part, 9) + pad(path, 9)
            + String(format: "%5d  %6.3f  %6.3f  %7.3f  %6.3f  %5.3f  %5.3f  %6.3f  %4d/%-4d  %5d/%-6d %7d %7.2f %%",
                     totals.documents, totals.precision, totals.recall, totals.f1, totals.lowestF1,
                     totals.levelAccuracy, totals.kindAccuracy, totals.fieldAccuracy, totals.itemsFound, totals.items,
                     totals.lostWords, totals.bodyWords, totals.droppedWords, 100 * totals.extraShare)
    }

    /// The entries of `all`, in order, less one for each time `matched` holds them.
    private static func unmatched(_ all: [String], _ matched: [String]) -> [String] {
        var left = Dictionary(matched.map { ($0, 1) }, uniquingKeysWith: +)
        return all.filter { text in
            guard let count = left[text], count > 0 else { return true }
            left[text] = count - 1
            return false
        }
    }
}
