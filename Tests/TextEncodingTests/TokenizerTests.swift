import XCTest
@testable import TextEncoding

final class TokenizerTests: XCTestCase {
    /// A tiny vocabulary whose ids are easy to read: [PAD]=0 … [SEP]=3, then the pieces.
    private func tinyTokenizer(maxLength: Int = 256, maxCharacters: Int = 100) throws -> WordPieceTokenizer {
        let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "aff", "##a",
                      "walk", "##ing", "!", ",", "a", "$", "e", "cafe", "一"]
        return WordPieceTokenizer(vocabulary: try Vocabulary(tokens: tokens), maxLength: maxLength,
                                  maxCharactersPerWord: maxCharacters)
    }

    func testGreedyLongestMatchWithContinuations() throws {
        let tokenizer = try tinyTokenizer()
        XCTAssertEqual(tokenizer.pieces("unaffable walking"), ["un", "##aff", "##able", "walk", "##ing"])
        // "affa" prefers the longest first piece "aff", then "##a".
        XCTAssertEqual(tokenizer.pieces("affa"), ["aff", "##a"])
    }

    func testWordThatCannotBeSplitBecomesOneUnknown() throws {
        let tokenizer = try tinyTokenizer()
        // "walkx": "walk" matches but "##x" does not, so the whole word is [UNK].
        XCTAssertEqual(tokenizer.pieces("walkx walk"), ["[UNK]", "walk"])
    }

    func testPunctuationAndAsciiSymbolsAreSplit() throws {
        let tokenizer = try tinyTokenizer()
        XCTAssertEqual(tokenizer.pieces("walk,walk!$a"), ["walk", ",", "walk", "!", "$", "a"])
    }

    func testLowerCaseAccentsAndCJK() throws {
        let tokenizer = try tinyTokenizer()
        XCTAssertEqual(tokenizer.pieces("CAFÉ"), ["cafe"])
        XCTAssertEqual(tokenizer.pieces("walk一walk"), ["walk", "一", "walk"])
    }

    func testLongWordLimitCountsCharacters() throws {
        let tokenizer = try tinyTokenizer(maxCharacters: 5)
        XCTAssertEqual(tokenizer.pieces("walking"), ["[UNK]"])  // 7 characters > 5
        XCTAssertEqual(tokenizer.pieces("walk"), ["walk"])
    }

    func testSpecialTokensAndTruncation() throws {
        let tokenizer = try tinyTokenizer(maxLength: 5)
        let short = tokenizer("walk a")
        XCTAssertEqual(short.ids, [2, 9, 13, 3])
        XCTAssertFalse(short.wasTruncated)
        let long = tokenizer("walk a walk a walk")
        XCTAssertEqual(long.ids, [2, 9, 13, 9, 3])
        XCTAssertEqual(long.untruncatedCount, 7)
        XCTAssertTrue(long.wasTruncated)
    }

    func testVocabularyWithoutSpecialTokensIsAClearError() {
        XCTAssertThrowsError(try Vocabulary(tokens: ["[PAD]", "a"], source: "my_vocab.txt")) { error in
            XCTAssertEqual(error as? TextEncodingError, .vocabularyMissingToken(file: "my_vocab.txt", token: "[UNK]"))
            XCTAssertTrue(error.localizedDescription.contains("my_vocab.txt"))
        }
    }

    /// Token ids identical to sentence-transformers on all fixture sentences (accents, emoji,
    /// CJK, control characters, punctuation, a word over 100 characters, a text over 256 tokens).
    func testTokenIDsMatchSentenceTransformers() throws {
        let tokenizer = WordPieceTokenizer(vocabulary: try Fixtures.vocabulary(), maxLength: 256)
        let sentences = try Fixtures.sentences()
        let expected = try Fixtures.tokenIDs()
        XCTAssertEqual(sentences.count, expected.count)
        XCTAssertGreaterThanOrEqual(sentences.count, 20)
        for (sentence, ids) in zip(sentences, expected) {
            XCTAssertEqual(tokenizer(sentence).ids, ids, "sentence: \(sentence.debugDescription)")
        }
        XCTAssertTrue(tokenizer(sentences.last!).wasTruncated)
        XCTAssertEqual(tokenizer(sentences.last!).ids.count, 256)
    }
}
