import DocumentModel

/// The genre's own headings, and the section kind each one opens.
enum HeadingVocabulary {
    /// Whole headings, as folded text.
    private static let exact: [(String, SectionKind)] = [
        ("forslag till beslut", .forslagTillBeslut),
        ("beslutsforslag", .forslagTillBeslut),
        ("sammanfattning", .sammanfattning),
        ("sammanfattning av arendet", .sammanfattning),
        ("bakgrund", .bakgrund),
        ("arendet", .arendet),
        ("arendebeskrivning", .arendet),
        ("beskrivning av arendet", .arendet),
        ("arendets beredning", .arendetsBeredning),
        ("beredning", .beredning),
        ("synpunkter", .synpunkter),
        ("synpunkter och forslag", .synpunkter),
        ("bedomning", .bedomning),
        ("overvaganden", .bedomning),
        ("skal for beslutet", .bedomning),
        ("motivering", .bedomning),
        ("konsekvenser", .konsekvenser),
        ("ekonomiska konsekvenser", .konsekvenser),
        ("barnkonsekvensanalys", .konsekvenser),
        ("konsekvensanalys", .konsekvenser),
        ("remissammanstallning", .remissammanstallning),
        ("reservationer", .reservationer),
        ("reservationer mm", .reservationer),
        ("reservationer m m", .reservationer),
        ("reservation", .reservation),
        ("bilaga", .bilagor),
        ("bilagor", .bilagor),
        ("innehallsforteckning", .innehallsforteckning),
        ("innehall", .innehallsforteckning),
        ("arendelista", .innehallsforteckning),
        // An agenda's list of items; without it, `Ärenden` would pass for `Ärendet`.
        ("arenden", .innehallsforteckning),
        ("arendeforteckning", .innehallsforteckning),
        ("beslutsunderlag", .beslutsunderlag),
        ("handlingar", .beslutsunderlag),
        ("yrkanden", .yrkanden),
        ("yrkande", .yrkanden),
        ("propositionsordning", .propositionsordning),
        ("beslutsgang", .propositionsordning),
        ("proposition", .propositionsordning),
        ("omrostning", .omrostning),
        ("omrostningsresultat", .omrostning),
        ("protokollsanteckning", .protokollsanteckning),
        ("protokollsanteckningar", .protokollsanteckning),
        ("sarskilt yttrande", .sarskiltYttrande),
        ("sarskilt uttalande", .sarskiltYttrande),
        ("sarskilda yttranden", .sarskiltYttrande),
        ("beslutet skickas till", .expediering),
        ("beslutet ska skickas till", .expediering),
        ("expedieras till", .expediering),
        ("expedieras", .expediering),
        ("expediering", .expediering),
        ("protokollsutdrag till", .expediering),
        ("protokollsutdrag skickas till", .expediering),
        ("beslut", .beslut),
        ("beslutet", .beslut),
        ("protokollsutdrag", .beslut),
    ]

    /// Endings of headings with an owner in front: `Förvaltningens förslag till
    /// beslut`, `Föredragande borgarrådets synpunkter`, `Nämndens beslut`,
    /// `Ordförandens förslag`.
    private static let endings: [(String, SectionKind)] = [
        ("forslag till beslut", .forslagTillBeslut),
        // `Kommunstyrelsens förslag till kommunfullmäktige`: the proposal a body sends on.
        ("forslag till kommunfullmaktige", .forslagTillBeslut),
        ("forslag till regionfullmaktige", .forslagTillBeslut),
        ("synpunkter och forslag", .synpunkter),
        ("synpunkter", .synpunkter),
        ("bedomning", .bedomning),
        ("beslut", .beslut),
        ("forslag", .forslagTillBeslut),
    ]

    private static let possessives: Set<String> = ["min", "mina", "mitt", "var", "vara", "vart"]
    /// Words that open a heading of their kind when a preposition or `och` follows.
    private static let leading: [(Substring, SectionKind)] = [
        ("bedomning", .bedomning), ("bakgrund", .bakgrund), ("sammanfattning", .sammanfattning),
    ]

    /// The whole headings split into characters once, for the edit distance.
    private static let exactCharacters = exact.map { (Array($0.0), $0.1) }

    static func kind(of heading: String) -> SectionKind? {
        guard heading.count <= 80 else { return nil }
        let folded = TextFolding.fold(heading)
        let characters = Array(folded)
        guard !characters.isEmpty, characters.count <= 60 else { return nil }
        // An exact match first: `Ärenden` is a heading of its own, not a damaged `Ärendet`.
        if let exact = exactCharacters.first(where: { $0.0 == characters }) { return exact.1 }
        for (canonical, kind) in exactCharacters where EditDistance.similar(characters, canonical) {
            return kind
        }
        let words = folded.split(separator: " ")
        // `Ekonomiska konsekvenser`, `Konsekvenser för barn`, `Miljökonsekvenser`.
        if words.count <= 4, words.contains(where: { $0.hasSuffix("konsekvenser") || $0 == "konsekvensanalys" }) {
            return .konsekvenser
        }
        for (ending, kind) in endings {
            let count = ending.split(separator: " ").count
            guard words.count > count, words.count <= count + 3 else { continue }
            let tail = words.suffix(count).joined(separator: " ")
            // The owner is a genitive (`förvaltningens`, `nämndens`), which keeps
            // sentences like `fattade beslut` out; a word of the ending's length, which keeps
            // verbs out (`Kommunstyrelsen föreslås besluta`) and lets OCR's misread letters in.
            // A possessive pronoun owns it too: the föredragande borgarråd's `Mina synpunkter`.
            let owner = words[words.count - count - 1]
            if tail.count == ending.count, TextFolding.similar(tail, ending), owner.hasSuffix("s") || possessives.contains(String(owner)) {
                return kind
            }
        }
        // `Bedömning ur ekologisk dimension`, `Bakgrund och syfte`: the kind's word, then what it covers.
        if (3...5).contains(words.count), ["ur", "av", "och", "enligt", "for"].contains(String(words[1])),
           let lead = leading.first(where: { $0.0 == words[0] }) {
            return lead.1
        }
        return nil
    }
}
