import Foundation
@testable import PipelineCore
import XCTest

/// `<name>.akn.xml` is the Akoma Ntoso output of `<name>`, so prune neither
/// takes it for the XML of a document `<name>.akn` that is gone nor keeps it
/// when `akn` is no longer written.
final class OutputPruneTests: XCTestCase {
    func testAkomaNtosoOutputsBelongToTheirDocument() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.xml", "a.akn.xml", "a.json", "gone.akn.xml", "x.akn.xml", "report.json"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        // `x.akn` is a document (from `x.akn.pdf`): `x.akn.xml` is its XML.
        let documents: Set<String> = ["a", "x.akn"]
        let keepingAKN = OutputPrune.plan(outputFolder: folder, documents: documents, formats: ["xml", "json", "akn.xml"])
        XCTAssertEqual(keepingAKN.files, [.init(path: "gone.akn.xml", reason: "source gone")])
        XCTAssertEqual(keepingAKN.goneDocuments, ["gone"])

        let withoutAKN = OutputPrune.plan(outputFolder: folder, documents: documents, formats: ["xml", "json"])
        XCTAssertEqual(withoutAKN.files.map(\.path), ["a.akn.xml", "gone.akn.xml"])
        XCTAssertEqual(withoutAKN.files.first?.reason, "format akn.xml not written by the pipeline")
    }
}
