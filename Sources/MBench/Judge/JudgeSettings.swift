/// Everything that decides a trained judge, besides its training examples. `Codable` and
/// `Hashable` so that Lab can hash it into the judge step's cache key.
public struct JudgeSettings: Codable, Hashable, Sendable {
    /// Transformer width of the motion encoder.
    public var width: Int = 64
    /// Transformer blocks of the motion encoder.
    public var depth: Int = 2
    /// Attention heads.
    public var heads: Int = 4
    /// Size of the shared text–motion embedding.
    public var embeddingSize: Int = 64
    /// The motion encoder reads every `frameStride`-th frame …
    public var frameStride: Int = 2
    /// … and at most this many of them (longer motions are sampled evenly).
    public var maximumTokens: Int = 50
    /// Optimiser steps.
    public var steps: Int = 400
    /// Pairs per step (one clip per distinct action when the data allows it).
    public var batchSize: Int = 32
    /// AdamW peak learning rate (linear warm-up over the first 5 % of steps, then constant).
    public var learningRate: Float = 1e-3
    /// InfoNCE temperature.
    public var temperature: Float = 0.07
    /// Fraction of the examples held out for R@k and threshold calibration.
    public var heldOutFraction: Double = 0.15
    /// Seed of initialisation, batching and the held-out split.
    public var seed: UInt64 = 0

    /// The defaults above.
    public init() {}

    /// Defaults with the given step count, batch size and seed.
    public init(steps: Int, batchSize: Int = 32, seed: UInt64 = 0) {
        self.steps = steps; self.batchSize = batchSize; self.seed = seed
    }
}
