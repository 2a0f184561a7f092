import Autograd
import Foundation
import Motion
import TextEncoding
import ViMoGen

/// `runner bench vimogen-train` / `vimogen-sample`: the small-preset ViMoGen (width 128, depth 4,
/// 4 heads, reference encoder depth 1, x0 target) against the same network in PyTorch
/// (`scripts/bench/vimogen.py`). Train: one optimisation step of batch 32 × 100 frames, about
/// half T2M (12 text tokens of 384 features) and half M2M. Sample: one 100-frame motion, 50 Euler
/// steps with CFG 5 and the temporal smoothing.
extension BenchEntry {
    static let vimogenTrain = BenchEntry(
        name: "vimogen-train", summary: "ViMoGen small preset, one training step (batch 32 × 100 frames) vs PyTorch",
        peer: PeerScript(name: "pytorch", script: "scripts/bench/vimogen.py", arguments: ["train"]),
        iterationsPerRound: 3, rounds: 5, warmupIterations: 1
    ) { try ViMoGenBench.train() }

    static let vimogenSample = BenchEntry(
        name: "vimogen-sample", summary: "ViMoGen small preset, one 100-frame motion (50 Euler steps, CFG) vs PyTorch",
        peer: PeerScript(name: "pytorch", script: "scripts/bench/vimogen.py", arguments: ["sample"]),
        iterationsPerRound: 1, rounds: 5, warmupIterations: 1
    ) { try ViMoGenBench.sample() }
}

enum ViMoGenBench {
    /// Fixed 12 tokens of 384 random features per caption (the MiniLM token shape), so the
    /// benchmark needs no model files.
    struct FixedFeatureEncoder: TextEncoder {
        let name = "bench-fixed"
        let featureSize = 384
        let vocabularySize = 0
        let maxTokenCount = 12
        func encode(_ texts: [String]) -> [EncodedText] {
            texts.map { text in
                var rng = RandomGenerator(seed: UInt64(text.utf8.count))
                let n = text.isEmpty ? 2 : maxTokenCount
                return EncodedText(tokenIDs: Array(repeating: 0, count: n), tokenCount: n, featureSize: featureSize,
                                   features: rng.normal([n * featureSize]).scalars, pooled: [], wasTruncated: false)
            }
        }
    }

    static let configuration = ViMoGenConfiguration.small(text: .features(width: 384))

    static func train() throws -> BenchWorkload {
        var rng = RandomGenerator(seed: 0)
        let clips = (0..<64).map { i in
            TrainingClip(frames: FeatureFrames(fps: 20, values: rng.normal([100 * FrameLayout.dimension]).scalars),
                         caption: "caption \(i)", source: .opticalMocap, isCoreMocap: false)
        }
        var settings = TrainingSettings(steps: Int.max, batchSize: 32, learningRate: 1e-3)
        settings.textProbabilityOther = 0.5
        let trainer = try Trainer(model: try ViMoGenModel(configuration, rng: &rng), dataset: InMemoryDataset(clips: clips),
                                  textEncoder: FixedFeatureEncoder(), settings: settings)
        return BenchWorkload(
            iteration: { try trainer.trainStep() },
            extras: { ours, peer in
                var extra = ["samples_per_s": 32 / (ours / 1000), "parameters": Double(trainer.model.parameterCount)]
                if let peer { extra["peer_samples_per_s"] = 32 / (peer / 1000) }
                return extra
            })
    }

    static func sample() throws -> BenchWorkload {
        var rng = RandomGenerator(seed: 0)
        let stats = try FeatureStatistics(mean: [Float](repeating: 0, count: FrameLayout.dimension),
                                          std: [Float](repeating: 1, count: FrameLayout.dimension))
        let generator = MotionGenerator(model: try ViMoGenModel(configuration, rng: &rng), statistics: stats,
                                        textEncoder: FixedFeatureEncoder())
        return BenchWorkload(iteration: {
            _ = try generator.generate(["a person waves with the right hand"], mode: .t2m)
        })
    }
}
