import Foundation

/// How an OCR engine without Swedish turns intended text into printed text,
/// learnt from OCR output against its truth (`Resources/confusions.tsv`,
/// written by scripts/derive-confusions.py).
///
/// A learnt rate is scaled by how damaged the page at hand is: the training
/// pair lost nearly every å/ä/ö, a clean page loses none, so the same
/// `ö → o` is likely on the first and never on the second.
public struct ConfusionModel: Sendable {
    public struct Confusion: Sendable, Hashable {
        /// Lower case, one or two characters.
        public var intended: String
        public var printed: String
        /// Rate in the training text: count / occurrences of `intended`.
        public var rate: Double
    }

    public let confusions: [Confusion]
    /// Share of å/ä/ö the training text lost: what a rate is relative to.
    public let trainingDamage: Double
    /// Printed text → what it may stand for, for candidate generation.
    let byPrinted: [String: [Confusion]]
    private let rateByPair: [Pair: Double]

    private struct Pair: Hashable {
        var intended: String
        var printed: String
    }

    public static let shared: ConfusionModel = {
        guard let url = RepairData.url("confusions.tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return ConfusionModel(tsv: "")
        }
        return ConfusionModel(tsv: text)
    }()

    public init(tsv: String) {
        var confusions: [Confusion] = []
        var lostDiacritics = 0.0, seenDiacritics: [String: Double] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            // An empty `intended` is a glyph the OCR added (`ombhanderta`); an
            // empty `printed` (a lost glyph) cannot be read back from print.
            guard fields.count == 4, !fields[1].isEmpty,
                  let count = Double(fields[2]), let seen = Double(fields[3]), seen > 0 else { continue }
            confusions.append(Confusion(intended: fields[0], printed: fields[1], rate: count / seen))
            if fields[0].count == 1, SwedishLetters.hasDiacritic(fields[0]) {
                lostDiacritics += count
                seenDiacritics[fields[0]] = seen
            }
        }
        self.confusions = confusions
        let seen = seenDiacritics.values.reduce(0, +)
        trainingDamage = seen > 0 ? min(1, lostDiacritics / seen) : 1
        byPrinted = Dictionary(grouping: confusions, by: \.printed)
        rateByPair = Dictionary(confusions.map { (Pair(intended: $0.intended, printed: $0.printed), $0.rate) },
                                uniquingKeysWith: max)
    }

    /// Probability that `intended` comes out as `printed` on a page whose
    /// estimated diacritic loss is `damage` (0…1).
    public func probability(intended: String, printed: String, damage: Double) -> Double {
        guard let rate = rateByPair[Pair(intended: intended, printed: printed)] else { return 0 }
        return min(0.95, rate * damage / max(trainingDamage, 0.05))
    }

    /// The longest printed text any confusion starts from.
    var longestPrinted: Int { confusions.map(\.printed.count).max() ?? 1 }
}
