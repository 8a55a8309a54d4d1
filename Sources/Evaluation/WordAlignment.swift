/// Word tokens as the evaluations count them: runs of letters and digits,
/// with inner hyphens, apostrophes, colons, slashes and dots kept
/// (`OTTO-teamet`, `2017:54`, `KS 2025/364` → `KS`, `2025/364`). Case is kept.
public enum WordTokenizer {
    public static func words(_ text: String) -> [String] {
        text.matches(of: token).map { String($0.output) }
    }

    nonisolated(unsafe) private static let token = /[\p{L}\p{N}]+(?:['’\-:\/.,][\p{L}\p{N}]+)*/
}

/// A minimal edit alignment of two token sequences (Levenshtein, unit costs).
public struct WordAlignment: Sendable {
    public enum Step: Sendable, Equatable {
        case match(Int, Int)
        case substitute(Int, Int)
        /// A reference token missing from the hypothesis.
        case delete(Int)
        /// A hypothesis token not in the reference.
        case insert(Int)
    }

    public let reference: [String]
    public let hypothesis: [String]
    public let steps: [Step]

    public init(reference: [String], hypothesis: [String]) {
        self.reference = reference
        self.hypothesis = hypothesis
        steps = Self.align(reference, hypothesis)
    }

    public var matches: Int { steps.filter { if case .match = $0 { true } else { false } }.count }
    public var errors: Int { steps.count - matches }

    /// Word error rate: edits needed per reference word.
    public var wordErrorRate: Double {
        reference.isEmpty ? (hypothesis.isEmpty ? 0 : 1) : Double(errors) / Double(reference.count)
    }

    /// Share of reference words found, in order, in the hypothesis.
    public var accuracy: Double {
        reference.isEmpty ? 1 : Double(matches) / Double(reference.count)
    }

    /// For each reference index, the hypothesis index aligned with it (nil when deleted).
    public var hypothesisIndexForReference: [Int?] {
        var map = [Int?](repeating: nil, count: reference.count)
        for step in steps {
            switch step {
            case .match(let r, let h), .substitute(let r, let h): map[r] = h
            default: break
            }
        }
        return map
    }

    /// Dynamic programming over a direction table of one byte per cell, with
    /// two rolling rows of costs, so 10 000 × 10 000 words stays near 100 MB.
    private static func align(_ a: [String], _ b: [String]) -> [Step] {
        let n = a.count, m = b.count
        let width = m + 1
        var direction = [UInt8](repeating: 0, count: (n + 1) * width)
        var previous = [Int32](0...Int32(m))
        var current = [Int32](repeating: 0, count: m + 1)
        for j in 0...m { direction[j] = 2 }
        for i in 1..<(n + 1) {
            current[0] = Int32(i)
            direction[i * width] = 1
            for j in 1..<(m + 1) {
                let same = a[i - 1] == b[j - 1]
                let diagonal = previous[j - 1] + (same ? 0 : 1)
                let up = previous[j] + 1
                let left = current[j - 1] + 1
                if diagonal <= up && diagonal <= left {
                    current[j] = diagonal
                    direction[i * width + j] = same ? 0 : 3
                } else if up <= left {
                    current[j] = up
                    direction[i * width + j] = 1
                } else {
                    current[j] = left
                    direction[i * width + j] = 2
                }
            }
            swap(&previous, &current)
        }
        var steps: [Step] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            switch direction[i * width + j] {
            case 0 where i > 0 && j > 0:
                steps.append(.match(i - 1, j - 1)); i -= 1; j -= 1
            case 3 where i > 0 && j > 0:
                steps.append(.substitute(i - 1, j - 1)); i -= 1; j -= 1
            case 1 where i > 0:
                steps.append(.delete(i - 1)); i -= 1
            default:
                if j > 0 {
                    steps.append(.insert(j - 1)); j -= 1
                } else {
                    steps.append(.delete(i - 1)); i -= 1
                }
            }
        }
        return steps.reversed()
    }
}
