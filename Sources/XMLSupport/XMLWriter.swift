import CLibXML2
import Foundation

/// Writes one XML document into memory through libxml2's text writer, which
/// escapes every string it is given (`&`, `<`, `>`, quotes, and line breaks
/// and tabs inside attributes). Element and attribute names are the
/// caller's constants and are not checked.
///
/// Not thread-safe; one writer per document.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private let collector = IssueCollector()
    private var finished = false
    private let indents: Bool

    /// Starts a UTF-8 document with an XML declaration; `indent` puts each
    /// element on its own line, two spaces a level (elements holding text
    /// stay on one line, so no whitespace is added to any text).
    public init(indent: Bool = true) throws(XMLError) {
        LibXML.initialize()
        guard let buffer = xmlBufferCreate() else {
            throw XMLError(code: .writer, subject: "XML output", issues: [])
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLError(code: .writer, subject: "XML output", issues: [])
        }
        self.buffer = buffer
        self.writer = writer
        self.indents = indent
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        // The writer flushes into the buffer when freed, so it goes first.
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Opens an element; `namespace` declares a default namespace on it.
    public func startElement(_ name: String, namespace: String? = nil) throws(XMLError) {
        if let namespace {
            try check(xmlTextWriterStartElementNS(writer, nil, name, namespace))
        } else {
            try check(xmlTextWriterStartElement(writer, name))
        }
    }

    public func endElement() throws(XMLError) {
        try check(xmlTextWriterEndElement(writer))
    }

    /// Writes an attribute of the element just opened; nil writes nothing.
    public func attribute(_ name: String, _ value: String?) throws(XMLError) {
        guard let value else { return }
        try check(xmlTextWriterWriteAttribute(writer, name, XMLText.sanitized(value)))
    }

    /// Writes escaped character data into the open element.
    public func text(_ text: String) throws(XMLError) {
        guard !text.isEmpty else { return }
        try check(xmlTextWriterWriteString(writer, XMLText.sanitized(text)))
    }

    /// `<name attributes…>text</name>` in one call; nil text writes an empty element.
    public func element(_ name: String, text: String? = nil, attributes: KeyValuePairs<String, String?> = [:]) throws(XMLError) {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        if let text { try self.text(text) }
        try endElement()
    }

    /// `<name attributes…>` with content that mixes text and elements
    /// (`<p><docTitle>…</docTitle></p>`), all on one line. libxml2 indents
    /// every element it starts, which inside mixed content would add line
    /// breaks and spaces to the text; so indentation is off inside, and the
    /// empty write before the end tag keeps libxml2 from indenting it.
    public func mixedElement(_ name: String, attributes: KeyValuePairs<String, String?> = [:],
                             content: () throws(XMLError) -> Void) throws(XMLError) {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        guard indents else {
            try content()
            return try endElement()
        }
        xmlTextWriterSetIndent(writer, 0)
        do {
            try content()
        } catch {
            xmlTextWriterSetIndent(writer, 1)
            throw error
        }
        xmlTextWriterSetIndent(writer, 1)
        try check(xmlTextWriterWriteString(writer, ""))
        try endElement()
    }

    /// Closes every open element and returns the document's bytes, ending
    /// with a newline. The writer cannot be used after.
    public func finish() throws(XMLError) -> Data {
        if !finished {
            finished = true
            try check(xmlTextWriterEndDocument(writer))
            try check(xmlTextWriterFlush(writer))
        }
        guard let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    /// Runs one libxml2 writer call with its errors captured; the calls
    /// return a negative count on failure.
    private func check(_ call: @autoclosure () -> Int32) throws(XMLError) {
        guard collector.capturing(call) < 0 else { return }
        throw XMLError(code: .writer, subject: "XML output", issues: collector.issues)
    }
}
