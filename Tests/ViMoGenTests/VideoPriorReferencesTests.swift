import Motion
import MotionWorld
import XCTest
@testable import ViMoGen

final class VideoPriorReferencesTests: XCTestCase {
    /// Bag-of-words vectors over hashed words: enough for the prior to match "waves" to waving.
    private struct WordHashEmbedder: PhraseEmbedder {
        let name = "word-hash"
        func embed(_ texts: [String]) throws -> [[Float]] {
            texts.map { text in
                var v = [Float](repeating: 0, count: 64)
                for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
                    var h: UInt64 = 1469598103934665603
                    for b in word.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
                    v[Int(h % 64)] += 1
                }
                let norm = max(v.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-6)
                return v.map { $0 / norm }
            }
        }
    }

    /// The gate's jitter rule (< 0.04) on the prior's references: the raw recovered motion
    /// shakes more than the paper's video motion does, one smoothing pass brings most under it.
    func testSmoothedReferencesPassTheJitterRule() throws {
        let prior = try VideoPrior(embedder: WordHashEmbedder())
        let stats = try FeatureStatistics(mean: [Float](repeating: 0, count: 276), std: [Float](repeating: 1, count: 276))
        let prompts = ["walk", "wave", "sit down", "clap", "nod", "squat", "bow", "stretch"]
        func passing(_ passes: Int) throws -> Int {
            let provider = VideoPriorReferences(prior: prior, statistics: stats, frames: 60, smoothingPasses: passes)
            return try prompts.enumerated().filter {
                try QualityMetrics.jitterDegree(try provider.reference(for: $0.element, seed: UInt64($0.offset)).joints) < AdaptiveGate.maximumJitter
            }.count
        }
        let raw = try passing(0), smoothed = try passing(1)
        XCTAssertLessThanOrEqual(raw, 2)
        XCTAssertGreaterThanOrEqual(smoothed, 6)
    }

    func testPriorMotionBecomesANormalisedReference() throws {
        let prior = try VideoPrior(embedder: WordHashEmbedder())
        let stats = try FeatureStatistics(mean: [Float](repeating: 0, count: 276), std: [Float](repeating: 1, count: 276))
        let provider = VideoPriorReferences(prior: prior, statistics: stats, frames: 40)
        let reference = try provider.reference(for: "a person waves", seed: 3)
        XCTAssertEqual(reference.frames.frameCount, 40)
        XCTAssertEqual(reference.joints.frameCount, 40)
        XCTAssertTrue(reference.frames.values.allSatisfy(\.isFinite))
        XCTAssertGreaterThan(reference.matchConfidence, 0)
        XCTAssertLessThanOrEqual(reference.matchConfidence, 1.0001)
        // Canonical frame: the first pose's pelvis sits at x = y = 0.
        XCTAssertEqual(reference.joints[frame: 0, joint: 0].x, 0, accuracy: 1e-4)
        XCTAssertEqual(reference.joints[frame: 0, joint: 0].y, 0, accuracy: 1e-4)
        // Same prompt and seed, same reference.
        XCTAssertEqual(try provider.reference(for: "a person waves", seed: 3).frames, reference.frames)
        // The visual-MoCap smoothing pass takes most of the prior's shake out.
        let raw = try VideoPriorReferences(prior: prior, statistics: stats, frames: 40, smoothingPasses: 0).reference(for: "a person waves", seed: 3)
        XCTAssertLessThan(try QualityMetrics.jitterDegree(reference.joints), 0.6 * (try QualityMetrics.jitterDegree(raw.joints)))
    }
}
