import DocumentModel

/// The genre's own headings, and the section kind each one opens.
enum HeadingVocabulary {
    /// Whole headings, as folded text.
    private static let exact: [(String, SectionKind)] = [
        ("forslag till beslut", .forslagTillBeslut),
        ("sammanfattning", .sammanfattning),
        ("sammanfattning av arendet", .sammanfattning),
        ("bakgrund", .bakgrund),
        ("arendet", .arendet),
        ("arendets beredning", .arendetsBeredning),
        ("beredning", .beredning),
        ("synpunkter", .synpunkter),
        ("synpunkter och forslag", .synpunkter),
        ("remissammanstallning", .remissammanstallning),
        ("reservationer", .reservationer),
        ("reservationer mm", .reservationer),
        ("reservationer m m", .reservationer),
        ("reservation", .reservation),
        ("bilaga", .bilagor),
        ("bilagor", .bilagor),
        ("innehallsforteckning", .innehallsforteckning),
        ("beslut", .beslut),
        ("protokollsutdrag", .beslut),
    ]

    /// Endings of headings with an owner in front: `Förvaltningens förslag till
    /// beslut`, `Föredragande borgarrådets synpunkter`, `Nämndens beslut`.
    private static let endings: [(String, SectionKind)] = [
        ("forslag till beslut", .forslagTillBeslut),
        ("synpunkter och forslag", .synpunkter),
        ("synpunkter", .synpunkter),
        ("beslut", .beslut),
    ]

    /// The whole headings split into characters once, for the edit distance.
    private static let exactCharacters = exact.map { (Array($0.0), $0.1) }

    static func kind(of heading: String) -> SectionKind? {
        guard heading.count <= 80 else { return nil }
        let folded = TextFolding.fold(heading)
        let characters = Array(folded)
        guard !characters.isEmpty, characters.count <= 60 else { return nil }
        for (canonical, kind) in exactCharacters where EditDistance.similar(characters, canonical) {
            return kind
        }
        let words = folded.split(separator: " ")
        for (ending, kind) in endings {
            let count = ending.split(separator: " ").count
            guard words.count > count, words.count <= count + 3 else { continue }
            let tail = words.suffix(count).joined(separator: " ")
            // The owner is a genitive (`förvaltningens`, `nämndens`), which keeps
            // sentences like `fattade beslut` out.
            if TextFolding.similar(tail, ending), words[words.count - count - 1].hasSuffix("s") {
                return kind
            }
        }
        return nil
    }
}
