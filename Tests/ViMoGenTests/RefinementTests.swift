import Autograd
import Motion
import XCTest
@testable import ViMoGen

/// M2M refinement at smoke size: a tiny model trained (M2M only) on procedural clips turns a
/// copy of one with visual-MoCap artifacts into motion with less jitter and foot sliding than
/// the reference it was given (ARCHITECTURE §5; the "M2M improves the video prior").
final class RefinementTests: XCTestCase {
    func testM2MRefinementLowersJitterAndSliding() throws {
        let curated = try ProceduralActions.curated(takesPerAction: 1, seed: 1)
        let stats = try FeatureStatistics(fitting: curated.map(\.features))
        let data = InMemoryDataset(curated: curated, statistics: stats, style: .motion)
        var settings = Fixtures.settings(steps: 60, batch: 4, learningRate: 3e-3)
        settings.textProbabilityCore = 0
        settings.textProbabilityOther = 0
        let configuration = ViMoGenConfiguration(width: 32, depth: 1, heads: 2, referenceEncoderDepth: 1, ffnMultiplier: 2,
                                                 text: .features(width: 8), branches: .motionOnly)
        let trainer = try Trainer(model: try Fixtures.model(configuration), dataset: data, textEncoder: HashingTextEncoder(), settings: settings)
        try trainer.run()

        var rng = RandomGenerator(seed: 5)
        var references: [String: ReferenceCandidate] = [:]
        for clip in curated.prefix(4) {
            let smpl = try FrameEncoding.decode(clip.features, appendFinalPose: true).smpl
            let shaky = try FrameEncoding.encode(CaptureArtifacts(amplitudeDamping: 0.2, jitter: 0.02, footSliding: 0.03).apply(to: smpl, using: &rng))
            references[clip.captions.motion] = ReferenceCandidate(frames: stats.normalize(shaky), joints: try FrameEncoding.decode(shaky).joints,
                                                                  matchConfidence: 1)
        }
        let prompts = references.keys.sorted()
        let generator = MotionGenerator(model: try trainer.emaModel(), statistics: stats, textEncoder: HashingTextEncoder(),
                                        sampler: SamplerSettings(steps: 8), references: MeasurementTests.FixedPrior(references: references))
        let before = try MeasurementSupport.meanScores(try generator.generate(prompts, mode: .video, seed: 1).map { try $0.joints() })
        let after = try MeasurementSupport.meanScores(try generator.generate(prompts, mode: .m2m, seed: 1).map { try $0.joints() })
        XCTAssertLessThan(after.jitter, 0.5 * before.jitter, "jitter \(before.jitter) → \(after.jitter)")
        XCTAssertLessThan(after.sliding, 0.5 * before.sliding, "sliding \(before.sliding) → \(after.sliding)")
    }
}
