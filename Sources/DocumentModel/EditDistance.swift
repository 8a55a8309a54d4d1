/// Levenshtein distance between two strings, by Character, with an early
/// exit once `limit` is exceeded. Shared by the stages that compare text
/// tolerantly of OCR damage (recurring headers, the heading vocabulary).
public enum EditDistance {
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        distance(Array(a), Array(b), limit: limit)
    }

    /// As above, on strings already split into characters (a caller that
    /// compares one text with many keeps the split).
    public static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// True when `a` and `b` are within a length-scaled distance: one edit per `per` characters, at least one.
    public static func similar(_ a: String, _ b: String, per: Int = 7) -> Bool {
        similar(Array(a), Array(b), per: per)
    }

    public static func similar(_ a: [Character], _ b: [Character], per: Int = 7) -> Bool {
        let limit = max(1, b.count / per)
        return distance(a, b, limit: limit) <= limit
    }
}
