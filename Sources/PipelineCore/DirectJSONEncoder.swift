import Foundation

/// Encodes `Encodable` values as JSON straight into a byte buffer.
///
/// Foundation's `JSONEncoder` first builds a tree of every value (a
/// dictionary per object) and then serialises it; on stage artifacts and
/// published JSON that cost more CPU than some stages. This encoder writes
/// each key and value as the synthesised `encode(to:)` hands it over, so it
/// needs containers used in order: a nested container is closed when its
/// parent writes its next element (which is how synthesised conformances
/// use them). Without `sortedKeys`, keys keep declaration order; with it,
/// each object's members are buffered and written in key order.
///
/// `prettyPrinted` lays the JSON out as Foundation does (two-space indent,
/// `"key" : value`), but writes empty containers as `[]` and `{}`.
/// Foundation types that `JSONEncoder` special-cases (`Date`, `Data`, `URL`,
/// `Decimal`) are written through their own `Codable` conformance.
public struct DirectJSONEncoder {
    public var prettyPrinted = false
    public var sortedKeys = false

    public init(prettyPrinted: Bool = false, sortedKeys: Bool = false) {
        self.prettyPrinted = prettyPrinted
        self.sortedKeys = sortedKeys
    }

    public func encode<T: Encodable>(_ value: T) throws -> Data {
        let sink = ByteSink()
        let root = StreamingEncoder(sink: sink, format: Format(pretty: prettyPrinted, sorted: sortedKeys),
                                    depth: 0, parent: nil, key: nil)
        try root.encodeValue(value)
        return Data(sink.bytes)
    }
}

struct Format {
    var pretty: Bool
    var sorted: Bool
}

