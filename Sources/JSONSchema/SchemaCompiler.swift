import Foundation

/// A schema this validator cannot use: a keyword with a malformed value, a bad regular
/// expression, a `$ref` that is remote or leads nowhere, or a 2020-12 keyword it does not
/// implement (rejected rather than ignored, so that a schema is never silently weakened).
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    public let schemaPath: String
    public let message: String

    public var description: String { "schema error at \(schemaPath): \(message)" }
}

/// One keyword of a compiled schema. Subschemas are indices into the node table, so recursive
/// `$ref`s need no reference types and the validator stays a plain Sendable value.
struct Rule: Sendable {
    let keyword: String
    let schemaPath: String
    let check: Check
}

enum Check: Sendable {
    case never  // the schema `false`
    case type([String])
    case enumeration([JSONValue])
    case constant(JSONValue)
    case properties([String: Int])
    case patternProperties([(Pattern, Int)])
    case additionalProperties(Int, declared: Set<String>, patterns: [Pattern])
    case propertyNames(Int)
    case dependentSchemas([(String, Int)])
    case required([String])
    case prefixItems([Int])
    case items(Int, after: Int)
    case uniqueItems
    case size(Size, atLeast: Bool, Int)
    case pattern(Pattern)
    case bound(Bound, JSONNumber)
    case multipleOf(JSONNumber)
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(if: Int, then: Int?, else: Int?)
    case ref(slot: Int)
}

enum Size: Sendable { case items, length, properties }

enum Bound: String, Sendable { case minimum, maximum, exclusiveMinimum, exclusiveMaximum }

struct Pattern: Sendable {
    let source: String
    let regex: NSRegularExpression

    init(_ source: String, schemaPath: String) throws {
        do {
            (self.source, regex) = (source, try NSRegularExpression(pattern: source))
        } catch {
            throw SchemaError(schemaPath: schemaPath, message: "invalid regular expression \(JSONValue.quoted(source))")
        }
    }

    /// JSON Schema asks for ECMA-262 regular expressions; ICU's agree on everything a schema
    /// pattern normally uses. Either way a pattern is searched for, not matched in full.
    func matches(_ string: String) -> Bool {
        regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }
}

private let sizeKeywords: [String: (Size, atLeast: Bool)] = [
    "minItems": (.items, true), "maxItems": (.items, false),
    "minLength": (.length, true), "maxLength": (.length, false),
    "minProperties": (.properties, true), "maxProperties": (.properties, false),
]

private let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

/// 2020-12 keywords this validator does not implement. The spec ignores only unknown keywords,
/// and ignoring these would accept documents the schema's author meant to reject.
private let unsupportedKeywords: Set<String> = [
    "$dynamicRef", "$recursiveRef", "unevaluatedProperties", "unevaluatedItems", "contains", "dependentRequired",
]

/// Turns a schema document into a table of rules. Every subschema is registered under each
/// URI it can be reached by ("base#json-pointer" for every enclosing `$id`, "base#anchor"),
/// so that `$ref`s, resolved once all subschemas are known, become table lookups.
struct SchemaCompiler {
    /// Where a resource (the document, or a subschema with `$id`) begins.
    private struct Scope {
        let uri: URI
        let pointer: String
    }

    private struct Resource {
        let schema: JSONValue
        let pointer: String
        let scopes: [Scope]
    }

    private struct PendingRef {
        let reference: String
        let target: URI
        let schemaPath: String
    }

    private var nodes: [[Rule]] = []
    private var known: [String: Int] = [:]
    private var resources: [String: Resource] = [:]
    private var pending: [PendingRef] = []

    /// The node table (root first) and, per `$ref` slot, the node it leads to.
    static func compile(_ root: JSONValue) throws -> (nodes: [[Rule]], refTargets: [Int]) {
        var compiler = SchemaCompiler()
        // A document without `$id` still needs an absolute base to resolve references against.
        let scope = Scope(uri: URI("urn:x-jsonschema:document"), pointer: "")
        compiler.resources[scope.uri.text] = Resource(schema: root, pointer: "", scopes: [scope])
        _ = try compiler.compile(root, at: "", in: [scope])
        var targets: [Int] = []
        // Resolving may compile a schema found only by pointer, which can queue further refs.
        while targets.count < compiler.pending.count {
            targets.append(try compiler.resolve(compiler.pending[targets.count]))
        }
        return (compiler.nodes, targets)
    }

