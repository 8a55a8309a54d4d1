import DocumentModel
import Foundation
@testable import PipelineCore
import XCTest

final class DocumentPatchTests: XCTestCase {
    private func document() -> Document {
        let line = TextLine(page: 1, text: "Ärendet", box: Box(x: 1, y: 2, width: 30, height: 10), spans: [])
        return Document(source: SourceInfo(file: "a.pdf", sha256: "00", byteCount: 3), info: PDFInfo(pageCount: 1),
                        pages: [Page(number: 1, width: 595, height: 842, hasTextLayer: true)],
                        blocks: [TextBlock(lines: [line], text: line.text, hyphenations: [], fontSize: 11, bold: true)])
    }

    func testCoversEveryPartOfTheDocument() throws {
        let base = document()
        let patch = try XCTUnwrap(DocumentPatch(base, base: base))
        XCTAssertEqual(Mirror(reflecting: patch).children.map(\.label), Mirror(reflecting: base).children.map(\.label))
    }

    func testStoresOnlyWhatChangedAndRebuildsTheDocument() throws {
        let base = document()
        var changed = base
        changed.quality = Quality(damage: 0.01, pageDamage: [0.01], unknownWordShare: 0.02, corrections: 0, flagged: 0)
        changed.sections = [Section(kind: .arendet, heading: "Ärendet", headingOriginal: "Ärendet", level: 1, firstPage: 1, lastPage: 1)]
        let patch = try XCTUnwrap(DocumentPatch(changed, base: base))
        XCTAssertNil(patch.blocks)
        XCTAssertNil(patch.pages)
        XCTAssertNotNil(patch.quality)
        let stored = try DirectJSONEncoder().encode(patch)
        let read = try JSONDecoder().decode(DocumentPatch.self, from: stored)
        XCTAssertEqual(read.applied(to: base), changed)
        XCTAssertEqual(try XCTUnwrap(DocumentPatch(base, base: base)).applied(to: base), base)
    }

    func testAClearedPartCannotBeAPatch() {
        var base = document()
        base.quality = Quality(damage: 0, pageDamage: [], unknownWordShare: 0, corrections: 0, flagged: 0)
        var cleared = base
        cleared.quality = nil
        XCTAssertNil(DocumentPatch(cleared, base: base))
    }
}