final class ByteSink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    func append(_ bytes: [UInt8]) {
        self.bytes.append(contentsOf: bytes)
    }

    func newline(indent depth: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func append(number text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    func append(string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte == 0x22 || byte == 0x5C || byte < 0x20 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    append("\\u00")
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// One value being written: it opens at most one container, and closes it in
/// `finish()`.
final class StreamingEncoder: Encoder {
    enum Opened { case none, keyed, unkeyed, single }

    /// Where this value's JSON goes.
    private let output: ByteSink
    /// Where the element being written goes: `output`, or with sorted keys
    /// the buffer of the current member.
    private(set) var sink: ByteSink
    let format: Format
    /// Nesting of this value: its elements are indented one step deeper.
    let depth: Int
    private let parent: StreamingEncoder?
    private let key: CodingKey?
    var codingPath: [CodingKey] {
        var path: [CodingKey] = []
        var node: StreamingEncoder? = self
        while let current = node, let key = current.key {
            path.append(key)
            node = current.parent
        }
        return path.reversed()
    }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private(set) var opened = Opened.none
    /// Elements written in the container this value opened.
    var count = 0
    /// Members of a keyed container, buffered when keys are sorted.
    private var members: [(key: String, sink: ByteSink)] = []
    /// A nested container or super-encoder still open inside this one.
    private var openChild: StreamingEncoder?
    private(set) var finished = false

    init(sink: ByteSink, format: Format, depth: Int, parent: StreamingEncoder?, key: CodingKey?) {
        output = sink
        self.sink = sink
        self.format = format
        self.depth = depth
        self.parent = parent
        self.key = key
    }

    func encodeValue<T: Encodable>(_ value: T) throws {
        try value.encode(to: self)
        try finish()
    }

    func finish() throws {
        try closeChild()
        switch opened {
        case .none: output.append("{}")  // what JSONEncoder writes for a value that encodes nothing
        case .keyed:
            if format.sorted {
                for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                    startElement(index, in: output)
                    output.append(string: member.key)
                    output.append(format.pretty ? " : " : ":")
                    output.append(member.sink.bytes)
                }
            }
            close("}")
        case .unkeyed: close("]")
        case .single: break
        }
        finished = true
    }

    private func close(_ bracket: StaticString) {
        if format.pretty, count > 0 { output.newline(indent: depth) }
        output.append(bracket)
    }

    private func startElement(_ index: Int, in sink: ByteSink) {
        if index > 0 { sink.append(",") }
        if format.pretty { sink.newline(indent: depth + 1) }
    }

    func closeChild() throws {
        if let child = openChild {
            openChild = nil
            try child.finish()
        }
    }

    /// Called before every element of this value's container.
    private func beginElement() throws {
        guard !finished else {
            throw EncodingError.invalidValue((), EncodingError.Context(
                codingPath: codingPath, debugDescription: "a container was written after its parent moved on"))
        }
        try closeChild()
        count += 1
    }

    func beginKeyed(_ key: CodingKey) throws {
        try beginElement()
        if format.sorted {
            sink = ByteSink()
            members.append((key.stringValue, sink))
        } else {
            startElement(count - 1, in: sink)
            sink.append(string: key.stringValue)
            sink.append(format.pretty ? " : " : ":")
        }
    }

    func beginUnkeyed() throws {
        try beginElement()
        startElement(count - 1, in: sink)
    }

    func open(_ kind: Opened) {
        precondition(opened == .none || opened == kind, "one value opened two kinds of container")
        if opened == .none {
            opened = kind
            switch kind {
            case .keyed: output.append("{")
            case .unkeyed: output.append("[")
            case .single, .none: break
            }
        }
    }

    func nested(at key: CodingKey) -> StreamingEncoder {
        StreamingEncoder(sink: sink, format: format, depth: depth + 1, parent: self, key: key)
    }

    func child(at key: CodingKey) -> StreamingEncoder {
        let child = nested(at: key)
        openChild = child
        return child
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(.keyed)
        return KeyedEncodingContainer(KeyedWriter<Key>(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        open(.unkeyed)
        return UnkeyedWriter(encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        open(.single)
        return SingleValueWriter(encoder: self)
    }

    // MARK: Scalars

    func write(_ value: Bool) { sink.append(value ? "true" : "false") }
    func writeNull() { sink.append("null") }
    func write(_ value: String) { sink.append(string: value) }
    func write<T: BinaryInteger>(_ value: T) { sink.append(number: String(value)) }

    func write<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath, debugDescription: "\(value) cannot be written as a JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }  // 11.0 → 11, as JSONEncoder writes it
        sink.append(number: text)
    }

    func writeEncodable<T: Encodable>(_ value: T, key: CodingKey?) throws {
        // A single value's content sits at its own depth; a member's or an element's one deeper.
        let encoder = key.map { self.nested(at: $0) }
            ?? StreamingEncoder(sink: sink, format: format, depth: depth, parent: parent, key: self.key)
        try encoder.encodeValue(value)
    }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    private func key(_ key: Key) throws {
        try encoder.beginKeyed(key)
    }

    mutating func encodeNil(forKey key: Key) throws { try self.key(key); encoder.writeNull() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try self.key(key); try encoder.write(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try self.key(key); try encoder.write(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try self.key(key); encoder.write(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try self.key(key); encoder.write(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try self.key(key)
        try encoder.writeEncodable(value, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        try? self.key(key)
        return encoder.child(at: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        try? self.key(key)
        return encoder.child(at: key).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        superEncoder(forKey: Key(stringValue: "super")!)
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        try? self.key(key)
        return encoder.child(at: key)
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    private func element() throws { try encoder.beginUnkeyed() }

    mutating func encodeNil() throws { try element(); encoder.writeNull() }
    mutating func encode(_ value: Bool) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: String) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: Double) throws { try element(); try encoder.write(value) }
    mutating func encode(_ value: Float) throws { try element(); try encoder.write(value) }
    mutating func encode(_ value: Int) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: Int8) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: Int16) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: Int32) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: Int64) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: UInt) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: UInt8) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: UInt16) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: UInt32) throws { try element(); encoder.write(value) }
    mutating func encode(_ value: UInt64) throws { try element(); encoder.write(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = encoder.count
        try element()
        try encoder.writeEncodable(value, key: IndexKey(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let index = encoder.count
        try? element()
        return encoder.child(at: IndexKey(index)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let index = encoder.count
        try? element()
        return encoder.child(at: IndexKey(index)).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        let index = encoder.count
        try? element()
        return encoder.child(at: IndexKey(index))
    }
}

private struct SingleValueWriter: SingleValueEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.writeNull() }
    mutating func encode(_ value: Bool) throws { encoder.write(value) }
    mutating func encode(_ value: String) throws { encoder.write(value) }
    mutating func encode(_ value: Double) throws { try encoder.write(value) }
    mutating func encode(_ value: Float) throws { try encoder.write(value) }
    mutating func encode(_ value: Int) throws { encoder.write(value) }
    mutating func encode(_ value: Int8) throws { encoder.write(value) }
    mutating func encode(_ value: Int16) throws { encoder.write(value) }
    mutating func encode(_ value: Int32) throws { encoder.write(value) }
    mutating func encode(_ value: Int64) throws { encoder.write(value) }
    mutating func encode(_ value: UInt) throws { encoder.write(value) }
    mutating func encode(_ value: UInt8) throws { encoder.write(value) }
    mutating func encode(_ value: UInt16) throws { encoder.write(value) }
    mutating func encode(_ value: UInt32) throws { encoder.write(value) }
    mutating func encode(_ value: UInt64) throws { encoder.write(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.writeEncodable(value, key: nil)
    }
}
