import XCTest
import Autograd
@testable import MBench

final class HumanML3DMetricsTests: XCTestCase {
    /// 64 well-separated text embeddings; motions sit near their text (`noise` away).
    static func embeddings(noise: Float, seed: UInt64) -> (texts: [[Float]], motions: [[Float]]) {
        var rng = RandomGenerator(seed: seed)
        let texts = (0..<64).map { _ in (0..<8).map { _ in rng.normal() } }
        let motions = texts.map { t in t.map { $0 + noise * rng.normal() } }
        return (texts, motions)
    }

    func testPerfectlyMatchedEmbeddingsScoreFullPrecision() throws {
        let (texts, motions) = Self.embeddings(noise: 0.01, seed: 1)
        var evaluation = HumanML3DEvaluation()
        evaluation.repetitions = 5
        let scores = try evaluation.evaluate(texts: texts, generated: motions, real: motions)
        XCTAssertEqual(scores.rPrecision.map(\.mean), [1, 1, 1])
        XCTAssertLessThan(scores.multimodalDistance.mean, 0.1)
        // FID of a bootstrap resample against the full set: small but not zero.
        XCTAssertLessThan(scores.fid.mean, 2)
        // Random 8-dim Gaussian pairs: mean distance about √(2·8) ≈ 4.
        XCTAssertEqual(scores.diversity.mean, 4, accuracy: 0.5)
        XCTAssertNil(scores.multimodality)
    }

    func testNoisierMotionsRankLower() throws {
        let (texts, close) = Self.embeddings(noise: 0.2, seed: 2)
        let (_, far) = Self.embeddings(noise: 2.0, seed: 2)
        var evaluation = HumanML3DEvaluation()
        evaluation.repetitions = 4
        let good = try evaluation.evaluate(texts: texts, generated: close, real: close)
        let bad = try evaluation.evaluate(texts: texts, generated: far, real: close)
        XCTAssertGreaterThan(good.rPrecision[0].mean, bad.rPrecision[0].mean + 0.3)
        XCTAssertLessThan(good.multimodalDistance.mean, bad.multimodalDistance.mean)
        XCTAssertLessThan(good.fid.mean, bad.fid.mean)
        // Top-k precision never falls as k grows.
        XCTAssertLessThanOrEqual(bad.rPrecision[0].mean, bad.rPrecision[1].mean)
        XCTAssertLessThanOrEqual(bad.rPrecision[1].mean, bad.rPrecision[2].mean)
    }

    func testMultimodalityIsTheSpreadOfOneTextsGenerations() throws {
        let (texts, motions) = Self.embeddings(noise: 0.1, seed: 3)
        // Ten generations of each of 4 texts, spread by exactly ±0.5 on one axis: pair distances 0 or 1.
        let sets = (0..<4).map { t in (0..<10).map { g in motions[t].enumerated().map { $0.offset == 0 ? $0.element + (g % 2 == 0 ? 0.5 : -0.5) : $0.element } } }
        var evaluation = HumanML3DEvaluation()
        evaluation.repetitions = 20
        let scores = try evaluation.evaluate(texts: texts, generated: motions, real: motions, generationsPerText: sets)
        let multimodality = try XCTUnwrap(scores.multimodality)
        // P(distinct parity) for a pair without repetition = 5·5·2 / (10·9) = 5/9.
        XCTAssertEqual(multimodality.mean, 5.0 / 9, accuracy: 0.06)
        XCTAssertGreaterThan(multimodality.halfWidth, 0)
    }

    func testIntervalIsMeanAndHalfWidth() {
        let interval = Interval([1, 2, 3, 4])
        XCTAssertEqual(interval.mean, 2.5)
        XCTAssertEqual(interval.halfWidth, 1.96 * (1.25).squareRoot() / 2, accuracy: 1e-12)
    }

    func testTooFewMotionsForAGroupIsAnError() {
        let (texts, motions) = Self.embeddings(noise: 0.1, seed: 4)
        XCTAssertThrowsError(try HumanML3DEvaluation().evaluate(texts: Array(texts.prefix(10)), generated: Array(motions.prefix(10)), real: motions))
    }
}