    private mutating func compile(_ schema: JSONValue, at pointer: String, in outer: [Scope]) throws -> Int {
        let location = "#" + pointer
        var scopes = outer
        var object = JSONObject()
        switch schema {
        case .bool: break
        case .object(let o): object = o
        default: throw SchemaError(schemaPath: location, message: "a schema must be an object or a boolean, not \(schema.typeName)")
        }
        if let id = object["$id"] {
            guard case .string(let text) = id else { throw SchemaError(schemaPath: location + "/$id", message: "$id must be a string") }
            var uri = scopes.last!.uri.resolving(text)
            guard uri.fragment?.isEmpty ?? true else {
                throw SchemaError(schemaPath: location + "/$id", message: "$id must not have a fragment; use $anchor")
            }
            uri.fragment = nil
            scopes.append(Scope(uri: uri, pointer: pointer))
            resources[uri.text] = Resource(schema: schema, pointer: pointer, scopes: scopes)
        }
        let node = nodes.count
        nodes.append([])
        for scope in scopes {
            known[scope.uri.text + "#" + pointer.dropFirst(scope.pointer.count)] = node
        }
        if let anchor = object["$anchor"] {
            guard case .string(let name) = anchor else { throw SchemaError(schemaPath: location + "/$anchor", message: "$anchor must be a string") }
            known[scopes.last!.uri.text + "#" + name] = node
        }
        if case .bool(false) = schema {
            nodes[node] = [Rule(keyword: "false", schemaPath: location, check: .never)]
        } else {
            nodes[node] = try rules(of: object, at: pointer, in: scopes)
        }
        return node
    }

