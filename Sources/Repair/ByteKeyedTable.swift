/// A hash table keyed by UTF-8 bytes, for the 200 000-word frequency list.
///
/// Swift's `Dictionary<String, _>` hashes every key with seeded SipHash after
/// a Unicode normalisation check; building it for the list took a tenth of
/// a second, on the path of every run's first document. Here keys are byte
/// strings kept in one buffer, hashed with FNV-1a and compared bytewise, so
/// the same build takes a few milliseconds. Byte equality is not Unicode
/// equivalence: callers look up NFC text (what the list holds).
struct ByteKeyedTable<Value>: Sendable where Value: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var values: [Value] = []
    /// Entry index + 1, 0 for an empty slot; the size is a power of two.
    private var slots: [Int32]

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
    }

    var count: Int { values.count }

    func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        find(key).entry.map { values[$0] }
    }

    func value(for key: String) -> Value? {
        var key = key
        return key.withUTF8 { value(for: $0) }
    }

    /// The key of entry `index`, as a string.
    func key(at index: Int) -> String {
        String(decoding: keyBytes(index), as: UTF8.self)
    }

    var keys: [String] { (0..<count).map(key(at:)) }

    /// Sets the value of `key`, adding the key if new.
    mutating func set(_ value: Value, for key: UnsafeBufferPointer<UInt8>) {
        let found = find(key)
        if let entry = found.entry {
            values[entry] = value
            return
        }
        starts.append(Int32(bytes.count))
        bytes.append(contentsOf: key)
        values.append(value)
        slots[found.slot] = Int32(values.count)
        if values.count * 2 > slots.count { grow() }
    }

    /// Changes the value of an existing key; false when the key is absent.
    mutating func modify(_ key: UnsafeBufferPointer<UInt8>, _ change: (inout Value) -> Void) -> Bool {
        guard let entry = find(key).entry else { return false }
        change(&values[entry])
        return true
    }

    private func keyRange(_ index: Int) -> Range<Int> {
        Int(starts[index])..<(index + 1 < starts.count ? Int(starts[index + 1]) : bytes.count)
    }

    private func keyBytes(_ index: Int) -> ArraySlice<UInt8> {
        bytes[keyRange(index)]
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if equals(entry, key) { return (entry, slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    private func equals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = keyRange(entry)
        guard range.count == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            var index = 0
            while index < key.count, stored[range.lowerBound + index] == key[index] { index += 1 }
            return index == key.count
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for entry in 0..<values.count {
            let hash = keyBytes(entry).withContiguousStorageIfAvailable { Self.hash($0) } ?? 0
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}
