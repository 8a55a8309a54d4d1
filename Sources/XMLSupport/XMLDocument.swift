import CLibXML2
import Foundation

/// An owned, parsed XML tree. Not thread-safe: use it on one thread at a time.
public final class XMLDocument {
    let handle: xmlDocPtr
    /// Where the text came from, for messages.
    public let name: String

    /// Parses `data` safely for untrusted input: no network, no DTD loading,
    /// no entity substitution, and (see `LibXML`) no external entity loads.
    /// Throws `.malformed` with every error libxml2 reported.
    public init(data: Data, name: String) throws(XMLError) {
        self.name = name
        let collector = IssueCollector()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let parsed: xmlDocPtr? = collector.capturing {
            data.withUnsafeBytes { raw in
                raw.withMemoryRebound(to: CChar.self) { bytes in
                    xmlReadMemory(bytes.baseAddress, Int32(clamping: bytes.count), name, nil, options)
                }
            }
        }
        // libxml2 recovers from a few errors and still returns a tree; an
        // error of any kind makes the document malformed for Diarium.
        guard let parsed, !collector.hasErrors else {
            if let parsed { xmlFreeDoc(parsed) }
            var issues = collector.issues
            if issues.isEmpty {
                issues = [XMLIssue(level: .fatal, line: nil, path: nil, code: 0, message: data.isEmpty ? "the file is empty" : "libxml2 returned no document")]
            }
            throw XMLError(code: .malformed, subject: name, issues: issues)
        }
        handle = parsed
    }

    deinit {
        xmlFreeDoc(handle)
    }

    /// True when the text declares a DOCTYPE. Diarium's documents never do;
    /// a DOCTYPE in one is a sign of tampering (entity tricks).
    public var hasDocumentTypeDeclaration: Bool {
        handle.pointee.intSubset != nil || handle.pointee.extSubset != nil
    }

    /// The root element's local name and namespace URI.
    public var root: (name: String, namespace: String?)? {
        guard let root = xmlDocGetRootElement(handle) else { return nil }
        let name = root.pointee.name.map { String(cString: $0) } ?? ""
        let namespace = root.pointee.ns?.pointee.href.map { String(cString: $0) }
        return (name, namespace)
    }
}

/// An owned, compiled W3C XML Schema (1.0). Compile once, validate many
/// documents; libxml2 only reads a compiled schema while validating, but this
/// type still stays on one thread, like the documents it checks.
public final class XMLSchema {
    private let handle: xmlSchemaPtr
    public let name: String

    /// `imports`: the schema documents it imports, by file name (`xml.xsd`
    /// for `schemaLocation="./xml.xsd"`); nothing else is loaded.
    public init(data: Data, name: String, imports: [String: Data] = [:]) throws(XMLError) {
        self.name = name
        let collector = IssueCollector()
        let schema: xmlSchemaPtr? = SchemaImports.$files.withValue(imports) { collector.capturing {
            let context = data.withUnsafeBytes { raw in
                raw.withMemoryRebound(to: CChar.self) { bytes in
                    xmlSchemaNewMemParserCtxt(bytes.baseAddress, Int32(clamping: bytes.count))
                }
            }
            guard let context else { return nil }
            defer { xmlSchemaFreeParserCtxt(context) }
            xmlSchemaSetParserStructuredErrors(context, IssueCollector.callback, collector.context)
            return xmlSchemaParse(context)
        } }
        guard let schema else {
            throw XMLError(code: .invalidSchema, subject: name, issues: collector.issues)
        }
        handle = schema
    }

    deinit {
        xmlSchemaFree(handle)
    }

    /// Every way `document` breaks the schema, in document order; empty when
    /// it is valid. Throws only when libxml2 could not validate at all.
    public func validate(_ document: XMLDocument) throws(XMLError) -> [XMLIssue] {
        let collector = IssueCollector()
        let result: Int32 = collector.capturing {
            guard let context = xmlSchemaNewValidCtxt(handle) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, IssueCollector.callback, collector.context)
            return xmlSchemaValidateDoc(context, document.handle)
        }
        if result < 0 {
            throw XMLError(code: .validator, subject: document.name, issues: collector.issues)
        }
        let issues = collector.issues.filter { $0.level != .warning }
        if result > 0 && issues.isEmpty {
            return [XMLIssue(level: .error, line: nil, path: nil, code: Int(result),
                             message: "invalid against \(name) (libxml2 gave no detail)")]
        }
        return issues
    }
}
