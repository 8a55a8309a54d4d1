import DocumentModel
@testable import Emit
import Foundation
import XCTest
import XMLSupport

/// Strings that need escaping come back unchanged from a standard parser,
/// except the control characters XML 1.0 cannot carry at all.
final class EscapingTests: XCTestCase {
    let nasty = "A & B < C > D \"quoted\" 'single' \u{1}ctrl\u{0}nul\u{B} tab\there\r\nåäö ÅÄÖ é ]]> --"
    let nastyInXML = "A & B < C > D \"quoted\" 'single' \u{FFFD}ctrl\u{FFFD}nul\u{FFFD} tab\there\r\nåäö ÅÄÖ é ]]> --"

    func testXMLIsWellFormedAndValidAndCarriesEveryStringBack() throws {
        let data = try XMLRenderer.render(OutputDocument(Fixtures.hostile))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        XCTAssertTrue(text.contains("åäö ÅÄÖ"), "UTF-8 is written as is, not as character references")
        XCTAssertFalse(text.contains("\u{1}"))
        XCTAssertTrue(text.contains("A &amp; B &lt; C &gt; D"))

        // Python's parser is independent of libxml2: it reads the values back.
        let file = try Tool.temporaryFile(data, name: "hostile.xml")
        let script = """
        import sys, xml.etree.ElementTree as ET
        ns = {"d": "urn:diarium:1"}
        root = ET.parse(sys.argv[1]).getroot()
        values = [root.find("d:meta/d:title", ns).text,
                  root.find("d:meta/d:author", ns).get("name"),
                  root.find("d:preamble/d:p", ns).text,
                  root.find("d:preamble/d:p", ns).get("original"),
                  root.find("d:body/d:section/d:heading", ns).text,
                  root.find("d:corrections/d:correction", ns).get("original"),
                  root.find("d:source", ns).get("file")]
        sys.stdout.buffer.write("\\u0000".join(values).encode("utf-8"))
        """
        let result = try Tool.run(["python3", "-c", script, file.path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output.components(separatedBy: "\u{0}"),
                       [nastyInXML, nastyInXML, nastyInXML, "original " + nastyInXML, nastyInXML, nastyInXML, "dir/å & <b>.pdf"])
        let lint = try Tool.xmllint(file)
        XCTAssertEqual(lint.status, 0, lint.output)
    }

    func testJSONCarriesEveryStringBackUnchanged() throws {
        let data = try JSONRenderer.render(OutputDocument(Fixtures.hostile))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("åäö ÅÄÖ"))
        XCTAssertTrue(text.contains("\\u0001ctrl\\u0000nul"))
        let decoded = try JSONDecoder().decode(OutputDocument.self, from: data)
        XCTAssertEqual(decoded.metadata.title, nasty)
        XCTAssertEqual(decoded.metadata.authors.first?.name, nasty)
        let file = try Tool.temporaryFile(data, name: "hostile.json")
        let result = try Tool.pythonJSONSchema(file)
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testXMLWriterEscapesAttributeWhitespaceAndRejectsNothing() throws {
        let writer = try XMLWriter(indent: false)
        try writer.startElement("r", namespace: "urn:x")
        try writer.attribute("a", "line\nbreak\ttab \"q\" <&>")
        try writer.text("x]]>y")
        let text = String(decoding: try writer.finish(), as: UTF8.self)
        XCTAssertTrue(text.contains("a=\"line&#10;break&#9;tab &quot;q&quot; &lt;&amp;&gt;\""), text)
        XCTAssertTrue(text.contains("x]]&gt;y"), text)
        // Parsed back, attribute whitespace survives normalisation.
        XCTAssertNoThrow(try XMLDocument(data: Data(text.utf8), name: "t.xml"))
    }
}
