import Autograd
import Motion
import XCTest
@testable import ViMoGen

final class GenerationTests: XCTestCase {
    private let encoder = HashingTextEncoder()

    /// A reference whose joints move either smoothly or with a frame-to-frame zigzag.
    private struct ConstructedPrior: ReferenceProvider {
        var confidence: Float
        var zigzag: Float
        func reference(for prompt: String, seed: UInt64) throws -> ReferenceCandidate {
            let frames = 12
            var positions: [SIMD3<Float>] = []
            for t in 0..<frames {
                let offset = (t % 2 == 0 ? zigzag : -zigzag)
                for j in 0..<22 { positions.append(SIMD3(Float(j) * 0.05 + offset, Float(t) * 0.02, 0.5 + Float(j) * 0.03)) }
            }
            return ReferenceCandidate(frames: Fixtures.clip(2, frames: frames).frames,
                                      joints: JointSequence(fps: 20, jointCount: 22, positions: positions),
                                      matchConfidence: confidence)
        }
    }

    func testGateDecisions() throws {
        let gate = AdaptiveGate(alignment: PriorConfidenceCheck(threshold: 0.5))
        func decide(_ confidence: Float, _ zigzag: Float) throws -> Branch {
            try gate.choose(prompt: "wave", reference: ConstructedPrior(confidence: confidence, zigzag: zigzag).reference(for: "wave", seed: 0)).branch
        }
        XCTAssertEqual(try decide(0.9, 0), .motion)       // aligned and smooth
        XCTAssertEqual(try decide(0.2, 0), .text)         // not aligned
        XCTAssertEqual(try decide(0.9, 0.02), .text)      // aligned but jitter 4·0.02 = 0.08 ≥ 0.04
        XCTAssertEqual(try decide(0.9, 0.002), .motion)   // jitter 0.008 < 0.04
    }

    private func generator(prior: ConstructedPrior, steps: Int = 3, guidance: Float = 5) throws -> MotionGenerator {
        let model = try Fixtures.model()
        Fixtures.randomiseZeroInitialised(model)
        let stats = try FeatureStatistics(mean: [Float](repeating: 0, count: 276), std: [Float](repeating: 1, count: 276))
        return MotionGenerator(model: model, statistics: stats, textEncoder: encoder,
                               sampler: SamplerSettings(steps: steps, guidance: guidance), references: prior,
                               gate: AdaptiveGate(alignment: PriorConfidenceCheck()), frames: 12)
    }

    func testModesAndBatchIndependence() throws {
        let g = try generator(prior: ConstructedPrior(confidence: 0.9, zigzag: 0))
        let prompts = ["a person waves", "someone jumps"]
        let t2m = try g.generate(prompts, mode: .t2m, seed: 5)
        XCTAssertEqual(t2m.map(\.branch), [.text, .text])
        XCTAssertEqual(t2m[0].normalised.frameCount, 12)
        // Sample i depends only on its prompt and seed + i, not on the rest of the batch.
        let alone = try g.generate(["someone jumps"], mode: .t2m, seed: 6)
        XCTAssertEqual(zip(alone[0].normalised.values, t2m[1].normalised.values).map { abs($0 - $1) }.max()!, 0, accuracy: 1e-5)
        XCTAssertEqual(try g.generate(prompts, mode: .adaptive, seed: 5).map(\.branch), [.motion, .motion])
        let video = try g.generate(prompts, mode: .video, seed: 5)
        XCTAssertNil(video[0].branch)
        XCTAssertEqual(video[0].normalised, Fixtures.clip(2, frames: 12).frames)
        let jittery = try generator(prior: ConstructedPrior(confidence: 0.9, zigzag: 0.02))
        XCTAssertEqual(try jittery.generate(prompts, mode: .adaptive).map(\.branch), [.text, .text])
    }

    func testGuidanceActsOnTextOnly() throws {
        let prompts = ["a person waves"]
        let plain = try generator(prior: ConstructedPrior(confidence: 0.9, zigzag: 0), guidance: 1)
        let guided = try generator(prior: ConstructedPrior(confidence: 0.9, zigzag: 0), guidance: 5)
        let difference = zip(try plain.generate(prompts, mode: .t2m)[0].normalised.values,
                             try guided.generate(prompts, mode: .t2m)[0].normalised.values).map { abs($0 - $1) }.max()!
        XCTAssertGreaterThan(difference, 1e-3)
        XCTAssertEqual(try plain.generate(prompts, mode: .m2m)[0].normalised, try guided.generate(prompts, mode: .m2m)[0].normalised)
    }

    func testSingleBranchModelRefusesTheOtherMode() throws {
        let model = try Fixtures.model(Fixtures.configuration(branches: .textOnly))
        let stats = try FeatureStatistics(mean: [Float](repeating: 0, count: 276), std: [Float](repeating: 1, count: 276))
        let g = MotionGenerator(model: model, statistics: stats, textEncoder: encoder, frames: 12)
        XCTAssertThrowsError(try g.generate(["x"], mode: .m2m)) { error in
            XCTAssertTrue("\(error)".contains("m2m"), "\(error)")
        }
    }
}
