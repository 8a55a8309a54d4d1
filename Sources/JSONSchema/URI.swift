/// Just enough of RFC 3986 to resolve `$id` and `$ref` against a base URI. Foundation's URL is
/// not used because it rejects or mangles some URIs schemas use as identifiers (URNs with
/// `?+` components, for one).
struct URI {
    var scheme: String?
    var authority: String?
    var path = ""
    var query: String?
    var fragment: String?

    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isLetter, first.isASCII,
           rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = String(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        path = String(rest)
    }

    var text: String {
        var out = scheme.map { $0 + ":" } ?? ""
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// RFC 3986 §5.2.2, with `self` as the base.
    func resolving(_ reference: String) -> URI {
        var target = URI(reference)
        if target.scheme != nil || target.authority != nil {
            target.scheme = target.scheme ?? scheme
        } else {
            (target.scheme, target.authority) = (scheme, authority)
            if target.path.isEmpty {
                target.path = path
                target.query = target.query ?? query
            } else if !target.path.hasPrefix("/") {
                // §5.2.3: merge with the base path up to its last slash.
                if authority != nil, path.isEmpty {
                    target.path = "/" + target.path
                } else if let slash = path.lastIndex(of: "/") {
                    target.path = path[...slash] + target.path
                }
            }
        }
        target.path = Self.removingDotSegments(target.path)
        return target
    }

    /// RFC 3986 §5.2.4, on whole segments.
    static func removingDotSegments(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        for (n, segment) in segments.enumerated() {
            guard segment == "." || segment == ".." else { kept.append(segment); continue }
            if segment == "..", kept.count > (path.hasPrefix("/") ? 1 : 0) { kept.removeLast() }
            // A trailing "." or ".." still names a directory: keep the slash.
            if n == segments.count - 1 { kept.append("") }
        }
        return kept.joined(separator: "/")
    }
}
