import Foundation
import JSONSchema
import XCTest

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: text)
    }

    private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
        do { _ = try JSONValue(parsing: Data(bytes)); return nil } catch { return error as? JSONParseError }
    }

    private func parseError(_ text: String) -> JSONParseError? {
        parseError(Array(text.utf8))
    }

    func testValuesAndKeyOrder() throws {
        let value = try parse(#" {"b": [true, false, null], "a": -1.5e3, "c": "x\u00e9\ud83d\udca9\n"} "#)
        guard case .object(let object) = value else { return XCTFail("not an object") }
        XCTAssertEqual(object.keys, ["b", "a", "c"])
        XCTAssertEqual(object["b"], .array([.bool(true), .bool(false), .null]))
        XCTAssertEqual(object["a"], .number(JSONNumber(-1500)))
        XCTAssertEqual(object["c"], .string("xé💩\n"))
        XCTAssertEqual(value.description, #"{"b":[true,false,null],"a":-1.5e3,"c":"xé💩\n"}"#)
    }

    func testEqualityIsJSONs() throws {
        XCTAssertEqual(try parse(#"{"a": 1, "b": [1.0]}"#), try parse(#"{"b": [10e-1], "a": 1.00}"#))
        XCTAssertNotEqual(try parse("1"), try parse("true"))
        XCTAssertNotEqual(try parse("0"), try parse("false"))
        // Precomposed and decomposed é are different code points.
        XCTAssertNotEqual(try parse(#""\u00e9""#), try parse(#""e\u0301""#))
    }

    func testErrorPositions() {
        XCTAssertEqual(parseError("{\n  \"a\": 1,\n}"), JSONParseError(line: 3, column: 1, message: "trailing comma before '}'"))
        XCTAssertEqual(parseError("[\n  \"é\", x]"), JSONParseError(line: 2, column: 8, message: "expected a JSON value, found 'x'"))
        XCTAssertEqual(parseError("{\"a\": 1,\n \"a\": 2}"), JSONParseError(line: 2, column: 2, message: #"duplicate key "a""#))
        XCTAssertEqual(parseError("\"abc"), JSONParseError(line: 1, column: 1, message: "unterminated string"))
        XCTAssertEqual(parseError("[1] [2]"), JSONParseError(line: 1, column: 5, message: "unexpected '[' after the JSON value"))
        XCTAssertEqual(parseError("01"), JSONParseError(line: 1, column: 1, message: "invalid number 01"))
    }

    func testRejectsWhatRFC8259Rejects() {
        let malformed = [
            "", "   ", "[1,]", "[,1]", "{\"a\" 1}", "{\"a\":1,}", "{a: 1}", "['a']", "[1 2]",
            "+1", ".5", "1.", "1e", "-", "0x10", "NaN", "Infinity", "tru", "nul",
            "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\u+123\"", "[", "{", "\"a\" :",
        ]
        for text in malformed {
            XCTAssertNotNil(parseError(text), "accepted \(text.debugDescription)")
        }
        XCTAssertNotNil(parseError([0x22, 0xC3, 0x28, 0x22]), "invalid UTF-8")
        XCTAssertNotNil(parseError([0x22, 0xED, 0xA0, 0x80, 0x22]), "UTF-8-encoded surrogate")
        XCTAssertNotNil(parseError(Array(repeating: UInt8(ascii: "["), count: 100_000)), "stack-deep nesting")
    }

    func testLoneSurrogatesAreErrors() {
        XCTAssertEqual(parseError(#""a\ud800b""#)?.message, #"lone surrogate \uD800 in string"#)
        XCTAssertEqual(parseError(#""\udc00""#)?.message, #"lone surrogate \uDC00 in string"#)
        XCTAssertEqual(parseError(#""\ud800\u0041""#)?.message, #"lone surrogate \uD800 in string"#)
    }

    func testByteOrderMarkAndControlCharacterEscapes() throws {
        XCTAssertEqual(try JSONValue(parsing: Data([0xEF, 0xBB, 0xBF] + Array("[]".utf8))), .array([]))
        XCTAssertEqual(JSONValue.string("\u{0}\u{1f}\"\\").description, #""\u0000\u001f\"\\""#)
        XCTAssertEqual(try parse(JSONValue.string("\u{0}\u{1f}\"\\").description), .string("\u{0}\u{1f}\"\\"))
    }
}
