import Autograd
import Foundation
import Motion
import TextEncoding
@testable import ViMoGen

/// A deterministic stand-in text encoder: [CLS] + one token per word + [SEP], each token's
/// features drawn from an RNG seeded by the word's bytes (so equal words give equal features).
struct HashingTextEncoder: TextEncoder {
    let name = "hashing"
    var featureSize = 8
    let vocabularySize = 0
    let maxTokenCount = 16

    func encode(_ texts: [String]) -> [EncodedText] {
        texts.map { text in
            let words = ["[CLS]"] + text.lowercased().split(separator: " ").map(String.init) + ["[SEP]"]
            var features: [Float] = []
            for word in words {
                var seed: UInt64 = 1469598103934665603
                for byte in word.utf8 { seed = (seed ^ UInt64(byte)) &* 1099511628211 }
                var rng = RandomGenerator(seed: seed)
                features += rng.normal([featureSize]).scalars
            }
            return EncodedText(tokenIDs: words.indices.map { Int32($0) }, tokenCount: words.count, featureSize: featureSize,
                               features: features, pooled: [], wasTruncated: false)
        }
    }
}

enum Fixtures {
    static let captions = ["a person walks forward", "a person waves", "someone jumps", "a person sits down"]

    /// A smooth normalised clip: each dimension a sinusoid of its own phase and frequency.
    static func clip(_ index: Int, frames: Int = 12, source: MotionSource = .opticalMocap, core: Bool = true) -> TrainingClip {
        let width = FrameLayout.dimension
        var values = [Float](repeating: 0, count: frames * width)
        for t in 0..<frames {
            for d in 0..<width {
                values[t * width + d] = Float(Foundation.sin(Double(t) * 0.2 * Double(1 + index) + Double(d) * 0.37))
            }
        }
        return TrainingClip(frames: FeatureFrames(fps: 20, values: values), caption: captions[index % captions.count],
                            source: source, isCoreMocap: core)
    }

    static func dataset(count: Int = 4, frames: Int = 12) -> InMemoryDataset {
        InMemoryDataset(clips: (0..<count).map { i in
            clip(i, frames: frames, source: i % 3 == 2 ? .syntheticVideo : .opticalMocap, core: i % 3 == 0)
        })
    }

    static func configuration(branches: BranchSet = .both, parameterisation: Parameterisation = .x0) -> ViMoGenConfiguration {
        ViMoGenConfiguration(width: 16, depth: 1, heads: 2, referenceEncoderDepth: 1, ffnMultiplier: 2,
                             text: .features(width: 8), branches: branches, parameterisation: parameterisation, maxFrames: 16)
    }

    static func model(_ configuration: ViMoGenConfiguration = configuration(), seed: UInt64 = 1) throws -> ViMoGenModel {
        var rng = RandomGenerator(seed: seed)
        return try ViMoGenModel(configuration, rng: &rng)
    }

    /// Replaces the adaLN-Zero zeros with small random values, so every path carries gradient.
    static func randomiseZeroInitialised(_ model: ViMoGenModel, seed: UInt64 = 9) {
        var rng = RandomGenerator(seed: seed)
        for p in model.parameters where p.scalars.allSatisfy({ $0 == 0 }) {
            p.assign(rng.normal(p.shape, std: 0.2))
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vimogen-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func settings(steps: Int, batch: Int = 4, learningRate: Float = 2e-3) -> TrainingSettings {
        var s = TrainingSettings(steps: steps, batchSize: batch, learningRate: learningRate)
        s.warmupSteps = 2
        s.seed = 7
        return s
    }
}
