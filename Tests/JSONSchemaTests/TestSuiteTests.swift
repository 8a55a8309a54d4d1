import Foundation
import JSONSchema
import XCTest

/// Runs the official JSON Schema Test Suite (draft 2020-12 files in Fixtures/), one test per keyword file.
final class TestSuiteTests: XCTestCase {
    /// Case groups not run, by file and group description. Keep this list short and explained.
    static let skipped: [String: [String: String]] = [
        "defs.json": [
            "validate definition against metaschema": "remote $ref to the 2020-12 meta-schema",
        ],
        "ref.json": [
            "remote ref, containing refs itself": "remote $ref to the 2020-12 meta-schema",
            "ref creates new scope when adjacent to keywords": "unevaluatedProperties is not implemented",
        ],
        "not.json": [
            "collect annotations inside a 'not', even if collection is disabled": "unevaluatedProperties is not implemented",
        ],
    ]

    func runSuiteFile(_ name: String) throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json",
                                                  subdirectory: "Fixtures/json-schema-test-suite"))
        guard case .array(let groups) = try JSONValue(parsing: Data(contentsOf: url)) else {
            return XCTFail("\(name).json is not an array of case groups")
        }
        var (checked, skipped) = (0, 0)
        for case .object(let group) in groups {
            guard case .string(let title)? = group["description"], let schema = group["schema"],
                  case .array(let tests)? = group["tests"] else { return XCTFail("\(name).json: malformed group") }
            if Self.skipped["\(name).json"]?[title] != nil {
                skipped += tests.count
                continue
            }
            let validator: JSONSchemaValidator
            do {
                validator = try JSONSchemaValidator(schema: schema)
            } catch {
                XCTFail("\(name).json — \(title): schema rejected: \(error)")
                continue
            }
            for case .object(let test) in tests {
                guard case .string(let what)? = test["description"], let data = test["data"],
                      case .bool(let valid)? = test["valid"] else { return XCTFail("\(name).json: malformed test") }
                let violations = validator.validate(data)
                XCTAssertEqual(violations.isEmpty, valid, "\(name).json — \(title) — \(what): \(violations)")
                checked += 1
            }
        }
        print("suite \(name).json: \(checked) cases checked, \(skipped) skipped")
    }

    func testAdditionalProperties() throws { try runSuiteFile("additionalProperties") }
    func testAllOf() throws { try runSuiteFile("allOf") }
    func testAnyOf() throws { try runSuiteFile("anyOf") }
    func testBooleanSchema() throws { try runSuiteFile("boolean_schema") }
    func testConst() throws { try runSuiteFile("const") }
    func testDefs() throws { try runSuiteFile("defs") }
    func testEnum() throws { try runSuiteFile("enum") }
    func testExclusiveMaximum() throws { try runSuiteFile("exclusiveMaximum") }
    func testExclusiveMinimum() throws { try runSuiteFile("exclusiveMinimum") }
    func testIfThenElse() throws { try runSuiteFile("if-then-else") }
    func testItems() throws { try runSuiteFile("items") }
    func testMaxItems() throws { try runSuiteFile("maxItems") }
    func testMaxLength() throws { try runSuiteFile("maxLength") }
    func testMaxProperties() throws { try runSuiteFile("maxProperties") }
    func testMaximum() throws { try runSuiteFile("maximum") }
    func testMinItems() throws { try runSuiteFile("minItems") }
    func testMinLength() throws { try runSuiteFile("minLength") }
    func testMinProperties() throws { try runSuiteFile("minProperties") }
    func testMinimum() throws { try runSuiteFile("minimum") }
    func testNot() throws { try runSuiteFile("not") }
    func testOneOf() throws { try runSuiteFile("oneOf") }
    func testPattern() throws { try runSuiteFile("pattern") }
    func testPatternProperties() throws { try runSuiteFile("patternProperties") }
    func testPrefixItems() throws { try runSuiteFile("prefixItems") }
    func testProperties() throws { try runSuiteFile("properties") }
    func testRef() throws { try runSuiteFile("ref") }
    func testRequired() throws { try runSuiteFile("required") }
    func testType() throws { try runSuiteFile("type") }
    func testUniqueItems() throws { try runSuiteFile("uniqueItems") }
}
