import DocumentModel

/// Joins printed lines into running text, deciding at each line-end hyphen
/// whether it was a typesetter's break (`myndighets-` `utövning`), part of
/// the word (`OTTO-` `teamet`, `Spånga-` `Tensta`), or a Swedish elided
/// compound before a conjunction (`tillstånds-` `och`). The repair stage may
/// revisit `joined` decisions with the lexicon.
enum Dehyphenator {
    static func join(_ lines: [String]) -> (text: String, hyphenations: [Hyphenation]) {
        var text = ""
        text.reserveCapacity(lines.reduce(lines.count) { $0 + $1.utf8.count })
        var hyphenations: [Hyphenation] = []
        for (index, line) in lines.enumerated() {
            guard index > 0 else {
                text.append(line)
                continue
            }
            let previous = lines[index - 1]
            guard let decision = decide(previous, line) else {
                text.append(" ")
                text.append(line)
                continue
            }
            let before = String(previous.split(separator: " ").last ?? "")
            let after = String(line.split(separator: " ").first ?? "")
            hyphenations.append(Hyphenation(line: index - 1, before: before, after: after, decision: decision))
            switch decision {
            case .joined:
                text.removeLast()
                text += line
            case .keptHyphen:
                if text.last == "\u{AD}" { text.removeLast(); text += "-" }
                text += line
            case .keptSpace:
                text.append(" ")
                text.append(line)
            }
        }
        return (text, hyphenations)
    }

    static func decide(_ previous: String, _ next: String) -> Hyphenation.Decision? {
        // A range broken after its dash (`2018–` `2029`, `11:15–` `12:45`) is one token, as printed.
        if previous.last == "–", previous.dropLast().last?.isNumber == true, next.first?.isNumber == true {
            return .keptHyphen
        }
        // So is a pair of names (`Stockholm–` `Mälardalen`, `Örnsköldsvik–` `Mellansel`).
        if previous.last == "–", previous.dropLast().last?.isLetter == true, next.first?.isUppercase == true {
            return .keptHyphen
        }
        guard let hyphen = previous.last, hyphen == "-" || hyphen == "\u{AD}" else { return nil }
        let stem = previous.dropLast().split(separator: " ").last ?? ""
        guard let lastLetter = stem.last, lastLetter.isLetter || lastLetter.isNumber,
              let first = next.first else { return nil }
        let nextWord = next.split(separator: " ").first.map { $0.filter(\.isLetter).lowercased() } ?? ""
        if conjunctions.contains(nextWord) { return .keptSpace }
        if hyphen == "\u{AD}" { return .joined }
        if first.isUppercase || first.isNumber { return .keptHyphen }
        if stem.allSatisfy({ $0.isUppercase || $0.isNumber }) { return .keptHyphen }
        if first.isLowercase { return .joined }
        return nil
    }

    /// Words after which a trailing hyphen marks an elided compound part (`barn- och ungdomsvård`).
    private static let conjunctions: Set<String> = ["och", "eller", "samt", "respektive", "resp", "som", "till", "än", "liksom"]
}
