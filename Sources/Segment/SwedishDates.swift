/// Dates as Swedish documents write them: `den 22 oktober 2025`, `2025-08-26`.
enum SwedishDates {
    private static let months = ["januari", "februari", "mars", "april", "maj", "juni", "juli",
                                 "augusti", "september", "oktober", "november", "december"]

    /// The first date in the text, as ISO `YYYY-MM-DD`.
    static func firstDate(in text: String) -> String? {
        if let match = text.firstMatch(of: wordDate), let month = monthNumber(String(match.2)),
           let day = Int(match.1), (1...31).contains(day) {
            return iso(year: Int(match.3)!, month: month, day: day)
        }
        if let match = text.firstMatch(of: isoDate), let month = Int(match.2), let day = Int(match.3),
           (1...12).contains(month), (1...31).contains(day) {
            return iso(year: Int(match.1)!, month: month, day: day)
        }
        return nil
    }

    private static func monthNumber(_ word: String) -> Int? {
        let folded = TextFolding.fold(word)
        return months.firstIndex { TextFolding.similar(folded, TextFolding.fold($0)) }.map { $0 + 1 }
    }

    private static func iso(year: Int, month: Int, day: Int) -> String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    nonisolated(unsafe) private static let wordDate = /(\d{1,2})\s+([\p{L}&é6]{3,10})\s+((?:19|20)\d{2})\b/
    nonisolated(unsafe) private static let isoDate = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/
}
