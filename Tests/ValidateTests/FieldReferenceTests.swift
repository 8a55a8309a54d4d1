import Foundation
import XCTest

/// `docs/fields.md` is written from the schemas by `scripts/field-reference.py`;
/// a schema changed without it would leave the reference users read behind.
final class FieldReferenceTests: XCTestCase {
    func testTheFieldReferenceIsTheOneTheSchemasGive() throws {
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no /usr/bin/python3 to run scripts/field-reference.py")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [Good.root.appendingPathComponent("scripts/field-reference.py").path, "--check"]
        process.currentDirectoryURL = Good.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "docs/fields.md is stale; run /usr/bin/python3 scripts/field-reference.py: \(said)")
    }
}
