import Autograd
import Foundation
import Motion
import XCTest
@testable import ViMoGen

/// The small-preset measurement (ARCHITECTURE §5 "Evidence at our scale"): train on curated
/// procedural clips, generate, and compare Jitter Degree and Foot Sliding with the data's.
/// Minutes long, so it runs only with `MOGENLAB_MEASURE=1`; knobs: `MEASURE_STEPS`,
/// `MEASURE_PARAM` (x0 | velocity), `MEASURE_WIDTH`, `MEASURE_DEPTH`, `MEASURE_EMA`.
final class MeasurementTests: XCTestCase {
    struct FixedPrior: ReferenceProvider {
        let references: [String: ReferenceCandidate]
        func reference(for prompt: String, seed: UInt64) throws -> ReferenceCandidate {
            guard let r = references[prompt] else { throw ViMoGenError.missingReference(prompt: prompt) }
            return r
        }
    }

    private func env(_ key: String, _ fallback: String) -> String { ProcessInfo.processInfo.environment[key] ?? fallback }

    func testSmallPresetTrainingAndGeneration() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["MOGENLAB_MEASURE"] == "1", "set MOGENLAB_MEASURE=1")
        ComputeThreads.set(2)
        let steps = Int(env("MEASURE_STEPS", "300"))!
        let parameterisation = Parameterisation(rawValue: env("MEASURE_PARAM", "x0"))!
        let curated = try ProceduralActions.curated(takesPerAction: 12, seed: 1)
        let stats = try FeatureStatistics(fitting: curated.map(\.features))
        let data = InMemoryDataset(curated: curated, statistics: stats, style: .motion)
        print("MEASURE clips \(curated.count)")
        var encoder = HashingTextEncoder(); encoder.featureSize = 32
        let config = ViMoGenConfiguration(width: Int(env("MEASURE_WIDTH", "128"))!, depth: Int(env("MEASURE_DEPTH", "4"))!, heads: 4,
                                          referenceEncoderDepth: 1, text: .features(width: 32), parameterisation: parameterisation)
        var rng = RandomGenerator(seed: 0)
        let model = try ViMoGenModel(config, rng: &rng)
        let split = model.parameterSplit
        print("MEASURE parameters \(model.parameterCount) shared \(split[.shared]!) text \(split[.text]!) motion \(split[.motion]!)")
        var settings = TrainingSettings(steps: steps, batchSize: 32, learningRate: 1e-3)
        settings.emaDecay = Float(env("MEASURE_EMA", "0.99"))!
        let trainer = try Trainer(model: model, dataset: data, textEncoder: encoder, settings: settings)
        final class Log: TrainerObserver {
            var last: TrainingProgress?
            func trainer(didFinish p: TrainingProgress) {
                last = p
                if p.step % 50 == 0 { print("MEASURE step \(p.step) loss \(p.loss) it/s \(String(format: "%.2f", p.stepsPerSecond))") }
            }
        }
        let log = Log()
        try trainer.run(observer: log)
        print("MEASURE steps/s \(log.last!.stepsPerSecond)")
        if env("MEASURE_TRAIN_ONLY", "0") == "1" { return }

        let dataScores = (curated.map(\.quality.jitterDegree).reduce(0, +) / Double(curated.count),
                          curated.map(\.quality.footSliding).reduce(0, +) / Double(curated.count))
        print("MEASURE data jitter \(dataScores.0) sliding \(dataScores.1)")
        let actions = ProceduralActions.actions
        let prompts = actions.flatMap { Array(repeating: $0.caption, count: 3) }
        let labels = actions.indices.flatMap { Array(repeating: $0, count: 3) }
        let dataDescriptors = curated.map { MeasurementSupport.descriptor(stats.normalize($0.features)) }
        let dataLabels = curated.map { clip in actions.firstIndex { $0.id == clip.actionIDs[0] }! }

        let emaModel = try trainer.emaModel()
        for (name, net) in [("raw", model), ("ema", emaModel)] {
            for (stepsCount, smoothing) in [(25, false), (25, true), (50, true)] {
                let generator = MotionGenerator(model: net, statistics: stats, textEncoder: encoder,
                                                sampler: SamplerSettings(steps: stepsCount, guidance: 5, smoothing: smoothing))
                let start = Date()
                let out = try generator.generate(prompts, mode: .t2m, seed: 11)
                let seconds = Date().timeIntervalSince(start) / Double(prompts.count)
                let scores = try MeasurementSupport.meanScores(out.map { try $0.joints() })
                let correct = MeasurementSupport.recognised(out, labels: labels, dataDescriptors: dataDescriptors, dataLabels: dataLabels)
                print("MEASURE t2m \(name) steps \(stepsCount) smooth \(smoothing) jitter× \(scores.jitter / dataScores.0) sliding× \(scores.sliding / dataScores.1) nn-recognised \(Double(correct) / Double(prompts.count)) s/motion \(seconds)")
            }
        }

        // M2M: references made from data clips with visual-MoCap artifacts, refined by the model.
        var artifactRNG = RandomGenerator(seed: 5)
        var references: [String: ReferenceCandidate] = [:]
        var refPrompts: [String] = []
        for (i, clip) in curated.enumerated() where i % 8 == 0 {
            let smpl = try FrameEncoding.decode(clip.features, appendFinalPose: true).smpl
            let noisy = CaptureArtifacts(amplitudeDamping: 0.2, jitter: 0.02, footSliding: 0.03).apply(to: smpl, using: &artifactRNG)
            let features = try FrameEncoding.encode(noisy)
            let prompt = "\(clip.captions.motion) #\(i)"
            references[prompt] = ReferenceCandidate(frames: stats.normalize(features), joints: try FrameEncoding.decode(features).joints, matchConfidence: 1)
            refPrompts.append(prompt)
        }
        let refiner = MotionGenerator(model: emaModel, statistics: stats, textEncoder: encoder,
                                      sampler: SamplerSettings(steps: 25), references: FixedPrior(references: references))
        let raw = try MeasurementSupport.meanScores(refPrompts.map { references[$0]!.joints })
        let refined = try MeasurementSupport.meanScores(try refiner.generate(refPrompts, mode: .m2m, seed: 3).map { try $0.joints() })
        print("MEASURE m2m references \(refPrompts.count) jitter \(raw.jitter) → \(refined.jitter) sliding \(raw.sliding) → \(refined.sliding) (data \(dataScores.0), \(dataScores.1))")

        // Sampling latency of one 100-frame motion, 50 steps with CFG.
        let single = MotionGenerator(model: emaModel, statistics: stats, textEncoder: encoder)
        let start = Date()
        _ = try single.generate(["a person waves with the right hand"], mode: .t2m)
        print("MEASURE latency-50-steps-cfg \(Date().timeIntervalSince(start)) s")
    }
}
