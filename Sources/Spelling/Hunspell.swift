import CHunspell
import Foundation

/// Why a dictionary could not be opened.
public struct SpellingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}

/// Owns a Hunspell handle and may be shared by every worker of a batch.
/// Hunspell keeps internal state during a lookup, so calls into the handle
/// take turns; verdicts already given are answered from a cache under a
/// lock of its own, so a slow compound analysis on one thread does not
/// hold up the cached answers another thread needs. One shared handle
/// rather than one per worker: loading sv_SE costs tens of milliseconds, and
/// every worker profits from the verdicts the others have paid for.
/// `@unchecked Sendable` is sound: `handle` is only used under `handleLock`,
/// `verdicts` only under `verdictLock`.
public final class Hunspell: @unchecked Sendable {
    private let handle: OpaquePointer
    private let handleLock = NSLock()
    private let verdictLock = NSLock()

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

    /// Verdicts already given: a batch asks about the same words document
    /// after document, and Hunspell's compound analysis is slow.
    private var verdicts: [String: Bool] = [:]
    private static let verdictLimit = 200_000

    /// True when the word (or compound) is correct Swedish for the dictionary.
    public func spell(_ word: String) -> Bool {
        var lookups = 0
        return spell(word, lookups: &lookups)
    }

    /// `spell`, adding 1 to `lookups` when the verdict was not cached (the
    /// caller's own count stays right while other threads use the handle).
    public func spell(_ word: String, lookups: inout Int) -> Bool {
        if let known = verdictLock.withLock({ verdicts[word] }) { return known }
        lookups += 1
        let known = handleLock.withLock { Hunspell_spell(handle, word) != 0 }
        verdictLock.withLock {
            if verdicts.count >= Self.verdictLimit { verdicts.removeAll(keepingCapacity: true) }
            verdicts[word] = known
        }
        return known
    }

    /// The dictionary stems of a word (`nämnderna` → `nämnd`).
    public func stems(_ word: String) -> [String] {
        handleLock.withLock {
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            let count = Hunspell_stem(handle, &list, word)
            defer { Hunspell_free_list(handle, &list, count) }
            return Self.strings(list, count)
        }
    }

    private static func strings(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int32) -> [String] {
        guard let list, count > 0 else { return [] }
        return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
    }
}

/// The one `Hunspell` a stage's workers share, opened on first use (or
/// ahead of it by `prewarm`). A caller that arrives while it is being
/// opened waits for it instead of opening a second. A failure to open is
/// not kept: each caller gets the error, with its document.
public final class SharedHunspell: @unchecked Sendable {
    /// Guards `opened`; held while opening, which is what makes late callers wait.
    private let lock = NSLock()
    private var opened: Hunspell?
    private let open: () throws -> Hunspell

    public init(open: @escaping () throws -> Hunspell) {
        self.open = open
    }

    /// Opens the handle ahead of the first caller (a failure is left for
    /// `handle()` to report).
    public func prewarm() {
        _ = try? handle()
    }

    public func handle() throws -> Hunspell {
        try lock.withLock {
            if let opened { return opened }
            let handle = try open()
            opened = handle
            return handle
        }
    }
}
