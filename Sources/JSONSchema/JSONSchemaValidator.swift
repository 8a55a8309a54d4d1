import Foundation

/// One way an instance fails its schema.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// JSON pointer into the instance, e.g. `/sections/3/kind`; empty for the whole document.
    public let instancePath: String
    /// The failing keyword, e.g. `required`; `false` for the schema `false`.
    public let keyword: String
    /// Where the keyword sits in the schema document, e.g. `#/$defs/section/properties/kind/enum`.
    /// Reached through a `$ref`, this is the referenced location, which is what one edits.
    public let schemaPath: String
    public let message: String

    public init(instancePath: String, keyword: String, schemaPath: String, message: String) {
        (self.instancePath, self.keyword, self.schemaPath, self.message) = (instancePath, keyword, schemaPath, message)
    }

    public var description: String {
        "\(instancePath.isEmpty ? "(root)" : instancePath): \(message) [\(schemaPath)]"
    }
}

/// A JSON Schema draft 2020-12 validator for one schema document, compiled once and then
/// usable from any thread. `$ref` may point anywhere inside the document (JSON pointers,
/// `$id`s, `$anchor`s); references to other documents are rejected when the schema is loaded.
///
/// Implemented: type, enum, const; properties, patternProperties, additionalProperties,
/// propertyNames, dependentSchemas, required, min/maxProperties; prefixItems, items,
/// min/maxItems, uniqueItems; min/maxLength, pattern; minimum, maximum, exclusiveMinimum,
/// exclusiveMaximum, multipleOf; allOf, anyOf, oneOf, not, if/then/else; $defs, $ref, $id,
/// $anchor. `format` and other annotations are ignored, as are unknown keywords. `$dynamicRef`,
/// `unevaluatedProperties`/`Items`, `contains` and `dependentRequired` make `init` throw instead.
public struct JSONSchemaValidator: Sendable {
    private let nodes: [[Rule]]
    private let refTargets: [Int]

    /// Throws `JSONParseError` for malformed JSON and `SchemaError` for an unusable schema.
    public init(schemaData: Data) throws {
        try self.init(schema: JSONValue(parsing: schemaData))
    }

    public init(schema: JSONValue) throws {
        (nodes, refTargets) = try SchemaCompiler.compile(schema)
    }

