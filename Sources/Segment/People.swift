import DocumentModel
import Foundation

/// Reads people and parties out of the genre's fixed phrases: `Motion av A
/// och B (båda C)`, `motion (2017:54) av A m. fl. (M)`, `Reservation av A
/// (C)`, `Föredragande borgarrådet A`, and signature blocks (name, role).
enum People {
    /// Party letters used by Swedish councils.
    static let parties: Set<String> = ["S", "M", "C", "V", "L", "KD", "MP", "SD", "FP", "FI"]

    /// `A och B (båda C)` after `Motion av` → motionärer.
    static func motionAuthors(in text: String) -> [Person] {
        guard let match = text.firstMatch(of: motionBy) else { return [] }
        return names(String(match.1)).map { Person(name: $0, party: String(match.3), role: "motionär") }
    }

    /// Every `Reservation av A (C)` with its authors; `tail` is the text after the party.
    static func reservations(in text: String) -> [(authors: [Person], tail: Substring)] {
        text.matches(of: reservationBy).map { match in
            (names(String(match.1)).map { Person(name: $0, party: String(match.3), role: "reservant") },
             text[match.range.upperBound...])
        }
    }

    /// Who a sentence says reserves themselves: `A (M), B (C) och C (KD) reserverar sig …` and
    /// `John Hoffbrink, SD, reserverar sig …` name them; `Ledamöterna för Moderaterna och Centerpartiet`,
    /// `Sverigedemokraternas ledamöter`, `Ledamöterna för (m) och (c)` name their parties, and the
    /// members of those parties among `members` (a protocol's Beslutande) are the reservants.
    static func reservants(in text: String, members: [Person]) -> [Person] {
        guard let verb = text.range(of: " reserverar sig") else { return [] }
        let head = String(text[..<verb.lowerBound]).trimmingSpaces()
        guard head.count <= 400 else { return [] }
        let named = head.matches(of: nameWithParty)
        if !named.isEmpty {
            // The whole subject is the list of names: nothing but separators between them.
            let rest = head.replacing(nameWithParty, with: "").replacing("och", with: "").replacing(",", with: "")
            guard rest.allSatisfy(\.isWhitespace) else { return [] }
            return named.map { Person(name: String($0.1), party: String($0.2), role: "reservant") }
        }
        let parts = head.split(separator: ",").map { $0.trimmingSpaces() }
        if parts.count == 2, isName(parts[0]), parties.contains(parts[1].uppercased()) {
            return [Person(name: parts[0], party: parts[1].uppercased(), role: "reservant")]
        }
        guard head.firstMatch(of: membersOfParties) != nil else { return [] }
        let spelledOut = Set(head.matches(of: partyWord).compactMap { partyNames[TextFolding.fold(String($0.1))] })
        let lettered = Set(head.matches(of: partyLetters).map { String($0.1).uppercased() }.filter(parties.contains))
        let reserving = spelledOut.union(lettered)
        return members.filter { member in member.party.map { reserving.contains($0.uppercased()) } ?? false }
            .map { Person(name: $0.name, party: $0.party, role: "reservant") }
    }

    /// Party names as folded (`socialdemokraterna`, genitive too) → letters.
    private static let partyNames: [String: String] = {
        let names = ["socialdemokraterna": "S", "moderaterna": "M", "centerpartiet": "C", "vansterpartiet": "V",
                     "liberalerna": "L", "folkpartiet": "FP", "kristdemokraterna": "KD", "miljopartiet": "MP",
                     "sverigedemokraterna": "SD"]
        return names.merging(names.map { ($0.key + "s", $0.value) }) { first, _ in first }
    }()

    static func presenter(in text: String) -> Person? {
        guard let match = text.firstMatch(of: presenterPhrase) else { return nil }
        return Person(name: String(match.2), role: "föredragande borgarråd")
    }

    /// A signature: a line that is only a name, then a line that is a role.
    static func signature(name: String, role: String) -> Person? {
        guard isName(name), isRole(role) else { return nil }
        return Person(name: name, role: role.lowercased())
    }

