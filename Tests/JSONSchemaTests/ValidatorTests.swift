import Foundation
import JSONSchema
import XCTest

/// What the test suite only answers with valid/invalid: where and why a value fails.
final class ValidatorTests: XCTestCase {
    private func validator(_ schema: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schemaData: Data(schema.utf8))
    }

    private func violations(_ schema: String, _ instance: String) throws -> [SchemaViolation] {
        try validator(schema).validate(data: Data(instance.utf8))
    }

    func testPathsThroughRefAndArrays() throws {
        let schema = """
        {
          "type": "object",
          "properties": {"sections": {"type": "array", "items": {"$ref": "#/$defs/section"}}},
          "$defs": {"section": {"properties": {"kind": {"enum": ["a", "b"]}}, "required": ["kind"]}}
        }
        """
        let found = try violations(schema, #"{"sections": [{"kind": "a"}, {}, {"kind": "b"}, {"kind": "foo"}]}"#)
        XCTAssertEqual(found, [
            SchemaViolation(instancePath: "/sections/1", keyword: "required",
                            schemaPath: "#/$defs/section/required", message: #"missing required property "kind""#),
            SchemaViolation(instancePath: "/sections/3/kind", keyword: "enum",
                            schemaPath: "#/$defs/section/properties/kind/enum", message: #"value "foo" is not one of: "a", "b""#),
        ])
    }

    func testPointerEscapingInBothPaths() throws {
        let schema = #"{"properties": {"a/b~c": {"type": "string"}}, "additionalProperties": false}"#
        let found = try violations(schema, #"{"a/b~c": 1, "extra": null}"#)
        XCTAssertEqual(found.map(\.instancePath), ["/a~1b~0c", "/extra"])
        XCTAssertEqual(found.map(\.schemaPath), ["#/properties/a~1b~0c/type", "#/additionalProperties"])
        XCTAssertEqual(found.map(\.keyword), ["type", "additionalProperties"])
        XCTAssertEqual(found[0].message, "expected string, found integer")
        XCTAssertEqual(found[1].message, #"property "extra" is not allowed"#)
    }

    func testCombinatorsReportOnce() throws {
        let anyOf = try violations(#"{"anyOf": [{"type": "string"}, {"minimum": 10}]}"#, "3")
        XCTAssertEqual(anyOf.count, 1)
        XCTAssertEqual(anyOf[0].keyword, "anyOf")
        XCTAssertEqual(anyOf[0].schemaPath, "#/anyOf")
        XCTAssertTrue(anyOf[0].message.contains("none of the 2 alternatives"), anyOf[0].message)

        let oneOf = try violations(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "3")
        XCTAssertEqual(oneOf.map(\.message), ["value matches alternatives 0, 1, but must match exactly one"])

        let not = try violations(#"{"not": {"type": "null"}}"#, "null")
        XCTAssertEqual(not.map(\.schemaPath), ["#/not"])
    }

    func testConditionalReportsTheBranch() throws {
        let schema = #"{"if": {"properties": {"kind": {"const": "motion"}}}, "then": {"required": ["mover"]}, "else": {"maxProperties": 1}}"#
        XCTAssertEqual(try violations(schema, #"{"kind": "motion"}"#).map(\.schemaPath), ["#/then/required"])
        XCTAssertEqual(try violations(schema, #"{"kind": "x", "y": 1}"#).map(\.schemaPath), ["#/else/maxProperties"])
        XCTAssertEqual(try violations(schema, #"{"kind": "motion", "mover": "A"}"#), [])
    }

    func testTuplesWithClosedTail() throws {
        let found = try violations(#"{"prefixItems": [{"type": "string"}], "items": false}"#, #"["a", 1, 2]"#)
        XCTAssertEqual(found.map(\.keyword), ["items"])
        XCTAssertEqual(found.first?.message, "array has 3 items, but at most 1 are allowed")
    }

    func testNumbersAreExact() throws {
        // Doubles would round 2^53 + 1 down to 2^53 and call it equal.
        XCTAssertEqual(try violations(#"{"maximum": 9007199254740992}"#, "9007199254740993").map(\.keyword), ["maximum"])
        XCTAssertEqual(try violations(#"{"const": 9007199254740992}"#, "9007199254740993").map(\.keyword), ["const"])
        XCTAssertEqual(try violations(#"{"type": "integer"}"#, "1.0"), [])
        XCTAssertEqual(try violations(#"{"type": "integer"}"#, "1e2"), [])
        XCTAssertEqual(try violations(#"{"type": "integer"}"#, "1.5").map(\.message), ["expected integer, found number"])
        XCTAssertEqual(try violations(#"{"multipleOf": 0.01}"#, "19.99"), [])
        XCTAssertEqual(try violations(#"{"multipleOf": 0.0001}"#, "0.0075"), [])
        XCTAssertEqual(try violations(#"{"multipleOf": 7}"#, "1e30").map(\.message), ["value 1e30 is not a multiple of 7"])
        XCTAssertEqual(try violations(#"{"exclusiveMinimum": -1.5}"#, "-1.50").map(\.keyword), ["exclusiveMinimum"])
        XCTAssertLessThan(JSONNumber("-2")!, JSONNumber("-1.5")!)
        XCTAssertLessThan(JSONNumber("0.99")!, JSONNumber("1")!)
        XCTAssertEqual(JSONNumber("-0"), JSONNumber("0.0e7"))
    }

    func testBooleansAreNotNumbers() throws {
        XCTAssertEqual(try violations(#"{"type": "integer"}"#, "true").map(\.message), ["expected integer, found boolean"])
        XCTAssertEqual(try violations(#"{"enum": [1, 0]}"#, "true").map(\.keyword), ["enum"])
        XCTAssertEqual(try violations(#"{"uniqueItems": true}"#, "[1, true, 1.0]").map(\.message),
                       ["items 0 and 2 are equal, but items must be unique"])
    }

    func testLengthCountsCodePoints() throws {
        XCTAssertEqual(try violations(#"{"maxLength": 1}"#, #""💩""#), [])  // two UTF-16 units
        XCTAssertEqual(try violations(#"{"minLength": 2}"#, #""é""#).map(\.message), ["string length 1 is below the minimum 2"])
    }

    func testPatternIsASearch() throws {
        XCTAssertEqual(try violations(#"{"pattern": "b+"}"#, #""abba""#), [])
        XCTAssertEqual(try violations(#"{"pattern": "^b"}"#, #""abba""#).map(\.message), [#"string "abba" does not match the pattern "^b""#])
    }

    func testReferencesByIdAnchorAndOldDefinitions() throws {
        let schema = """
        {"$id": "https://example.org/root.json",
         "properties": {"a": {"$ref": "item.json"}, "b": {"$ref": "#num"}, "c": {"$ref": "#/definitions/text"}},
         "$defs": {"item": {"$id": "item.json", "type": "array"}, "n": {"$anchor": "num", "type": "number"}},
         "definitions": {"text": {"type": "string"}}}
        """
        XCTAssertEqual(try violations(schema, #"{"a": [], "b": 1, "c": "x"}"#), [])
        XCTAssertEqual(try violations(schema, #"{"a": 1, "b": "x", "c": 2}"#).map(\.schemaPath),
                       ["#/$defs/item/type", "#/$defs/n/type", "#/definitions/text/type"])
    }

    func testRecursiveRefTerminates() throws {
        let found = try violations(##"{"$defs": {"loop": {"$ref": "#/$defs/loop"}}, "$ref": "#/$defs/loop"}"##, "1")
        XCTAssertEqual(found.map(\.keyword), ["$ref"])
        // Recursion that descends into the value is fine.
        let tree = ##"{"properties": {"child": {"$ref": "#"}, "name": {"type": "string"}}}"##
        XCTAssertEqual(try violations(tree, #"{"child": {"child": {"name": 3}}}"#).map(\.instancePath), ["/child/child/name"])
    }

    func testUnusableSchemasAreRejected() {
        func error(_ schema: String) -> SchemaError? {
            do { _ = try validator(schema); return nil } catch { return error as? SchemaError }
        }
        XCTAssertEqual(error(#"{"properties": {"a": {"$ref": "other.json#/x"}}}"#)?.schemaPath, "#/properties/a/$ref")
        XCTAssertTrue(error(#"{"$ref": "https://example.org/s.json"}"#)?.message.contains("remote references are not supported") ?? false)
        XCTAssertNotNil(error(##"{"$ref": "#/$defs/missing"}"##))
        XCTAssertEqual(error(#"{"type": "text"}"#)?.schemaPath, "#/type")
        XCTAssertEqual(error(#"{"minLength": -1}"#)?.schemaPath, "#/minLength")
        XCTAssertEqual(error(#"{"pattern": "("}"#)?.schemaPath, "#/pattern")
        XCTAssertEqual(error(#"{"items": [{}]}"#)?.schemaPath, "#/items")
        XCTAssertEqual(error(#"{"properties": {"a": 3}}"#)?.schemaPath, "#/properties/a")
        XCTAssertEqual(error(#"{"unevaluatedProperties": false}"#)?.message, "unevaluatedProperties is not supported by this validator")
        // Unknown keywords and annotations are ignored, as the spec says.
        XCTAssertNil(error(#"{"title": "t", "format": "date", "x-custom": {"type": 5}, "examples": [1]}"#))
    }

    func testMalformedInstanceThrows() throws {
        let validator = try validator("true")
        XCTAssertThrowsError(try validator.validate(data: Data("[1,]".utf8))) { error in
            XCTAssertEqual(error as? JSONParseError, JSONParseError(line: 1, column: 4, message: "trailing comma before ']'"))
        }
    }

    func testDescriptionIsReadable() throws {
        let found = try violations(#"{"required": ["id"]}"#, "{}")
        XCTAssertEqual(found.map(\.description), [#"(root): missing required property "id" [#/required]"#])
    }
}
