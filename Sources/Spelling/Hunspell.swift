import CHunspell
import Foundation

/// Why a dictionary could not be opened.
public struct SpellingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}

/// Owns a Hunspell handle. Hunspell keeps internal state during lookups, so
/// one instance must be used by one thread at a time: each worker gets its
/// own (see `HunspellPool`).
public final class Hunspell {
    private let handle: OpaquePointer

    /// Folders searched for `<language>.aff` / `.dic`, Debian's first.
    public static let searchPaths = ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell",
                                     "/opt/homebrew/share/hunspell"]

    /// Opens the dictionary for `language` (e.g. `sv_SE`) from `searchPaths`.
    public convenience init(language: String) throws(SpellingError) {
        for folder in Self.searchPaths {
            let base = (folder as NSString).appendingPathComponent(language)
            if FileManager.default.fileExists(atPath: base + ".aff"), FileManager.default.fileExists(atPath: base + ".dic") {
                try self.init(affix: base + ".aff", dictionary: base + ".dic")
                return
            }
        }
        throw SpellingError(message: "no Hunspell dictionary \(language) in \(Self.searchPaths.joined(separator: ", ")); install it (Debian: apt-get install hunspell-\(language.prefix(2)))")
    }

    public init(affix: String, dictionary: String) throws(SpellingError) {
        guard let handle = Hunspell_create(affix, dictionary) else {
            throw SpellingError(message: "Hunspell could not load \(dictionary)")
        }
        self.handle = handle
    }

    deinit {
        Hunspell_destroy(handle)
    }

    /// Verdicts already given. A batch asks about the same words document
    /// after document, and Hunspell's compound analysis is slow; the cache
    /// lives with the handle, so it needs no lock either.
    private var verdicts: [String: Bool] = [:]
    private static let verdictLimit = 200_000
    /// Calls made into Hunspell (verdicts from the cache are not counted).
    public private(set) var lookups = 0

    /// True when the word (or compound) is correct Swedish for the dictionary.
    public func spell(_ word: String) -> Bool {
        if let known = verdicts[word] { return known }
        lookups += 1
        let known = Hunspell_spell(handle, word) != 0
        if verdicts.count >= Self.verdictLimit { verdicts.removeAll(keepingCapacity: true) }
        verdicts[word] = known
        return known
    }

    /// Hunspell's suggestions for a misspelt word, best first.
    public func suggest(_ word: String) -> [String] {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = Hunspell_suggest(handle, &list, word)
        defer { Hunspell_free_list(handle, &list, count) }
        return Self.strings(list, count)
    }

    /// The dictionary stems of a word (`nämnderna` → `nämnd`).
    public func stems(_ word: String) -> [String] {
        lookups += 1
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = Hunspell_stem(handle, &list, word)
        defer { Hunspell_free_list(handle, &list, count) }
        return Self.strings(list, count)
    }

    /// Adds a word for this handle's lifetime (a user lexicon entry).
    public func add(_ word: String) {
        _ = Hunspell_add(handle, word)
        verdicts[word] = nil
    }

    private static func strings(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int32) -> [String] {
        guard let list, count > 0 else { return [] }
        return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
    }
}

/// Hands each thread its own `Hunspell`, since handles are not thread-safe
/// and loading sv_SE takes tens of milliseconds. `@unchecked Sendable` is
/// sound: the free list and the warming count are only touched under
/// `condition`, and a handle is used by one borrower at a time.
public final class HunspellPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [Hunspell] = []
    /// Handles being opened by `prewarm`; a borrower waits for them rather
    /// than opening one more.
    private var warming = 0
    private let make: () throws -> Hunspell

    public init(make: @escaping () throws -> Hunspell) {
        self.make = make
    }

    /// Opens a handle ahead of the first borrower (a failure is left for
    /// `withHandle` to report).
    public func prewarm() {
        condition.withLock { warming += 1 }
        let handle = try? make()
        condition.withLock {
            if let handle { free.append(handle) }
            warming -= 1
            condition.broadcast()
        }
    }

    public func withHandle<T>(_ body: (Hunspell) throws -> T) throws -> T {
        let waiting: Hunspell? = condition.withLock {
            while free.isEmpty && warming > 0 { condition.wait() }
            return free.popLast()
        }
        let handle = try waiting ?? make()
        defer { condition.withLock { free.append(handle) } }
        return try body(handle)
    }
}