    private mutating func rules(of schema: JSONObject, at pointer: String, in scopes: [Scope]) throws -> [Rule] {
        var rules: [Rule] = []
        var branches: (if: Int?, then: Int?, else: Int?)
        for (keyword, value) in schema.members {
            let path = pointer + pointerToken(keyword)
            func invalid(_ requirement: String) -> SchemaError {
                SchemaError(schemaPath: "#" + path, message: "\(keyword) \(requirement)")
            }
            func add(_ check: Check) {
                rules.append(Rule(keyword: keyword, schemaPath: "#" + path, check: check))
            }
            func subschema() throws -> Int {
                try compile(value, at: path, in: scopes)
            }
            func subschemaList() throws -> [Int] {
                guard case .array(let items) = value, !items.isEmpty else { throw invalid("must be a non-empty array of schemas") }
                return try items.indices.map { try compile(items[$0], at: path + "/\($0)", in: scopes) }
            }
            func subschemaMap() throws -> [(String, Int)] {
                guard case .object(let map) = value else { throw invalid("must be an object whose values are schemas") }
                return try map.members.map { ($0.key, try compile($0.value, at: path + pointerToken($0.key), in: scopes)) }
            }
            func strings() throws -> [String] {
                guard case .array(let items) = value else { throw invalid("must be an array of strings") }
                return try items.map {
                    guard case .string(let s) = $0 else { throw invalid("must be an array of strings") }
                    return s
                }
            }

            switch keyword {
            case "type":
                let names: [String]
                if case .string(let name) = value { names = [name] } else { names = try strings() }
                guard !names.isEmpty, names.allSatisfy(typeNames.contains) else {
                    throw invalid("must name types among \(typeNames.sorted().joined(separator: ", "))")
                }
                add(.type(names))
            case "enum":
                guard case .array(let values) = value else { throw invalid("must be an array") }
                add(.enumeration(values))
            case "const":
                add(.constant(value))
            case "properties":
                add(.properties(Dictionary(try subschemaMap(), uniquingKeysWith: { $1 })))
            case "patternProperties":
                add(.patternProperties(try subschemaMap().map { (try Pattern($0.0, schemaPath: "#" + path + pointerToken($0.0)), $0.1) }))
            case "additionalProperties":
                var declared: Set<String> = []
                var patterns: [Pattern] = []
                if case .object(let properties)? = schema["properties"] { declared = Set(properties.keys) }
                if case .object(let regexes)? = schema["patternProperties"] {
                    patterns = try regexes.keys.map { try Pattern($0, schemaPath: "#" + pointer + "/patternProperties" + pointerToken($0)) }
                }
                add(.additionalProperties(try subschema(), declared: declared, patterns: patterns))
            case "propertyNames":
                add(.propertyNames(try subschema()))
            case "dependentSchemas":
                add(.dependentSchemas(try subschemaMap()))
            case "required":
                add(.required(try strings()))
            case "prefixItems":
                add(.prefixItems(try subschemaList()))
            case "items":
                if case .array = value { throw invalid("must be one schema in draft 2020-12; use prefixItems for tuples") }
                var after = 0
                if case .array(let prefix)? = schema["prefixItems"] { after = prefix.count }
                add(.items(try subschema(), after: after))
            case "uniqueItems":
                guard case .bool(let unique) = value else { throw invalid("must be a boolean") }
                if unique { add(.uniqueItems) }
            case "pattern":
                guard case .string(let source) = value else { throw invalid("must be a string") }
                add(.pattern(try Pattern(source, schemaPath: "#" + path)))
            case "multipleOf":
                guard case .number(let divisor) = value, divisor > JSONNumber(0) else { throw invalid("must be a number greater than 0") }
                add(.multipleOf(divisor))
            case "allOf":
                add(.allOf(try subschemaList()))
            case "anyOf":
                add(.anyOf(try subschemaList()))
            case "oneOf":
                add(.oneOf(try subschemaList()))
            case "not":
                add(.not(try subschema()))
            case "if":
                branches.if = try subschema()
            case "then":
                branches.then = try subschema()
            case "else":
                branches.else = try subschema()
            case "$defs":
                _ = try subschemaMap()
            case "$ref":
                guard case .string(let reference) = value else { throw invalid("must be a string") }
                add(.ref(slot: pending.count))
                pending.append(PendingRef(reference: reference, target: scopes.last!.uri.resolving(reference), schemaPath: "#" + path))
            default:
                if let bound = Bound(rawValue: keyword) {
                    guard case .number(let limit) = value else { throw invalid("must be a number") }
                    add(.bound(bound, limit))
                } else if let (size, atLeast) = sizeKeywords[keyword] {
                    guard case .number(let n) = value, let limit = n.intValue, limit >= 0 else { throw invalid("must be a non-negative integer") }
                    add(.size(size, atLeast: atLeast, limit))
                } else if unsupportedKeywords.contains(keyword) {
                    throw invalid("is not supported by this validator")
                }
            }
        }
        // `then` and `else` without `if` do nothing, but were compiled so their `$id`s are known.
        if let condition = branches.if {
            rules.append(Rule(keyword: "if", schemaPath: "#" + pointer + "/if",
                              check: .conditional(if: condition, then: branches.then, else: branches.else)))
        }
        return rules
    }

    private mutating func resolve(_ ref: PendingRef) throws -> Int {
        var resource = ref.target
        let rawFragment = resource.fragment ?? ""
        let fragment = rawFragment.removingPercentEncoding ?? rawFragment
        resource.fragment = nil
        if let node = known[resource.text + "#" + fragment] { return node }
        guard let document = resources[resource.text] else {
            let resolved = ref.reference.hasPrefix(resource.text) ? "" : " (\(resource.text))"
            throw SchemaError(schemaPath: ref.schemaPath, message: "$ref \(JSONValue.quoted(ref.reference)) points to "
                + "another document\(resolved); remote references are not supported")
        }
        // A pointer to a place no keyword makes a subschema (an old "definitions", say) is
        // compiled on first use; later references find it registered.
        guard fragment.isEmpty || fragment.hasPrefix("/"), let target = document.schema.value(atPointer: fragment) else {
            throw SchemaError(schemaPath: ref.schemaPath, message: "$ref \(JSONValue.quoted(ref.reference)) does not lead to a schema in this document")
        }
        return try compile(target, at: document.pointer + fragment, in: document.scopes)
    }
}
