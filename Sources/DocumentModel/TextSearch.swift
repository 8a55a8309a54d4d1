/// Substring tests on UTF-8 bytes. Foundation's `contains` and
/// `localizedCaseInsensitiveContains` bridge every call through NSString,
/// which on hot paths (every line's font name, every paragraph) cost more
/// than the work around them. These compare bytes exactly (no Unicode
/// equivalence), which is what matching font names and fixed phrases needs.
extension StringProtocol {
    /// True when `needle`'s bytes occur in the text.
    public func containsText(_ needle: String) -> Bool {
        Self.search(utf8, needle.utf8, ignoringASCIICase: false)
    }

    /// As `containsText`, with A–Z and a–z taken as equal.
    public func containsTextIgnoringASCIICase(_ needle: String) -> Bool {
        Self.search(utf8, needle.utf8, ignoringASCIICase: true)
    }

    private static func search(_ haystack: UTF8View, _ needle: String.UTF8View, ignoringASCIICase: Bool) -> Bool {
        let pattern = Array(needle)
        guard !pattern.isEmpty else { return true }
        let found = haystack.withContiguousStorageIfAvailable { bytes in
            find(pattern, in: bytes, ignoringASCIICase: ignoringASCIICase)
        }
        if let found { return found }
        return Array(haystack).withUnsafeBufferPointer { find(pattern, in: $0, ignoringASCIICase: ignoringASCIICase) }
    }

    private static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, ignoringASCIICase: Bool) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        @inline(__always) func fold(_ byte: UInt8) -> UInt8 {
            ignoringASCIICase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        let first = fold(pattern[0])
        for start in 0...(bytes.count - pattern.count) where fold(bytes[start]) == first {
            var index = 1
            while index < pattern.count, fold(bytes[start + index]) == fold(pattern[index]) { index += 1 }
            if index == pattern.count { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` without the NSString bridge in
    /// the usual case, where neither end is white space.
    public func trimmingSpaces() -> String {
        guard let first, let last, first.isWhitespace || last.isWhitespace else { return String(self) }
        var start = startIndex, end = endIndex
        while start < end, self[start].isSpaceOrTab { start = index(after: start) }
        while end > start, self[index(before: end)].isSpaceOrTab { end = index(before: end) }
        return String(self[start..<end])
    }
}

extension Character {
    /// What `CharacterSet.whitespaces` holds: tab and the Unicode space separators (not line breaks).
    var isSpaceOrTab: Bool {
        self == "\t" || (unicodeScalars.count == 1 && unicodeScalars.first!.properties.generalCategory == .spaceSeparator)
    }
}
