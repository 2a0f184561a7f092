import Autograd
import Foundation
@testable import Motion
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

        if environment["MEASURE_SOURCES"] != nil {
            // The training data's own quality per source (what an all-sources model learns from).
            let mixed = World(seed: 0, size: WorldSize(core: takes, extended: takes, wild: takes, synthetic: takes))
            for source in [WorldSource.core, .extended, .wild, .synthetic] {
                let clips = try Curator()(try mixed.takes(mixed.range(of: source))).clips
                print(String(format: "MEASURE source %@ clips %d jitter %.5f sliding %.5f", "\(source)", clips.count,
                             clips.map(\.quality.jitterDegree).reduce(0, +) / Double(clips.count),
                             clips.map(\.quality.footSliding).reduce(0, +) / Double(clips.count)))
            }
        }
        let prompts = Lexicon.standard.actions.filter { $0.tier == .core }.map(\.label)
        func report(_ label: String, _ features: [FeatureFrames]) throws {
            let s = try MeasurementSupport.meanScores(features.map { try FrameEncoding.decode($0).joints })
            print(String(format: "MEASURE %@ jitter %.5f (%.2f×) sliding %.5f (%.2f×)", label, s.jitter, s.jitter / data.0,
                         s.sliding, s.sliding / data.1))
        }
        let fusion = ChannelFusion(), cleanup = FootContactCleanup()
        let sessionTwo = FootContactCleanup(height: 0.06, speed: 0.03, groundQuantile: nil)   // the default before channel fusion
        let legIK = FootContactCleanup(legReach: FootSkateCleanup())
        // MEASURE_CLEANUP_GRID="height,speed,pin(0/1),maximumPin;…" (after fusion), MEASURE_FUSION="w,…"
        let grid = (environment["MEASURE_CLEANUP_GRID"] ?? "").split(separator: ";").compactMap { pair -> FootContactCleanup? in
            let v = pair.split(separator: ",").compactMap { Float($0) }
            return v.count == 4 ? FootContactCleanup(height: v[0], speed: v[1], pinFeet: v[2] != 0, maximumPin: v[3]) : nil
        }
        let weights = (environment["MEASURE_FUSION"] ?? "").split(separator: ",").compactMap { Float($0) }
        for steps in environment["MEASURE_ONLY_CLEANUP"] == nil ? [25, 50] : [25] {
            let raw = MotionGenerator(model: model, statistics: stats, textEncoder: encoder,
                                      sampler: SamplerSettings(steps: steps, guidance: 5, smoothing: false, channelFusion: nil, footContact: nil))
            let out = try raw.generate(prompts, mode: .t2m, seed: UInt64(environment["MEASURE_SEED"] ?? "11")!)
            let normalised = out.map(\.normalised)
            let smoothed = normalised.map { f in
                FeatureFrames(fps: f.fps, values: TemporalSmoothing.gaussian(Tensor(f.values, shape: [1, f.frameCount, f.values.count / f.frameCount])).scalars)
            }
            func post(_ frames: [FeatureFrames], _ steps: [(FeatureFrames) throws -> FeatureFrames]) throws -> [FeatureFrames] {
                try frames.map { f in try steps.reduce(stats.denormalize(f)) { try $1($0) } }
            }
            try report("t2m steps \(steps) raw", try post(normalised, []))
            try report("t2m steps \(steps) smoothed", try post(smoothed, []))
            try report("t2m steps \(steps) smoothed+session-2 cleanup (6 cm, 3 cm/frame, no grounding)", try post(smoothed, [sessionTwo.apply]))
            try report("t2m steps \(steps) smoothed+cleanup", try post(smoothed, [cleanup.apply]))
            try report("t2m steps \(steps) smoothed+fusion", try post(smoothed, [fusion.apply]))
            try report("t2m steps \(steps) smoothed+fusion+session-2 cleanup", try post(smoothed, [fusion.apply, sessionTwo.apply]))
            try report("t2m steps \(steps) smoothed+fusion+cleanup ungrounded", try post(smoothed, [fusion.apply, FootContactCleanup(groundQuantile: nil).apply]))
            try report("t2m steps \(steps) fusion+cleanup (no smoothing)", try post(normalised, [fusion.apply, cleanup.apply]))
            try report("t2m steps \(steps) smoothed+fusion+cleanup (the default)", try post(smoothed, [fusion.apply, cleanup.apply]))
            // How far the default foot cleanup moves things (after fusion): the whole body (shift and
            // grounding) and each foot relative to the pelvis (the pin).
            var shifted: [Float] = [], pinned: [Float] = [], grounding: [Float] = []
            for f in smoothed {
                let fused = try fusion.apply(stats.denormalize(f))
                let before = try FrameEncoding.decode(fused).joints, after = try FrameEncoding.decode(try cleanup.apply(fused)).joints
                grounding.append(abs(after[frame: 0, joint: 0].z - before[frame: 0, joint: 0].z))
                for t in 0..<before.frameCount {
                    let body = after[frame: t, joint: 0] - before[frame: t, joint: 0]
                    shifted.append((body.x * body.x + body.y * body.y).squareRoot())
                    for foot in FootContactCleanup.feet { pinned.append(length(after[frame: t, joint: foot] - before[frame: t, joint: foot] - body)) }
                }
            }
            func summary(_ x: [Float]) -> String {
                let s = x.sorted()
                return String(format: "mean %.1f cm, p95 %.1f cm, max %.1f cm", 100 * s.reduce(0, +) / Float(s.count), 100 * s[s.count * 95 / 100], 100 * s.last!)
            }
            print("MEASURE default cleanup moves: the body horizontally \(summary(shifted)); feet relative to the pelvis \(summary(pinned)); grounding \(summary(grounding))")
            try report("t2m steps \(steps) smoothed+fusion+leg-IK cleanup", try post(smoothed, [fusion.apply, legIK.apply]))
            try report("t2m steps \(steps) smoothed+leg-IK cleanup", try post(smoothed, [legIK.apply]))
            for w in weights {
                let variant = ChannelFusion(positionWeight: w)
                try report("t2m steps \(steps) smoothed+fusion \(w)+cleanup", try post(smoothed, [variant.apply, cleanup.apply]))
            }
            for v in grid {
                try report("t2m steps \(steps) smoothed+fusion+cleanup(height \(v.height), speed \(v.speed), pin \(v.pinFeet) max \(v.maximumPin))",
                           try post(smoothed, [fusion.apply, v.apply]))
            }
            if environment["MEASURE_CONTACTS"] != nil {
                // Where Foot Sliding comes from: per prompt, the metric's contact frames (speed under
                // 1 cm/frame, or height under 2 cm) by horizontal speed, and the foot heights.
                for (prompt, f) in zip(prompts, smoothed) {
                    for (label, joints) in [("predicted", try FrameEncoding.decode(stats.denormalize(f)).joints),
                                            ("default", try FrameEncoding.decode(try post([f], [fusion.apply, cleanup.apply])[0]).joints)] {
                        var count = [Int](repeating: 0, count: 3), sum = [Double](repeating: 0, count: 3), heights: [Float] = []
                        let kinematics = FootKinematics(joints)
                        for i in kinematics.contact.indices {
                            heights.append(kinematics.position[i].z)
                            guard kinematics.contact[i] else { continue }
                            let v = kinematics.velocity[i], horizontal = (v.x * v.x + v.y * v.y).squareRoot()
                            let bucket = length(v) < QualityMetrics.contactSpeed ? 0 : horizontal < 0.05 ? 1 : 2
                            count[bucket] += 1; sum[bucket] += Double(horizontal)
                        }
                        heights.sort()
                        print(String(format: "CONTACTS %@ %@ sliding %.4f; contact frames: slow %d (Σ %.2f m), low < 5 cm/frame %d (Σ %.2f m), low faster %d (Σ %.2f m); foot z p05 %.3f p50 %.3f",
                                     label, prompt, try QualityMetrics.footSliding(joints), count[0], sum[0], count[1], sum[1], count[2], sum[2],
                                     heights[heights.count / 20], heights[heights.count / 2]))
                    }
                }
            }
            // FK + leg-IK variants: MEASURE_SKATE_GRID="touch,contactHeight,contactSpeed,release,maxRootShift,blend,stepHeight;…"
            let skates = (environment["MEASURE_SKATE_GRID"] ?? "").split(separator: ";").compactMap { item -> FootSkateCleanup? in
                let v = item.split(separator: ",").compactMap { Float($0) }
                return v.count == 7 ? FootSkateCleanup(touchHeight: v[0], contactHeight: v[1], contactSpeed: v[2], releaseHeight: v[3],
                                                       maximumRootShift: v[4], blendFrames: Int(v[5]), stepHeight: v[6]) : nil
            }
            for skate in skates {
                try report("t2m steps \(steps) smoothed+legIK(\(skate.touchHeight),\(skate.contactHeight),\(skate.contactSpeed),\(skate.releaseHeight),\(skate.maximumRootShift),\(skate.blendFrames),\(skate.stepHeight)) ground \(skate.groundHeight.map { "\($0)" } ?? "off") standing \(skate.standingQuantile.map { "\($0)" } ?? "off")",
                           try smoothed.map { try skate.apply(stats.denormalize($0)) })
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