    static func isRole(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...4).contains(words.count), text.last != "." else { return false }
        let folded = TextFolding.fold(text)
        return roleWords.contains { folded.hasSuffix($0) }
    }

    /// `Sten Åhrman, budgetchef`.
    static func isNameAndRole(_ text: String) -> Bool {
        guard let comma = text.firstIndex(of: ","), text.count <= 80 else { return false }
        return isName(String(text[..<comma]).trimmingSpaces())
            && isRole(String(text[text.index(after: comma)...]).trimmingSpaces())
    }

    static func isName(_ text: String) -> Bool {
        // The regex is slow next to these tests, which reject almost every line.
        guard mayBeName(text) else { return false }
        let words = text.split(separator: " ")
        guard (2...4).contains(words.count), text.count <= 60,
              words.first?.first?.isUppercase == true,
              words.allSatisfy({ $0.first?.isUppercase == true || particles.contains(String($0)) }) else { return false }
        return text.wholeMatch(of: fullName) != nil
    }

    /// A cheap test that lets through every line that could read as a name
    /// once repaired (repair keeps the number of words).
    static func mayBeName(_ text: String) -> Bool {
        var words = 0
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if previous == 0x20, byte != 0x20 { words += 1 }
            previous = byte
        }
        return (2...4).contains(words)
    }

    /// `A, B och C` → [A, B, C].
    private static func names(_ list: String) -> [String] {
        list.replacing(" och ", with: ", ").split(separator: ",")
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
    }

    private static let roleWords = ["ordforande", "forvaltningschef", "avdelningschef", "stadsdirektor", "direktor",
                                    "borgarrad", "sekreterare", "kanslichef", "enhetschef", "handlaggare", "chef"]

    // A person's name: two to four capitalised words, hyphenated parts allowed.
    /// Lower-case words inside a name (`Ebba von Sydow`, `Carl af Ugglas`).
    private static let particles: Set<String> = ["von", "af", "de", "van", "der", "la", "di"]
    /// Given names and surnames, with a middle initial (`Lars U Granberg`, `Cecilia V. Burenby`) or a particle.
    nonisolated(unsafe) private static let fullName =
        /\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}]+)?(?: +(?:(?:von|af|de|van|der|la|di) +)?(?:\p{Lu}\.?|\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}]+)?)){1,3}/
    nonisolated(unsafe) private static let motionBy =
        /[Mm]otion(?:\s*\(\d{4}:\d{1,4}\))?\s+av\s+((?:\p{Lu}[\p{Ll}'’-]+ *)+(?:(?:,\s*|\s+och\s+)(?:\p{Lu}[\p{Ll}'’-]+ *)+)*)(\s*m\.\s*fl\.)?\s*\((?:\p{L}+\s+)?(S|M|C|V|L|KD|MP|SD|FP|FI)\)/
    nonisolated(unsafe) private static let reservationBy =
        /Reservation\s+av\s+((?:\p{Lu}[\p{Ll}'’-]+ *)+(?:(?:,\s*|\s+och\s+)(?:\p{Lu}[\p{Ll}'’-]+ *)+)*)(\s*m\.\s*fl\.)?\s*\((?:\p{L}+\s+)?(S|M|C|V|L|KD|MP|SD|FP|FI)\)/
    nonisolated(unsafe) private static let nameWithParty =
        /(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}]+)?(?: +(?:(?:von|af|de|van|der|la|di) +)?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}]+)?){1,3})\s*\((\p{L}{1,6})\)/
    nonisolated(unsafe) private static let membersOfParties = /(?i)\bledamöter(?:na)?\b/
    nonisolated(unsafe) private static let partyWord = /(\p{L}+)/
    nonisolated(unsafe) private static let partyLetters = /(?:\(|\b)(\p{L}{1,2})(?:\)|\b)/
    nonisolated(unsafe) private static let presenterPhrase =
        /Föredragande\s+(borgarrådet|borgarråd)\s+(\p{Lu}[\p{Ll}'’-]+(?: +\p{Lu}[\p{Ll}'’-]+){1,3})/
}
