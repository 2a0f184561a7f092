import Autograd
import Foundation
import Motion
import MotionWorld
import XCTest
@testable import ViMoGen

/// The measurement on the World: train the small preset on curated core-tier MoCap,
/// generate for core captions, compare quality with the data, and refine the video prior's
/// references with M2M. Minutes long: runs only with `MOGENLAB_MEASURE_WORLD=1`
/// (`MEASURE_STEPS`, `MEASURE_TAKES`).
final class WorldMeasurementTests: XCTestCase {
    func testCoreTierTrainingGenerationAndRefinement() throws {
        let environment = ProcessInfo.processInfo.environment
        try XCTSkipUnless(environment["MOGENLAB_MEASURE_WORLD"] == "1", "set MOGENLAB_MEASURE_WORLD=1")
        ComputeThreads.set(2)
        let steps = Int(environment["MEASURE_STEPS"] ?? "400")!
        let takes = Int(environment["MEASURE_TAKES"] ?? "400")!
        let world = World(seed: 0, size: WorldSize(core: takes, extended: 0, wild: 0, synthetic: 0))
        let curated = try Curator()(try world.takes(world.range(of: .core))).clips
        let stats = try FeatureStatistics(fitting: curated.map(\.features))
        let data = InMemoryDataset(curated: curated, statistics: stats, style: .video)
        let actionIDs = Array(Set(curated.map { $0.actionIDs[0] })).sorted()
        print("MEASURE world clips \(curated.count) actions \(actionIDs.count)")

        var encoder = HashingTextEncoder(); encoder.featureSize = 32
        var rng = RandomGenerator(seed: 0)
        let model = try ViMoGenModel(.small(text: .features(width: 32)), rng: &rng)
        var settings = TrainingSettings(steps: steps, batchSize: 32, learningRate: 1e-3)
        settings.emaDecay = 0.99
        let trainer = try Trainer(model: model, dataset: data, textEncoder: encoder, settings: settings)
        let start = Date()
        try trainer.run()
        print("MEASURE world steps/s \(Double(steps) / Date().timeIntervalSince(start)) final loss ~")

        // One prompt per action: the caption of its first clip.
        var prompts: [String] = [], labels: [String] = []
        for id in actionIDs { if let clip = curated.first(where: { $0.actionIDs[0] == id }) { prompts.append(clip.captions.video); labels.append(id) } }
        let dataScores = (curated.map(\.quality.jitterDegree).reduce(0, +) / Double(curated.count),
                          curated.map(\.quality.footSliding).reduce(0, +) / Double(curated.count))
        print("MEASURE world data jitter \(dataScores.0) sliding \(dataScores.1)")
        let descriptors = curated.map { MeasurementSupport.descriptor(stats.normalize($0.features)) }
        let ema = try trainer.emaModel()
        for (smoothing, steps) in [(false, 25), (true, 25)] {
            let generator = MotionGenerator(model: ema, statistics: stats, textEncoder: encoder,
                                            sampler: SamplerSettings(steps: steps, guidance: 5, smoothing: smoothing))
            let out = try generator.generate(prompts, mode: .t2m, seed: 1)
            let scores = try MeasurementSupport.meanScores(out.map { try $0.joints() })
            let correct = MeasurementSupport.recognised(out, labels: labels, dataDescriptors: descriptors, dataLabels: curated.map { $0.actionIDs[0] })
            print("MEASURE world t2m ema smooth \(smoothing) jitter× \(scores.jitter / dataScores.0) sliding× \(scores.sliding / dataScores.1) nn-recognised \(Double(correct) / Double(prompts.count))")
        }

        guard let embedder = MiniLMPhraseEmbedder.installed() else { print("MEASURE world m2m skipped: MiniLM not installed"); return }
        let prior = VideoPriorReferences(prior: try VideoPrior(embedder: embedder), statistics: stats)
        let generator = MotionGenerator(model: ema, statistics: stats, textEncoder: encoder, sampler: SamplerSettings(steps: 25),
                                        references: prior, gate: AdaptiveGate(alignment: PriorConfidenceCheck()))
        let video = try generator.generate(prompts, mode: .video, seed: 2)
        let refined = try generator.generate(prompts, mode: .m2m, seed: 2)
        let adaptive = try generator.generate(prompts, mode: .adaptive, seed: 2)
        let raw = try MeasurementSupport.meanScores(video.map { try $0.joints() })
        let m2m = try MeasurementSupport.meanScores(refined.map { try $0.joints() })
        print("MEASURE world m2m prompts \(prompts.count) video jitter \(raw.jitter) sliding \(raw.sliding) → m2m jitter \(m2m.jitter) sliding \(m2m.sliding)")
        print("MEASURE world adaptive chose m2m for \(adaptive.filter { $0.branch == .motion }.count) of \(prompts.count)")
    }
}
