import Foundation

/// A parsed JSON document. Equality is JSON Schema's: numbers by mathematical value
/// (`1 == 1.0`), strings by code points, objects regardless of key order.
public enum JSONValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        // Swift's String == applies Unicode canonical equivalence; JSON compares code points.
        case let (.string(x), .string(y)): x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x == y
        default: false
        }
    }

    /// The JSON Schema type name; a number with no fractional part is an "integer".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Compact JSON text, keys in document order.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s): return Self.quoted(s)
        case .array(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let o):
            return "{" + o.members.map { Self.quoted($0.key) + ":" + $0.value.description }
                .joined(separator: ",") + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The value a JSON pointer (RFC 6901, already percent-decoded) designates, if any.
    public func value(atPointer pointer: String) -> JSONValue? {
        guard !pointer.isEmpty else { return self }
        guard pointer.hasPrefix("/") else { return nil }
        var current = self
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let o):
                guard let next = o[key] else { return nil }
                current = next
            case .array(let items):
                // RFC 6901 array indices are plain decimals: no sign, no leading zeros.
                guard let i = Int(key), String(i) == key, items.indices.contains(i) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901 §3).
func pointerToken(_ key: String) -> String {
    // Called for every member visited, so skip Foundation's replacing in the common case.
    guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return "/" + key }
    return "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

/// A JSON object that remembers key order, so messages and re-serialisation follow the document.
/// Keys are Swift Strings, hence compared with canonical equivalence (unlike JSON values).
public struct JSONObject: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    public init() {}

    /// A repeated key keeps its first position and its last value.
    public init(_ members: [(String, JSONValue)]) {
        for (key, value) in members { self[key] = value }
    }

    public var count: Int { keys.count }

    public var members: [(key: String, value: JSONValue)] {
        keys.map { ($0, values[$0]!) }
    }

    /// Setting an existing key replaces its value in place; setting nil removes it.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            switch (values[key], newValue) {
            case (nil, _?): keys.append(key)
            case (_?, nil): keys.removeAll { $0 == key }
            default: break
            }
            values[key] = newValue
        }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.values == b.values
    }
}

/// A JSON number kept as an exact decimal, so that 1.0 is the integer 1 (as 2020-12 requires)
/// and integers past 2^53 still compare exactly. `double` is an approximation for callers;
/// comparisons and equality use the exact form.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The literal as written, so messages quote the document.
    public let description: String
    public let double: Double
    // value = ±digits × 10^exponent; `digits` (0...9 each) has no leading or trailing zeros, empty for 0.
    private let negative: Bool
    private let digits: [UInt8]
    private let exponent: Int

    /// Parses the RFC 8259 number grammar; nil for anything else (leading zeros, "+1", ".5", "1.").
    public init?(_ literal: String) {
        let bytes = Array(literal.utf8)
        var i = 0
        func digitRun() -> [UInt8] {
            let start = i
            while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
            return bytes[start..<i].map { $0 - 48 }
        }
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { i += 1 }
        var significand = digitRun()
        guard let first = significand.first, first != 0 || significand.count == 1 else { return nil }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = digitRun()
            guard !fraction.isEmpty else { return nil }
            significand += fraction
            exponent = -fraction.count
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            let sign = i < bytes.count && bytes[i] == UInt8(ascii: "-") ? -1 : 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            let written = digitRun()
            guard !written.isEmpty else { return nil }
            // Saturate: a billion decimal places is beyond any double and keeps the sums below safe.
            let magnitude = written.reduce(0) { min($0 * 10 + Int($1), 1_000_000_000) }
            exponent += sign * magnitude
        }
        guard i == bytes.count else { return nil }
        let trailingZeros = significand.reversed().prefix { $0 == 0 }.count
        significand.removeLast(trailingZeros)
        significand = Array(significand.drop { $0 == 0 })
        self.description = literal
        self.double = Double(literal) ?? .nan
        self.negative = negative && !significand.isEmpty
        self.digits = significand
        self.exponent = significand.isEmpty ? 0 : exponent + trailingZeros
    }

    public init(_ value: Int) {
        self.init(String(value))!
    }

    /// nil for infinities and NaN, which JSON cannot express.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init("\(value)")
    }

    public var isInteger: Bool { exponent >= 0 }

    /// The value as an Int when it is an integer that fits comfortably.
    public var intValue: Int? {
        guard isInteger, digits.count + exponent <= 17 else { return nil }
        let magnitude = Self.integer(digits + Array(repeating: 0, count: exponent))!
        return negative ? -magnitude : magnitude
    }

    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        (a.negative, a.digits, a.exponent) == (b.negative, b.digits, b.exponent)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(negative)
        hasher.combine(digits)
        hasher.combine(exponent)
    }

    public static func < (a: JSONNumber, b: JSONNumber) -> Bool {
        if a.negative != b.negative { return a.negative }
        return a.negative ? magnitudeLess(b, a) : magnitudeLess(a, b)
    }

    private static func magnitudeLess(_ a: JSONNumber, _ b: JSONNumber) -> Bool {
        if a.digits.isEmpty || b.digits.isEmpty { return a.digits.isEmpty && !b.digits.isEmpty }
        // Position of the leading digit decides first; then the digits, left-aligned.
        let (orderA, orderB) = (a.digits.count + a.exponent, b.digits.count + b.exponent)
        if orderA != orderB { return orderA < orderB }
        return a.digits.lexicographicallyPrecedes(b.digits)
    }

    /// Exact whenever both significands have at most 17 digits, which covers every sane
    /// schema; beyond that, floating point.
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        guard !digits.isEmpty else { return true }
        guard let a = Self.integer(digits), var b = Self.integer(divisor.digits) else {
            let quotient = double / divisor.double
            return quotient.isFinite && quotient == quotient.rounded()
        }
        // self / divisor = (a / b) × 10^shift: an integer iff b divides a × 10^shift.
        var shift = exponent - divisor.exponent
        while shift < 0, b <= a {
            (b, shift) = (b * 10, shift + 1)
        }
        var remainder = shift < 0 ? a : a % b
        // Past 60 tens every factor 2 and 5 of b (< 2^57) is matched; more tens change nothing.
        for _ in 0..<min(max(shift, 0), 60) where remainder != 0 {
            remainder = remainder * 10 % b
        }
        return remainder == 0
    }

    private static func integer(_ digits: [UInt8]) -> Int? {
        guard digits.count <= 17 else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1) }
    }
}