    /// Every violation found, in schema keyword order; empty when the instance is valid.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        evaluate(0, instance, at: "", refChain: [], into: &violations)
        return violations
    }

    /// Throws `JSONParseError` when `data` is not JSON.
    public func validate(data: Data) throws -> [SchemaViolation] {
        validate(try JSONValue(parsing: data))
    }

    private func evaluate(_ node: Int, _ value: JSONValue, at path: String, refChain: [Int], into out: inout [SchemaViolation]) {
        for rule in nodes[node] {
            apply(rule, to: value, at: path, refChain: refChain, into: &out)
        }
    }

    private func isFalse(_ node: Int) -> Bool {
        if case .never? = nodes[node].first?.check { true } else { false }
    }

    // `refChain` holds the `$ref` targets entered since the instance location last changed:
    // meeting one again means the schema loops without consuming anything.
    private func apply(_ rule: Rule, to value: JSONValue, at path: String, refChain: [Int], into out: inout [SchemaViolation]) {
        func fail(_ message: String, at location: String = path) {
            out.append(SchemaViolation(instancePath: location, keyword: rule.keyword, schemaPath: rule.schemaPath, message: message))
        }
        func inPlace(_ node: Int) {
            evaluate(node, value, at: path, refChain: refChain, into: &out)
        }
        func failures(_ node: Int) -> [SchemaViolation] {
            var found: [SchemaViolation] = []
            evaluate(node, value, at: path, refChain: refChain, into: &found)
            return found
        }
        // Per failed alternative, its first violation, located relative to this value.
        func reasons(_ results: [[SchemaViolation]]) -> String {
            results.enumerated().map { index, found in
                let relative = found[0].instancePath == path ? "" : found[0].instancePath.dropFirst(path.count) + ": "
                return "#\(index): \(relative)\(found[0].message)"
            }.joined(separator: "; ")
        }
        func member(_ node: Int, _ child: JSONValue, _ token: String) {
            evaluate(node, child, at: path + pointerToken(token), refChain: [], into: &out)
        }

        switch (rule.check, value) {
        case (.never, _):
            fail("no value is allowed here (the schema is false)")
        case (.type(let names), _):
            let actual = value.typeName
            if !names.contains(actual), !(actual == "integer" && names.contains("number")) {
                fail("expected \(names.joined(separator: " or ")), found \(actual)")
            }
        case (.enumeration(let allowed), _):
            if !allowed.contains(value) {
                fail("value \(brief(value)) is not one of: \(allowed.prefix(10).map(brief).joined(separator: ", "))\(allowed.count > 10 ? ", …" : "")")
            }
        case (.constant(let expected), _):
            if value != expected { fail("value \(brief(value)) is not the constant \(brief(expected))") }

        case (.properties(let schemas), .object(let object)):
            for (key, child) in object.members {
                if let node = schemas[key] { member(node, child, key) }
            }
        case (.patternProperties(let schemas), .object(let object)):
            for (key, child) in object.members {
                for (pattern, node) in schemas where pattern.matches(key) { member(node, child, key) }
            }
        case (.additionalProperties(let node, let declared, let patterns), .object(let object)):
            for (key, child) in object.members where !declared.contains(key) && !patterns.contains(where: { $0.matches(key) }) {
                if isFalse(node) {
                    fail("property \(JSONValue.quoted(key)) is not allowed", at: path + pointerToken(key))
                } else {
                    member(node, child, key)
                }
            }
        case (.propertyNames(let node), .object(let object)):
            for key in object.keys {
                evaluate(node, .string(key), at: path, refChain: [], into: &out)
            }
        case (.dependentSchemas(let schemas), .object(let object)):
            for (key, node) in schemas where object[key] != nil { inPlace(node) }
        case (.required(let names), .object(let object)):
            for name in names where object[name] == nil {
                fail("missing required property \(JSONValue.quoted(name))")
            }

        case (.prefixItems(let schemas), .array(let items)):
            for (index, node) in zip(items.indices, schemas) { member(node, items[index], String(index)) }
        case (.items(let node, let after), .array(let items)) where items.count > after:
            if isFalse(node) {
                fail("array has \(items.count) items, but at most \(after) are allowed")
            } else {
                for index in after..<items.count { member(node, items[index], String(index)) }
            }
        case (.uniqueItems, .array(let items)):
            if let (i, j) = firstDuplicate(items) { fail("items \(i) and \(j) are equal, but items must be unique") }

        case (.size(let size, let atLeast, let limit), _):
            let measured: (String, Int)? = switch (size, value) {
            case (.items, .array(let items)): ("array length", items.count)
            case (.length, .string(let string)): ("string length", string.unicodeScalars.count)
            case (.properties, .object(let object)): ("number of properties", object.count)
            default: nil
            }
            if let (what, count) = measured, atLeast ? count < limit : count > limit {
                fail("\(what) \(count) is \(atLeast ? "below the minimum" : "above the maximum") \(limit)")
            }
        case (.pattern(let pattern), .string(let string)):
            if !pattern.matches(string) { fail("string \(brief(value)) does not match the pattern \(JSONValue.quoted(pattern.source))") }

        case (.bound(let bound, let limit), .number(let number)):
            let (holds, failure) = switch bound {
            case .minimum: (number >= limit, "less than the minimum")
            case .maximum: (number <= limit, "greater than the maximum")
            case .exclusiveMinimum: (number > limit, "not greater than the exclusive minimum")
            case .exclusiveMaximum: (number < limit, "not less than the exclusive maximum")
            }
            if !holds { fail("value \(number) is \(failure) \(limit)") }
        case (.multipleOf(let divisor), .number(let number)):
            if !number.isMultiple(of: divisor) { fail("value \(number) is not a multiple of \(divisor)") }

        case (.allOf(let schemas), _):
            schemas.forEach(inPlace)
        case (.anyOf(let schemas), _):
            var results: [[SchemaViolation]] = []
            for node in schemas {
                results.append(failures(node))
                if results.last!.isEmpty { return }
            }
            fail("value matches none of the \(schemas.count) alternatives (\(reasons(results)))")
        case (.oneOf(let schemas), _):
            let results = schemas.map(failures)
            let matching = results.indices.filter { results[$0].isEmpty }
            if matching.isEmpty {
                fail("value matches none of the \(schemas.count) alternatives (\(reasons(results)))")
            } else if matching.count > 1 {
                fail("value matches alternatives \(matching.map(String.init).joined(separator: ", ")), but must match exactly one")
            }
        case (.not(let node), _):
            if failures(node).isEmpty { fail("value matches the schema under \"not\"") }
        case (.conditional(let condition, let then, let otherwise), _):
            if let branch = failures(condition).isEmpty ? then : otherwise { inPlace(branch) }
        case (.ref(let slot), _):
            let target = refTargets[slot]
            if refChain.contains(target) {
                fail("$ref leads back to itself without descending into the value")
            } else {
                evaluate(target, value, at: path, refChain: refChain + [target], into: &out)
            }

        default:
            break  // the keyword does not apply to this type of value
        }
    }
}

private func brief(_ value: JSONValue) -> String {
    let text = value.description
    return text.count <= 60 ? text : text.prefix(57) + "…"
}

private func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
    for j in items.indices {
        if let i = items[..<j].firstIndex(of: items[j]) { return (i, j) }
    }
    return nil
}
