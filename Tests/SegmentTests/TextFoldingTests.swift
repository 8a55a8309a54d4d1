import XCTest
@testable import Segment

/// Headings are compared in folded form; the byte path for ASCII text must
/// fold exactly as the character path does.
final class TextFoldingTests: XCTestCase {
    func testASCIITextFoldsAsTheCharacterPathDoes() {
        let texts = ["Remissammanstallning", "  FOr beslut - 6vrigt!  ", "Reservation\r\nav S, V", "&rendet 1|2 --- x",
                     "Bilaga\t3:\u{0B}Yttrande", "", "   ", "ABC-DEF-", "mp 2025/364"]
        for text in texts {
            // `§` is no letter and no space, so it is dropped, but it sends the text down the character path.
            XCTAssertEqual(TextFolding.fold(text), TextFolding.fold(text + "§"), text)
        }
        XCTAssertEqual(TextFolding.fold("  FOr beslut - 6vrigt!  "), "for beslut ovrigti")
        XCTAssertEqual(TextFolding.fold("Remissammanställning"), TextFolding.fold("REMISSAMMANSTALLNING"))
    }
}
