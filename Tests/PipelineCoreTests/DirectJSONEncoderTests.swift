import Foundation
@testable import PipelineCore
import XCTest

final class DirectJSONEncoderTests: XCTestCase {
    private struct Inner: Codable, Equatable {
        var name: String
        var scores: [Double]
        var flag: Bool?
    }

    private enum Kind: String, Codable { case alpha, beta }

    /// Encodes itself as an array, as `Box` in the model does.
    private struct Pair: Codable, Equatable {
        var first: Double
        var second: Int
        init(first: Double, second: Int) {
            self.first = first
            self.second = second
        }
        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            first = try container.decode(Double.self)
            second = try container.decode(Int.self)
        }
        func encode(to encoder: Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(first)
            try container.encode(second)
        }
    }

    private struct Outer: Codable, Equatable {
        var text: String
        var count: Int
        var ratio: Double
        var big: UInt64
        var missing: String?
        var present: Int?
        var kind: Kind
        var inner: Inner
        var list: [Inner]
        var pairs: [Pair]
        var nested: [[Int]]
        var table: [String: Int]
        var optionals: [String?]
        var empty: [Inner]
    }

    private let sample = Outer(
        text: "Å \"citat\" \\ ny\nrad\ttab \u{01} slash/ é",
        count: -42, ratio: 0.1 + 0.2, big: .max, missing: nil, present: 7, kind: .beta,
        inner: Inner(name: "ärende", scores: [11, 1e-7, 1.5e300, -0.0], flag: true),
        list: [Inner(name: "a", scores: [], flag: nil), Inner(name: "b", scores: [2.25], flag: false)],
        pairs: [Pair(first: 141.73, second: 3), Pair(first: 0, second: 0)],
        nested: [[1, 2], [], [3]], table: ["x": 1], optionals: ["a", nil], empty: [])

    func testRoundTripsThroughJSONDecoder() throws {
        let data = try DirectJSONEncoder().encode(sample)
        XCTAssertEqual(try JSONDecoder().decode(Outer.self, from: data), sample)
    }

    func testWritesTheSameJSONValueAsFoundation() throws {
        let ours = try JSONSerialization.jsonObject(with: DirectJSONEncoder().encode(sample)) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(sample)) as? NSDictionary
        XCTAssertNotNil(ours)
        XCTAssertEqual(ours, foundation)
    }

    func testKeepsDeclarationOrderAndCompactNumbers() throws {
        let text = String(decoding: try DirectJSONEncoder().encode(Inner(name: "n", scores: [11, 2.5], flag: nil)), as: UTF8.self)
        XCTAssertEqual(text, #"{"name":"n","scores":[11,2.5]}"#)
    }

    func testRefusesNumbersJSONCannotHold() {
        XCTAssertThrowsError(try DirectJSONEncoder().encode([Double.nan]))
        XCTAssertThrowsError(try DirectJSONEncoder().encode(Inner(name: "", scores: [.infinity], flag: nil)))
    }

    func testTopLevelScalarsAndEmptyValues() throws {
        XCTAssertEqual(String(decoding: try DirectJSONEncoder().encode("å"), as: UTF8.self), #""å""#)
        XCTAssertEqual(String(decoding: try DirectJSONEncoder().encode([Int]()), as: UTF8.self), "[]")
        XCTAssertEqual(String(decoding: try DirectJSONEncoder().encode([String: Int]()), as: UTF8.self), "{}")
    }
}

final class DirectJSONEncoderFormattingTests: XCTestCase {
    private struct Record: Codable {
        var zeta: Int
        var alpha: [String]
        var empty: [Int]
        var nested: [String: Double]
    }

    private let record = Record(zeta: 1, alpha: ["a", "b"], empty: [], nested: ["y": 2.5, "b": 1])

    func testPrettyPrintedWithSortedKeysMatchesFoundationLayout() throws {
        let ours = String(decoding: try DirectJSONEncoder(prettyPrinted: true, sortedKeys: true).encode(record), as: UTF8.self)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys]
        let theirs = String(decoding: try foundation.encode(record), as: UTF8.self)
        // Foundation writes an empty array over two lines; ours keeps it as `[]`.
        XCTAssertEqual(ours, theirs.replacingOccurrences(of: "[\n\n  ]", with: "[]"))
        XCTAssertEqual(ours, """
            {
              "alpha" : [
                "a",
                "b"
              ],
              "empty" : [],
              "nested" : {
                "b" : 1,
                "y" : 2.5
              },
              "zeta" : 1
            }
            """)
    }

    func testSortedKeysAlone() throws {
        let text = String(decoding: try DirectJSONEncoder(sortedKeys: true).encode(record), as: UTF8.self)
        XCTAssertEqual(text, #"{"alpha":["a","b"],"empty":[],"nested":{"b":1,"y":2.5},"zeta":1}"#)
    }
}
