import Foundation
import TextEncoding
import XCTest
@testable import Lab

/// A deterministic stand-in encoder for the cache tests (MiniLM's own numbers are tested in
/// TextEncodingTests): two tokens per text, features from the text's length; counts its calls.
final class CountingEncoder: TextEncoder, @unchecked Sendable {
    let name = "minilm-tokens"
    let featureSize = 3
    let vocabularySize = 10
    let maxTokenCount = 2
    var encodedTexts: [String] = []

    func encode(_ texts: [String]) -> [EncodedText] {
        encodedTexts += texts
        return texts.map { text in
            let n = Float(text.count)
            return EncodedText(tokenIDs: [1, 2], tokenCount: 2, featureSize: 3, features: [n, 0, 1, n, 1, 0], pooled: [n, 0.5, 0.5],
                               wasTruncated: false)
        }
    }
}

final class EncodeStepTests: XCTestCase {
    func testFeaturesAreCachedPerCaptionSetAndReusedPerCaption() throws {
        let cache = StepCache(root: try makeTemporaryFolder(self))
        let encoder = CountingEncoder()
        let first = EncodeStep(encoder: .miniLMTokens, captions: ["a walk", "a jump", "a walk", ""])
        XCTAssertEqual(first.captions, ["a jump", "a walk"], "unique, sorted, empty dropped")
        let recorder = MetricRecorder()
        let made = try first.run(cache: cache, reporting: StepReporting(metrics: recorder), makeEncoder: { encoder })
        XCTAssertFalse(made.wasCached)
        XCTAssertEqual(made.computed, 2)
        XCTAssertEqual(Array(made.features!.features(of: "a walk")!.pooled), [6, 0.5, 0.5])
        XCTAssertEqual(made.features!.features(of: "a jump")!.tokenCount, 2)

        // Same captions: the entry is reused, nothing is encoded.
        let again = try EncodeStep(encoder: .miniLMTokens, captions: ["a jump", "a walk"]).run(cache: cache, makeEncoder: { encoder })
        XCTAssertTrue(again.wasCached)
        XCTAssertEqual(encoder.encodedTexts, ["a jump", "a walk"])

        // A new caption set: only the new caption goes through the encoder.
        let more = try EncodeStep(encoder: .miniLMTokens, captions: ["a walk", "a spin"]).run(cache: cache, reporting: StepReporting(metrics: recorder),
                                                                                             makeEncoder: { encoder })
        XCTAssertFalse(more.wasCached)
        XCTAssertEqual(more.computed, 1)
        XCTAssertEqual(encoder.encodedTexts, ["a jump", "a walk", "a spin"])
        XCTAssertEqual(recorder.values(of: "reused"), [0, 1])
        XCTAssertEqual(Array(more.features!.features(of: "a walk")!.tokens), [6, 0, 1, 6, 1, 0])
    }

    func testCachedEncoderAnswersFromTheEntryAndSendsOnlyNewTextsToTheModel() throws {
        let cache = StepCache(root: try makeTemporaryFolder(self))
        let builder = CountingEncoder()
        let features = try XCTUnwrap(EncodeStep(encoder: .miniLMTokens, captions: ["a walk", "a jump"]).run(cache: cache, makeEncoder: { builder }).features)
        let model = CountingEncoder()
        let encoder = CachedTextEncoder(cached: features, fallback: model)
        let out = encoder.encode(["a jump", "", "a spin!"])
        XCTAssertEqual(model.encodedTexts, ["", "a spin!"])
        XCTAssertEqual(encoder.fallbackTexts, 2)
        XCTAssertEqual(out.map { $0.pooled[0] }, [6, 0, 7])
        XCTAssertEqual(out[0].features, [6, 0, 1, 6, 1, 0])
    }

    func testBagOfWordsNeedsNoEntry() throws {
        let cache = StepCache(root: try makeTemporaryFolder(self))
        let result = try EncodeStep(encoder: .bagOfWords, captions: ["a walk"]).run(cache: cache)
        XCTAssertNil(result.features)
        XCTAssertEqual(try cache.entries().count, 0)
    }
}
