import Foundation
import PipelineCore
import XCTest

final class PipelineDefinitionTests: XCTestCase {
    func testParsesStagesInOrderWithSettings() throws {
        let definition = try PipelineDefinition.parse("""
            name: test
            version: 2
            stages:
              - id: read
              - id: case
                settings:
                  upper: false
              - id: write
            """, origin: "test.yaml")
        XCTAssertEqual(definition.name, "test")
        XCTAssertEqual(definition.version, 2)
        XCTAssertEqual(definition.stages.map(\.id), ["read", "case", "write"])
        let stages = try testRegistry().configure(definition)
        XCTAssertEqual(String(decoding: stages[1].settingsJSON, as: UTF8.self), #"{"pause":0,"upper":false}"#)
        // Defaults fill what the file leaves out.
        XCTAssertEqual(String(decoding: stages[0].settingsJSON, as: UTF8.self), #"{"failOn":""}"#)
    }

    func testRejectsUnknownStageSettingAndKeys() {
        let cases: [(String, String)] = [
            ("name: t\nversion: 1\nstages:\n  - id: nope\n", "unknown stage `nope`"),
            ("name: t\nversion: 1\nstages:\n  - id: read\n    settings:\n      failon: x\n", "unknown setting `failon`"),
            ("name: t\nversion: 1\nstages:\n  - id: read\n    settings:\n      failOn: [1]\n", "setting `failOn`"),
            ("name: t\nversion: 1\nstges: []\n", "unknown key `stges`"),
            ("name: t\nstages:\n  - id: read\n", "`version` is missing"),
            ("name: t\nversion: 1\nstages:\n  - id: case\n", "cannot come first"),
            ("name: t\nversion: 1\nstages:\n  - id: read\n  - id: write\n  - id: case\n", "must come last"),
            ("name: [unclosed\n", "not valid YAML"),
        ]
        for (yaml, expected) in cases {
            XCTAssertThrowsError(try testRegistry().configure(PipelineDefinition.parse(yaml, origin: "p.yaml")), yaml) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains(expected), "\(message) should contain \(expected)")
                XCTAssertTrue(message.contains("p.yaml"), "\(message) should name the file")
            }
        }
    }

    func testSettingChangesTheStageKeyAndOnlyThatStage() throws {
        let base = "name: t\nversion: 1\nstages:\n  - id: read\n  - id: case\n    settings:\n      upper: %@\n  - id: write\n"
        let upper = try testRegistry().configure(PipelineDefinition.parse(base.replacingOccurrences(of: "%@", with: "true"), origin: "a"))
        let lower = try testRegistry().configure(PipelineDefinition.parse(base.replacingOccurrences(of: "%@", with: "false"), origin: "b"))
        XCTAssertEqual(upper[0].key(input: "x"), lower[0].key(input: "x"))
        XCTAssertNotEqual(upper[1].key(input: "x"), lower[1].key(input: "x"))
        XCTAssertNotEqual(upper[0].key(input: "x"), upper[0].key(input: "y"))
    }

    func testTheShippedCouncilPipelineParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Pipelines/council.yaml").standardizedFileURL
        let definition = try PipelineDefinition.load(from: url)
        XCTAssertEqual(definition.name, "council")
        XCTAssertEqual(definition.stages.first?.id, "extract")
    }
}
