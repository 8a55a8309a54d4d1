/// A rectangle in PDF points with the origin at the page's top-left corner,
/// as poppler reports text positions.
public struct Box: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midY: Double { y + height / 2 }

    public func union(_ other: Box) -> Box {
        let minX = Swift.min(x, other.x), minY = Swift.min(y, other.y)
        return Box(x: minX, y: minY,
                   width: Swift.max(maxX, other.maxX) - minX,
                   height: Swift.max(maxY, other.maxY) - minY)
    }

    /// Encoded as `[x, y, width, height]`: boxes are the bulk of an extract
    /// artifact, and an array of four numbers writes and reads much faster
    /// than an object with four keys.
    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        x = try container.decode(Double.self)
        y = try container.decode(Double.self)
        width = try container.decode(Double.self)
        height = try container.decode(Double.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(x)
        try container.encode(y)
        try container.encode(width)
        try container.encode(height)
    }

    /// Side by side on one baseline: at least 2 pt apart across, overlapping over
    /// more than half the lower one's height (table cells of a row, columns).
    public func standsBeside(_ other: Box) -> Bool {
        let apart = other.x >= maxX + 2 || x >= other.maxX + 2
        let overlap = Swift.min(maxY, other.maxY) - Swift.max(y, other.y)
        return apart && overlap > 0.5 * Swift.min(height, other.height)
    }

    /// Rounds to 1/100 pt so artifacts are stable across runs and compact.
    public func rounded() -> Box {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return Box(x: r(x), y: r(y), width: r(width), height: r(height))
    }
}
