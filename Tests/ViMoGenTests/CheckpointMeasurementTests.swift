import Autograd
import Foundation
import Motion
import MotionWorld
import TextEncoding
import XCTest
@testable import ViMoGen

/// Quality of a trained checkpoint (e.g. the `train` step's entry of
/// `Experiments/vimogen/consistency.rx`) against clean World data: Jitter Degree and Foot
/// Sliding of T2M motions under each post-processing choice, the reference jitter the gate
/// sees, and M2M refinement of the video prior. Runs only with
/// `MOGENLAB_MEASURE_CHECKPOINT=/path/checkpoint.safetensors` (needs MiniLM; `MEASURE_TAKES`
/// core takes for the data figures, default 300).
final class CheckpointMeasurementTests: XCTestCase {
    func testPostProcessingGateAndRefinement() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment["MOGENLAB_MEASURE_CHECKPOINT"] else { throw XCTSkip("set MOGENLAB_MEASURE_CHECKPOINT") }
        ComputeThreads.set(2)
        let (model, header) = try ViMoGenCheckpoint.loadModel(from: URL(fileURLWithPath: path))
        let stats = try XCTUnwrap(header.statistics)
        let encoder = MiniLMEncoder(model: try MiniLM.pretrained(), output: .tokens, warnings: .ignore)

        let takes = Int(environment["MEASURE_TAKES"] ?? "300")!
        let world = World(seed: 0, size: WorldSize(core: takes, extended: 0, wild: 0, synthetic: 0))
        let curated = try Curator()(try world.takes(world.range(of: .core))).clips
        let data = (curated.map(\.quality.jitterDegree).reduce(0, +) / Double(curated.count),
                    curated.map(\.quality.footSliding).reduce(0, +) / Double(curated.count))
        print(String(format: "MEASURE data clips %d jitter %.5f sliding %.5f", curated.count, data.0, data.1))

        let prompts = Lexicon.standard.actions.filter { $0.tier == .core }.map(\.label)
        func report(_ label: String, _ features: [FeatureFrames]) throws {
            let s = try MeasurementSupport.meanScores(features.map { try FrameEncoding.decode($0).joints })
            print(String(format: "MEASURE %@ jitter %.5f (%.2f×) sliding %.5f (%.2f×)", label, s.jitter, s.jitter / data.0,
                         s.sliding, s.sliding / data.1))
        }
        let cleanup = FootContactCleanup()
        let legIK = FootContactCleanup(legReach: FootSkateCleanup())
        let grid = (environment["MEASURE_CLEANUP_GRID"] ?? "").split(separator: ";").compactMap { pair -> FootContactCleanup? in
            let v = pair.split(separator: ",").compactMap { Float($0) }
            return v.count == 4 ? FootContactCleanup(height: v[0], speed: v[1], pinFeet: v[2] != 0, maximumPin: v[3]) : nil
        }
        for steps in environment["MEASURE_ONLY_CLEANUP"] == nil ? [25, 50] : [25] {
            let raw = MotionGenerator(model: model, statistics: stats, textEncoder: encoder,
                                      sampler: SamplerSettings(steps: steps, guidance: 5, smoothing: false, footContact: nil))
            let out = try raw.generate(prompts, mode: .t2m, seed: 11)
            let normalised = out.map(\.normalised)
            let smoothed = normalised.map { f in
                FeatureFrames(fps: f.fps, values: TemporalSmoothing.gaussian(Tensor(f.values, shape: [1, f.frameCount, f.values.count / f.frameCount])).scalars)
            }
            try report("t2m steps \(steps) raw", normalised.map(stats.denormalize))
            try report("t2m steps \(steps) smoothed", smoothed.map(stats.denormalize))
            try report("t2m steps \(steps) cleanup", try normalised.map { try cleanup.apply(stats.denormalize($0)) })
            try report("t2m steps \(steps) smoothed+leg-IK cleanup", try smoothed.map { try legIK.apply(stats.denormalize($0)) })
            try report("t2m steps \(steps) smoothed+cleanup", try smoothed.map { try cleanup.apply(stats.denormalize($0)) })
            // FK + leg-IK variants: MEASURE_SKATE_GRID="touch,contactHeight,contactSpeed,release,maxRootShift,blend,stepHeight;…"
            let variants = [FootSkateCleanup(standingQuantile: nil), FootSkateCleanup(groundHeight: nil),
                            FootSkateCleanup(stepHeight: 0), FootSkateCleanup(touchHeight: -1, contactHeight: -1, releaseHeight: -1)]
            let skates = variants + (environment["MEASURE_SKATE_GRID"] ?? "").split(separator: ";").compactMap { item -> FootSkateCleanup? in
                let v = item.split(separator: ",").compactMap { Float($0) }
                return v.count == 7 ? FootSkateCleanup(touchHeight: v[0], contactHeight: v[1], contactSpeed: v[2], releaseHeight: v[3],
                                                       maximumRootShift: v[4], blendFrames: Int(v[5]), stepHeight: v[6]) : nil
            }
            if environment["MEASURE_PER_PROMPT"] != nil {
                for (prompt, f) in zip(prompts, smoothed) {
                    let before = try FrameEncoding.decode(stats.denormalize(f)).joints
                    let after = try FrameEncoding.decode(try FootSkateCleanup().apply(stats.denormalize(f))).joints
                    let feet = [SMPLJoint.leftFoot.rawValue, SMPLJoint.rightFoot.rawValue]
                    let low = (0..<after.frameCount).map { t in feet.map { after[frame: t, joint: $0].z } }
                    print(String(format: "PROMPT %@ sliding %.4f -> %.4f  foot z min %.3f mean %.3f", prompt,
                                 try QualityMetrics.footSliding(before), try QualityMetrics.footSliding(after),
                                 low.joined().min()!, low.joined().reduce(0, +) / Float(low.count * 2)))
                }
            }
            for skate in skates {
                try report("t2m steps \(steps) smoothed+legIK(\(skate.touchHeight),\(skate.contactHeight),\(skate.contactSpeed),\(skate.releaseHeight),\(skate.maximumRootShift),\(skate.blendFrames),\(skate.stepHeight)) ground \(skate.groundHeight.map { "\($0)" } ?? "off") standing \(skate.standingQuantile.map { "\($0)" } ?? "off")",
                           try smoothed.map { try skate.apply(stats.denormalize($0)) })
            }
            for variant in grid {
                try report("t2m steps \(steps) smoothed+cleanup(height \(variant.height), speed \(variant.speed), pin \(variant.pinFeet) max \(variant.maximumPin))",
                           try smoothed.map { try variant.apply(stats.denormalize($0)) })
            }
        }
        if environment["MEASURE_ONLY_CLEANUP"] != nil { return }

