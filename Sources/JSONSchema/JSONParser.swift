import Foundation

/// Malformed JSON. `line` and `column` are 1-based; columns count characters (code points), not bytes.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        (self.line, self.column, self.message) = (line, column, message)
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// Parses RFC 8259 JSON. Foundation's JSONSerialization is not used because on Linux it
    /// turns `true` and `1` into the same NSNumber. Where RFC 8259 leaves behaviour open this
    /// parser is strict, since a validator should not guess: a duplicate object key and a lone
    /// UTF-16 surrogate escape (which no Swift String can hold) are errors. A leading UTF-8 byte
    /// order mark is skipped (RFC 8259 §8.1).
    public init(parsing data: Data) throws {
        var parser = Parser(bytes: Array(data))
        self = try parser.document()
    }

    public init(parsing text: String) throws {
        try self.init(parsing: Data(text.utf8))
    }
}

private struct Parser {
    let bytes: [UInt8]
    var i = 0
    var depth = 0
    /// Deep enough for any real document, shallow enough that recursion cannot exhaust the stack.
    static let maxDepth = 512

    var peek: Unicode.Scalar? { i < bytes.count ? Unicode.Scalar(bytes[i]) : nil }

    mutating func document() throws -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        let value = try value()
        skipWhitespace()
        guard i == bytes.count else { throw error("unexpected \(describePeek()) after the JSON value") }
        return value
    }

    mutating func value() throws -> JSONValue {
        skipWhitespace()
        switch peek {
        case "{":
            var object = JSONObject()
            try container(closing: "}") { parser in
                guard parser.peek == "\"" else { throw parser.error("expected a string key, found \(parser.describePeek())") }
                let keyStart = parser.i
                let key = try parser.string()
                parser.skipWhitespace()
                guard parser.peek == ":" else { throw parser.error("expected ':' after key, found \(parser.describePeek())") }
                parser.i += 1
                let member = try parser.value()
                guard object[key] == nil else { throw parser.error("duplicate key \(JSONValue.quoted(key))", at: keyStart) }
                object[key] = member
            }
            return .object(object)
        case "[":
            var items: [JSONValue] = []
            try container(closing: "]") { parser in items.append(try parser.value()) }
            return .array(items)
        case "\"":
            return .string(try string())
        case "t": return try literal("true", .bool(true))
        case "f": return try literal("false", .bool(false))
        case "n": return try literal("null", .null)
        case let c? where c == "-" || ("0"..."9").contains(c):
            let start = i
            while let c = peek, "+-.eE0123456789".unicodeScalars.contains(c) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard let number = JSONNumber(text) else { throw error("invalid number \(text)", at: start) }
            return .number(number)
        default:
            throw error("expected a JSON value, found \(describePeek())")
        }
    }

    /// The comma-separated body shared by objects and arrays; the opening bracket is at `i`.
    mutating func container(closing: Unicode.Scalar, _ element: (inout Parser) throws -> Void) throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        i += 1
        skipWhitespace()
        if peek == closing {
            i += 1
        } else {
            while true {
                skipWhitespace()
                try element(&self)
                skipWhitespace()
                if peek == closing { i += 1; break }
                guard peek == "," else { throw error("expected ',' or '\(closing)', found \(describePeek())") }
                i += 1
                skipWhitespace()
                if peek == closing { throw error("trailing comma before '\(closing)'") }
            }
        }
        depth -= 1
    }

    mutating func string() throws -> String {
        let start = i
        i += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard i < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                i += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                scalars.append(try escape())
            case 0..<0x20:
                throw error(String(format: "unescaped control character U+%04X in string", byte))
            case 0..<0x80:
                scalars.append(Unicode.Scalar(byte))
                i += 1
            default:
                var decoder = UTF8()
                var rest = bytes[i...].makeIterator()
                guard case .scalarValue(let scalar) = decoder.decode(&rest) else { throw error("invalid UTF-8") }
                scalars.append(scalar)
                i += UTF8.width(scalar)
            }
        }
    }

    mutating func escape() throws -> Unicode.Scalar {
        let start = i
        i += 2
        switch i <= bytes.count ? Unicode.Scalar(bytes[i - 1]) : nil {
        case "\"": return "\""
        case "\\": return "\\"
        case "/": return "/"
        case "b": return "\u{8}"
        case "f": return "\u{C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "u":
            let unit = try hex4()
            if (0xD800..<0xDC00).contains(unit), bytes[i...].starts(with: Array("\\u".utf8)) {
                let resume = i
                i += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    return Unicode.Scalar(0x10000 + (unit - 0xD800) << 10 + (low - 0xDC00))!
                }
                i = resume
            }
            guard let scalar = Unicode.Scalar(unit) else {
                throw error(String(format: "lone surrogate \\u%04X in string", unit), at: start)
            }
            return scalar
        default:
            throw error("invalid escape sequence", at: start)
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count,
              let unit = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16),
              bytes[i..<i + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
        else { throw error("\\u must be followed by four hex digits") }
        i += 4
        return unit
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws -> JSONValue {
        guard bytes[i...].starts(with: Array(word.utf8)) else { throw error("expected a JSON value, found \(describePeek())") }
        i += word.utf8.count
        return value
    }

    mutating func skipWhitespace() {
        while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
    }

    func describePeek() -> String {
        guard let c = peek else { return "end of input" }
        return c.isASCII && c.value >= 0x20 ? "'\(c)'" : String(format: "byte 0x%02X", c.value)
    }

    func error(_ message: String, at position: Int? = nil) -> JSONParseError {
        let end = min(position ?? i, bytes.count)
        let lineStart = bytes[..<end].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = bytes[..<lineStart].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        // Count lead bytes only, so a multi-byte character is one column.
        let column = bytes[lineStart..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return JSONParseError(line: line, column: column, message: message)
    }
}
