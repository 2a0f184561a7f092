import XCTest
@testable import TextEncoding

final class EncoderTests: XCTestCase {
    func testBagOfWordsGivesIdsOnly() throws {
        let tokenizer = WordPieceTokenizer(vocabulary: try Fixtures.vocabulary())
        let encoder = BagOfWordsEncoder(tokenizer: tokenizer, warnings: .ignore)
        let encoded = encoder.encode(["a person walks forward", ""])
        XCTAssertEqual(encoded[0].tokenIDs, [101, 1037, 2711, 7365, 2830, 102])
        XCTAssertEqual(encoded[0].tokenCount, 6)
        XCTAssertEqual(encoded[0].featureSize, 0)
        XCTAssertTrue(encoded[0].features.isEmpty && encoded[0].pooled.isEmpty)
        XCTAssertEqual(encoded[1].tokenIDs, [101, 102])
        XCTAssertEqual(encoder.vocabularySize, 30_522)
        XCTAssertEqual(encoder.name, "bow")
    }

    func testEncoderNames() throws {
        XCTAssertEqual(try TextEncoderKind(name: "minilm-tokens"), .miniLMTokens)
        XCTAssertEqual(try TextEncoderKind(name: "bow"), .bagOfWords)
        XCTAssertThrowsError(try TextEncoderKind(name: "t5")) { error in
            XCTAssertTrue(error.localizedDescription.contains("minilm-pooled"), error.localizedDescription)
        }
    }

    func testAwkwardTextsEncodeWithoutCrashing() throws {
        let model = try Fixtures.miniLM()
        let texts = ["", "\u{0}\u{1}\u{7F}", "😀🔄💃", String(repeating: "jump ", count: 600), "   "]
        let encoded = model.encode(texts, warnings: .ignore)
        // Emoji with no space between them form one word, hence one [UNK].
        XCTAssertEqual(encoded.map(\.tokenCount), [2, 2, 3, 256, 2])
        for text in encoded {
            XCTAssertTrue(text.features.allSatisfy(\.isFinite))
            XCTAssertEqual(text.pooled.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-5)
        }
        // Blank texts all give the empty-string encoding (the null context of CFG).
        XCTAssertEqual(encoded[0].features, encoded[1].features)
        XCTAssertEqual(encoded[0].features, encoded[4].features)
    }

    func testOutOfVocabularyIDsAreRejected() throws {
        let model = try Fixtures.miniLM()
        XCTAssertThrowsError(try model(tokenIDs: [[101, 40_000, 102]])) { error in
            XCTAssertEqual(error as? TextEncodingError, .tokenOutOfRange(id: 40_000, vocabularySize: 30_522))
        }
        XCTAssertThrowsError(try model(tokenIDs: [[Int32](repeating: 1037, count: 600)])) { error in
            XCTAssertEqual(error as? TextEncodingError, .sequenceTooLong(length: 600, limit: 512))
        }
        let hidden = try model(tokenIDs: [[101, 1037, 102], [101, 102]])
        XCTAssertEqual(hidden.shape, [2, 3, 384])
    }
}

final class TextBatchTests: XCTestCase {
    func testPaddingMaskAndIDs() {
        let a = EncodedText(tokenIDs: [101, 7, 102], tokenCount: 3, featureSize: 2,
                            features: [1, 2, 3, 4, 5, 6], pooled: [0.6, 0.8], wasTruncated: false)
        let b = EncodedText(tokenIDs: [101, 102], tokenCount: 2, featureSize: 2,
                            features: [7, 8, 9, 10], pooled: [1, 0], wasTruncated: false)
        let batch = TextBatch([a, b], length: 4)
        XCTAssertEqual(batch.features.shape, [2, 4, 2])
        XCTAssertEqual(batch.features.scalars, [1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9, 10, 0, 0, 0, 0])
        XCTAssertEqual(batch.mask.scalars, [1, 1, 1, 0, 1, 1, 0, 0])
        XCTAssertEqual(batch.tokenIDs, [101, 7, 102, 0, 101, 102, 0, 0])
        XCTAssertEqual(batch.pooled.scalars, [0.6, 0.8, 1, 0])
        XCTAssertEqual(batch.lengths, [3, 2])
    }

    func testBagOfWordsBatchHasIdsAndNoFeatures() throws {
        let encoder = BagOfWordsEncoder(tokenizer: WordPieceTokenizer(vocabulary: try Fixtures.vocabulary()),
                                        warnings: .ignore)
        let batch = TextBatch(encoder.encode(["a person walks", ""]))
        XCTAssertEqual(batch.features.shape, [2, 5, 0])
        XCTAssertEqual(batch.tokenIDs, [101, 1037, 2711, 7365, 102, 101, 102, 0, 0, 0])
        XCTAssertEqual(batch.mask.scalars, [1, 1, 1, 1, 1, 1, 1, 0, 0, 0])
    }
}