        let embedder = try XCTUnwrap(MiniLMPhraseEmbedder.installed())
        let prior = try VideoPrior(embedder: embedder)
        for passes in [0, 1, 2] {
            let references = VideoPriorReferences(prior: prior, statistics: stats, smoothingPasses: passes)
            let candidates = try prompts.enumerated().map { try references.reference(for: $1, seed: 100 + UInt64($0)) }
            let jitters = try candidates.map { try QualityMetrics.jitterDegree($0.joints) }
            let sliding = try candidates.map { try QualityMetrics.footSliding($0.joints) }
            let confident = candidates.filter { $0.matchConfidence >= 0.5 }.count
            let passing = zip(candidates, jitters).filter { $0.0.matchConfidence >= 0.5 && $0.1 < AdaptiveGate.maximumJitter }.count
            print(String(format: "MEASURE references passes %d jitter mean %.4f min %.4f max %.4f sliding %.4f; confident %d, gate→m2m %d of %d",
                         passes, jitters.reduce(0, +) / Double(jitters.count), jitters.min()!, jitters.max()!,
                         sliding.reduce(0, +) / Double(sliding.count), confident, passing, prompts.count))
            let generator = MotionGenerator(model: model, statistics: stats, textEncoder: encoder, sampler: SamplerSettings(steps: 25),
                                            references: references, gate: AdaptiveGate(alignment: PriorConfidenceCheck()))
            let seeds = prompts.indices.map { 100 + UInt64($0) }
            try report("video passes \(passes)", try generator.generate(prompts, mode: .video, seeds: seeds).map(\.features))
            try report("m2m passes \(passes)", try generator.generate(prompts, mode: .m2m, seeds: seeds).map(\.features))
            var bare = generator.sampler; bare.footContact = nil
            let plain = MotionGenerator(model: model, statistics: stats, textEncoder: encoder, sampler: bare, references: references)
            try report("m2m no-cleanup passes \(passes)", try plain.generate(prompts, mode: .m2m, seeds: seeds).map(\.features))
        }
    }
}
