import XCTest
@testable import TextEncoding

/// Parity with sentence-transformers' all-MiniLM-L6-v2 (fixtures from
/// scripts/fixtures/minilm_reference.py). Skipped when the model package is not installed.
final class MiniLMParityTests: XCTestCase {
    func testSentenceVectorsMatchSentenceTransformers() throws {
        let model = try Fixtures.miniLM()
        let sentences = try Fixtures.sentences()
        let reference = try Fixtures.floats("minilm_sentence_vectors.npy")
        XCTAssertEqual(reference.shape, [sentences.count, 384])
        // All sentences in one call: mixed lengths exercise padding and length batching.
        let encoded = model.encode(sentences, output: .tokens, warnings: .ignore)
        var minCosine: Float = 1
        for (row, text) in encoded.enumerated() {
            let expected = reference.values[(row * 384)..<((row + 1) * 384)]
            let cosine = zip(text.pooled, expected).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            minCosine = min(minCosine, cosine)
            XCTAssertGreaterThanOrEqual(cosine, 0.99999, "sentence \(row): \(sentences[row].prefix(40).debugDescription)")
            let norm = text.pooled.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            XCTAssertEqual(norm, 1, accuracy: 1e-5)
        }
        print("MiniLM parity: min cosine of sentence vectors \(minCosine) over \(sentences.count) sentences")
    }

    func testTokenFeaturesMatchSentenceTransformers() throws {
        let model = try Fixtures.miniLM()
        let sentences = try Fixtures.sentences()
        let indices = try Fixtures.floats("minilm_token_feature_indices.npy")  // int32, read as floats
        let reference = try Fixtures.floats("minilm_token_features.npy")
        let width = reference.shape[1] * 384
        var maxDifference: Float = 0
        for (row, index) in indices.values.map({ Int($0) }).enumerated() {
            let encoded = model.encode([sentences[index]], warnings: .ignore)[0]
            XCTAssertEqual(encoded.featureSize, 384)
            let expected = reference.values[(row * width)..<(row * width + encoded.features.count)]
            for (ours, theirs) in zip(encoded.features, expected) {
                maxDifference = max(maxDifference, abs(ours - theirs))
            }
            // Past the sentence's length the reference holds only zero padding.
            XCTAssertTrue(reference.values[(row * width + encoded.features.count)..<((row + 1) * width)].allSatisfy { $0 == 0 })
        }
        XCTAssertLessThanOrEqual(maxDifference, 1e-4)
        print("MiniLM parity: max abs difference of token features \(maxDifference)")
    }

    func testBatchingDoesNotChangeResults() throws {
        let model = try Fixtures.miniLM()
        let texts = ["a person walks", "someone jumps over a box and then runs away quickly to the left", ""]
        let together = model.encode(texts, warnings: .ignore)
        // A small token budget forces one text per batch.
        var reported: [Int] = []
        let alone = model.encode(texts, warnings: .ignore, tokenBudget: 1) { done, total in
            XCTAssertEqual(total, 3)
            reported.append(done)
        }
        XCTAssertEqual(reported, [1, 2, 3])
        for (a, b) in zip(together, alone) {
            XCTAssertEqual(a.tokenIDs, b.tokenIDs)
            let difference = zip(a.features, b.features).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(difference, 1e-5)
        }
    }

    func testPooledEncoderGivesOneTokenEqualToTheSentenceVector() throws {
        let model = try Fixtures.miniLM()
        let pooled = MiniLMEncoder(model: model, output: .pooled, warnings: .ignore).encode("a man waves his hand")
        let tokens = MiniLMEncoder(model: model, output: .tokens, warnings: .ignore).encode("a man waves his hand")
        XCTAssertEqual(pooled.tokenCount, 1)
        XCTAssertEqual(MiniLMEncoder(model: model, output: .pooled).name, "minilm-pooled")
        XCTAssertEqual(pooled.features, pooled.pooled)
        XCTAssertEqual(pooled.pooled, tokens.pooled)
        XCTAssertEqual(tokens.tokenCount, 7)  // [CLS] a man waves his hand [SEP]
        XCTAssertEqual(tokens.features.count, 7 * 384)
    }

    func testTruncationIsReportedOnce() throws {
        let model = try Fixtures.miniLM()
        let messages = MessageLog()
        let encoder = MiniLMEncoder(model: model, output: .tokens, warnings: TextEncodingWarnings { messages.append($0) })
        let long = String(repeating: "walk ", count: 300)
        let encoded = encoder.encode(["short text", long])
        XCTAssertEqual(encoded[1].tokenCount, 256)
        XCTAssertTrue(encoded[1].wasTruncated)
        XCTAssertFalse(encoded[0].wasTruncated)
        XCTAssertEqual(messages.all.count, 1)
        XCTAssertTrue(messages.all[0].contains("truncated from 302 to 256 tokens"), messages.all[0])
    }
}

/// Collects warning messages from a `@Sendable` handler.
final class MessageLog: @unchecked Sendable {
    private var messages: [String] = []
    private let lock = NSLock()
    func append(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}
