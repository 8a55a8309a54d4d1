import Foundation
import JSONSchema
import XMLSupport

/// Checks Diarium's XML against the published XSD (through libxml2), its
/// JSON against the published JSON Schema (draft 2020-12), and its Akoma
/// Ntoso against the official OASIS schema (through libxml2).
///
/// Holds compiled libxml2 schemas, so one validator serves one thread;
/// create one per thread to validate in parallel.
public final class OutputValidator {
    /// A compiled XSD with the namespace its documents' root must be in.
    private struct CompiledXSD {
        var schema: XMLSchema
        var name: String
        var namespace: String
    }

    private let xsd: CompiledXSD
    private let jsonSchema: JSONSchemaValidator
    private let schemas: SchemaLocation
    /// Compiled at the first Akoma Ntoso file, once per validator: the schema
    /// is large (about 7000 lines) and most runs check no such file.
    private var akn: Result<CompiledXSD, ValidateError>?

    public init(schemas: SchemaLocation = .bundled) throws(ValidateError) {
        self.schemas = schemas
        let xsdData = try schemas.data(SchemaLocation.xsdName)
        let jsonData = try schemas.data(SchemaLocation.jsonSchemaName)
        do {
            xsd = CompiledXSD(schema: try XMLSchema(data: xsdData, name: SchemaLocation.xsdName), name: SchemaLocation.xsdName,
                              namespace: Self.targetNamespace(of: xsdData) ?? "")
        } catch {
            throw ValidateError(error.description)
        }
        do {
            jsonSchema = try JSONSchemaValidator(schemaData: jsonData)
        } catch {
            throw ValidateError("\(SchemaLocation.jsonSchemaName): \(error)")
        }
    }

    private func aknSchema() -> Result<CompiledXSD, ValidateError> {
        if let akn { return akn }
        let compiled = Result { () throws(ValidateError) in try Self.compileAKN(schemas) }
        akn = compiled
        return compiled
    }

    private static func compileAKN(_ schemas: SchemaLocation) throws(ValidateError) -> CompiledXSD {
        let data = try schemas.data(SchemaLocation.aknSchemaName)
        var imports: [String: Data] = [:]
        for name in SchemaLocation.aknImportNames { imports[name] = try schemas.data(name) }
        do {
            return CompiledXSD(schema: try XMLSchema(data: data, name: SchemaLocation.aknSchemaName, imports: imports),
                               name: SchemaLocation.aknSchemaName, namespace: targetNamespace(of: data) ?? "")
        } catch {
            throw ValidateError(error.description)
        }
    }

    /// Validates each file, in the order given.
    public func validate(_ files: [InputFile]) -> ValidationReport {
        ValidationReport(files: files.map { file in
            let failures: [ValidationFailure]
            if let data = FileManager.default.contents(atPath: file.url.path) {
                failures = validate(data, format: file.format, name: file.displayPath)
            } else {
                failures = [ValidationFailure(file: file.displayPath, rule: "readable", message: "cannot read the file")]
            }
            return ValidationReport.FileResult(file: file.displayPath, format: file.format, failures: failures)
        })
    }

    public func validate(_ data: Data, format: OutputFormat, name: String) -> [ValidationFailure] {
        switch format {
        case .xml: validateXML(data, name: name, against: xsd)
        case .json: validateJSON(data, name: name)
        case .akn:
            switch aknSchema() {
            case .success(let schema): validateXML(data, name: name, against: schema)
            case .failure(let error): [ValidationFailure(file: name, rule: "schema", message: error.message)]
            }
        }
    }

    private func validateXML(_ data: Data, name: String, against xsd: CompiledXSD) -> [ValidationFailure] {
        let document: XMLDocument
        do {
            document = try XMLDocument(data: data, name: name)
        } catch {
            return error.issues.map {
                ValidationFailure(file: name, line: $0.line, rule: "well-formed", message: $0.message)
            }
        }
        if document.hasDocumentTypeDeclaration {
            // Never written by Diarium; entity definitions are how XML bombs
            // and external-entity reads arrive.
            return [ValidationFailure(file: name, line: 1, rule: "no-doctype",
                                      message: "a DOCTYPE is not allowed in Diarium XML")]
        }
        if let root = document.root, root.namespace != xsd.namespace {
            return [ValidationFailure(
                file: name, line: 1, path: "/\(root.name)", rule: "namespace",
                message: "the root element is in namespace \(root.namespace.map { "'\($0)'" } ?? "none"), expected '\(xsd.namespace)' (schema \(xsd.name))")]
        }
        do {
            return try xsd.schema.validate(document).map {
                ValidationFailure(file: name, line: $0.line, path: Self.attributePath($0.path, message: $0.message),
                                  rule: "xsd", message: $0.message)
            }
        } catch {
            return [ValidationFailure(file: name, rule: "xsd", message: error.description)]
        }
    }

    private func validateJSON(_ data: Data, name: String) -> [ValidationFailure] {
        do {
            return try jsonSchema.validate(data: data).map {
                ValidationFailure(file: name, path: $0.instancePath, rule: "\($0.keyword) at \($0.schemaPath)",
                                  message: $0.message)
            }
        } catch let error as JSONParseError {
            return [ValidationFailure(file: name, line: error.line, rule: "well-formed",
                                      message: "not valid JSON: column \(error.column): \(error.message)")]
        } catch {
            return [ValidationFailure(file: name, rule: "well-formed", message: "not valid JSON: \(error)")]
        }
    }

    /// libxml2 reports an attribute's error on its element, naming the
    /// attribute only in the message (`Element '…', attribute 'level': …`);
    /// the path should lead to the attribute itself.
    static func attributePath(_ path: String?, message: String) -> String? {
        guard let path, !path.contains("/@"),
              let range = message.range(of: #"^Element '[^']*', attribute '[^']+'"#, options: .regularExpression) else { return path }
        let attribute = message[range].split(separator: "'").last.map(String.init) ?? ""
        return "\(path)/@\(attribute.split(separator: "}").last.map(String.init) ?? attribute)"
    }

    /// The XSD's targetNamespace attribute.
    private static func targetNamespace(of xsd: Data) -> String? {
        guard let text = String(data: xsd, encoding: .utf8),
              let range = text.range(of: #"targetNamespace="([^"]*)""#, options: .regularExpression) else { return nil }
        return String(text[range].dropFirst("targetNamespace=\"".count).dropLast())
    }
}
