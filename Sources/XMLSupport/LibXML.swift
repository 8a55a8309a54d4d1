import CLibXML2
import Foundation

/// Process-wide libxml2 setup, done once before any other call.
enum LibXML {
    private static let initialized: Void = {
        xmlInitParser()
        // No input may make libxml2 open a file or URL (XXE, schema imports):
        // every external entity or DTD load is refused, except a schema
        // import the compiling code handed over in memory (`SchemaImports`).
        // Global, but nothing else in the process uses libxml2.
        xmlSetExternalEntityLoader { url, _, context in
            guard let url, let data = SchemaImports.data(for: String(cString: url)) else { return nil }
            return data.withUnsafeBytes { raw -> xmlParserInputPtr? in
                // libxml2 copies the bytes into its own buffer.
                guard let bytes = raw.bindMemory(to: CChar.self).baseAddress,
                      let buffer = xmlParserInputBufferCreateMem(bytes, Int32(clamping: raw.count), XML_CHAR_ENCODING_NONE) else { return nil }
                guard let input = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE) else {
                    xmlFreeParserInputBuffer(buffer)
                    return nil
                }
                return input
            }
        }
    }()

    static func initialize() { _ = initialized }
}

/// The schema documents an XML Schema may import while it is compiled, by
/// file name (`xml.xsd`), bound to the compiling thread only: a document
/// parsed anywhere else still loads nothing.
enum SchemaImports {
    @TaskLocal static var files: [String: Data] = [:]

    /// An import's location as the schema spells it (`./xml.xsd`), matched by its file name.
    static func data(for location: String) -> Data? {
        let files = files
        guard !files.isEmpty else { return nil }
        let name = location.split(separator: "/").last.map(String.init) ?? location
        return files[name]
    }
}

/// Collects libxml2's structured errors during one call on one thread.
final class IssueCollector {
    private(set) var issues: [XMLIssue] = []

    /// Passed to libxml2 as the `userData` of its structured error callbacks;
    /// valid while `self` is alive, which each call guarantees by holding it.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The C callback: a plain function (no captures), so it converts to a C
    /// function pointer; the collector travels in `userData`.
    static let callback: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
    }

    func add(_ error: xmlError) {
        let level: XMLIssue.Level
        switch error.level {
        case XML_ERR_WARNING: level = .warning
        case XML_ERR_FATAL: level = .fatal
        default: level = .error
        }
        let message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error \(error.code)"
        let node = error.node?.assumingMemoryBound(to: xmlNode.self)
        var line = error.line > 0 ? Int(error.line) : nil
        if line == nil, let node, xmlGetLineNo(node) > 0 { line = Int(xmlGetLineNo(node)) }
        issues.append(XMLIssue(level: level, line: line, path: node.map(NodePath.of),
                               code: Int(error.code),
                               message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    var hasErrors: Bool { issues.contains { $0.level != .warning } }

    /// Runs `body` with this collector as the thread's structured error
    /// handler, restoring the previous handler after. libxml2 keeps the
    /// handler per thread, so concurrent calls on other threads are unaffected.
    func capturing<T>(_ body: () throws -> T) rethrows -> T {
        LibXML.initialize()
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(context, Self.callback)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return try withExtendedLifetime(self) { try body() }
    }
}

/// Builds a readable path to a node. libxml2's own `xmlGetNodePath` writes
/// `*` for every element in a default namespace, which is all of Diarium's.
enum NodePath {
    static func of(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        var steps: [String] = []
        var current: UnsafeMutablePointer<xmlNode>? = node
        while let step = current, step.pointee.type != XML_DOCUMENT_NODE {
            let name = step.pointee.name.map { String(cString: $0) } ?? "?"
            switch step.pointee.type {
            case XML_ATTRIBUTE_NODE:
                steps.append("@\(name)")
            case XML_ELEMENT_NODE:
                steps.append(name + position(of: step, named: name))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                steps.append("text()")
            default:
                steps.append("node()")
            }
            current = step.pointee.parent
        }
        return "/" + steps.reversed().joined(separator: "/")
    }

    /// `[n]` when the element has same-named siblings, as XPath would need.
    private static func position(of node: UnsafeMutablePointer<xmlNode>, named name: String) -> String {
        func sameName(_ other: UnsafeMutablePointer<xmlNode>) -> Bool {
            other.pointee.type == XML_ELEMENT_NODE && other.pointee.name.map { String(cString: $0) } == name
        }
        var before = 0, after = 0
        var sibling = node.pointee.prev
        while let current = sibling {
            if sameName(current) { before += 1 }
            sibling = current.pointee.prev
        }
        sibling = node.pointee.next
        while let current = sibling {
            if sameName(current) { after += 1 }
            sibling = current.pointee.next
        }
        return before + after == 0 ? "" : "[\(before + 1)]"
    }
}

/// XML 1.0 cannot carry most control characters at all, not even as
/// character references; libxml2 would write them through and produce a
/// document no parser accepts. They become U+FFFD, the replacement character.
enum XMLText {
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func sanitized(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isAllowed) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }
}
