import XCTest
@testable import TextEncoding

/// Stated behaviour on awkward input: never a crash.
final class BadInputTests: XCTestCase {
    private var tokenizer: WordPieceTokenizer!

    override func setUpWithError() throws {
        tokenizer = WordPieceTokenizer(vocabulary: try Fixtures.vocabulary(), maxLength: 256)
    }

    func testEmptyAndBlankTextsGiveOnlyClsAndSep() {
        for text in ["", "   ", "\n\t\r", "\u{0}\u{7}\u{200B}"] {
            XCTAssertEqual(tokenizer(text).ids, [101, 102], text.debugDescription)
        }
    }

    func testControlCharactersAreDroppedAndWhitespaceSplits() {
        XCTAssertEqual(tokenizer.pieces("jump\u{0}\u{7}s\u{200B}\u{FEFF} twice"), ["jumps", "twice"])
        XCTAssertEqual(tokenizer.pieces("left\u{2028}right\u{A0}up"), ["left", "right", "up"])
    }

    func testEmojiBecomeUnknownTokens() {
        XCTAssertEqual(tokenizer.pieces("spin 😀 🔄"), ["spin", "[UNK]", "[UNK]"])
    }

    func testVeryLongTextIsTruncatedTo256Tokens() {
        let text = String(repeating: "walk forward then turn around ", count: 400)
        let tokenized = tokenizer(text)
        XCTAssertEqual(tokenized.ids.count, 256)
        XCTAssertEqual(tokenized.ids.first, 101)
        XCTAssertEqual(tokenized.ids.last, 102)
        XCTAssertEqual(tokenized.untruncatedCount, 2002)
        XCTAssertTrue(tokenized.wasTruncated)
    }

    func testPrivateUseIsDroppedAndUnassignedIsUnknown() {
        // U+E000 (private use) is removed like a control character; U+0378 (unassigned) is
        // kept, so its word matches nothing and becomes [UNK], as in the reference.
        XCTAssertEqual(tokenizer.pieces("a\u{E000}b \u{378}c"), ["ab", "[UNK]"])
    }
}
