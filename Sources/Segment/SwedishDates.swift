/// Dates as Swedish and Finland-Swedish documents write them: `den 22 oktober
/// 2025`, `2025-08-26`, `15.09.2022`, `15/9 2022`, `20250826` is not one.
enum SwedishDates {
    private static let months = ["januari", "februari", "mars", "april", "maj", "juni", "juli",
                                 "augusti", "september", "oktober", "november", "december"]

    /// The first date in the text, as ISO `YYYY-MM-DD`; the earliest printed
    /// position wins whatever its form.
    static func firstDate(in text: String) -> String? {
        // Every form has a year of four digits; the three regexes cost far more than looking for one.
        var run = 0
        guard text.utf8.contains(where: { byte in
            run = (0x30...0x39).contains(byte) ? run + 1 : 0
            return run == 4
        }) else { return nil }
        var best: (position: String.Index, iso: String)?
        func consider(_ position: String.Index, year: Substring, month: Int?, day: Substring) {
            guard let year = Int(year), (1900...2099).contains(year), let month, (1...12).contains(month),
                  let day = Int(day), (1...31).contains(day)
            else { return }
            if let current = best, current.position <= position { return }
            best = (position, iso(year: year, month: month, day: day))
        }
        if let match = text.firstMatch(of: wordDate) {
            consider(match.range.lowerBound, year: match.3, month: monthNumber(String(match.2)), day: match.1)
        }
        if let match = text.firstMatch(of: isoDate) {
            consider(match.range.lowerBound, year: match.1, month: Int(match.2), day: match.3)
        }
        if let match = text.firstMatch(of: dottedDate) {
            consider(match.range.lowerBound, year: match.3, month: Int(match.2), day: match.1)
        }
        return best?.iso
    }

    private static func monthNumber(_ word: String) -> Int? {
        let folded = TextFolding.fold(word)
        return months.firstIndex { TextFolding.similar(folded, TextFolding.fold($0)) }.map { $0 + 1 }
    }

    private static func iso(year: Int, month: Int, day: Int) -> String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    nonisolated(unsafe) private static let wordDate = /(\d{1,2})\s+([\p{L}&é6]{3,10})\s+((?:19|20)\d{2})\b/
    nonisolated(unsafe) private static let isoDate = /\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b/
    nonisolated(unsafe) private static let dottedDate = /\b(\d{1,2})[.\/](\d{1,2})[.\/ ]\s?((?:19|20)\d{2})\b/
}
