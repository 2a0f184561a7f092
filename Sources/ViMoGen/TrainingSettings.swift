/// Everything about a training run that is not the network's shape (ARCHITECTURE §5 defaults).
public struct TrainingSettings: Codable, Sendable, Equatable {
    public var steps: Int
    public var batchSize: Int
    public var learningRate: Float
    public var warmupSteps: Int = 50
    public var weightDecay: Float = 1e-4
    public var beta1: Float = 0.9
    public var beta2: Float = 0.95
    public var gradientClip: Float = 1
    public var emaDecay: Float = 0.999
    /// Ramp the EMA decay up as `min(emaDecay, (1 + step)/(10 + step))` (see `EMAWarmup`);
    /// without it a short run's EMA keeps much of the random initialisation.
    public var emaWarmup: Bool = true
    /// Probability of replacing a T2M caption by the null context (for CFG).
    public var textDropout: Float = 0.1
    /// Probability of training a core-MoCap clip through the T2M branch (M2M otherwise).
    public var textProbabilityCore: Float = 0.8
    /// The same for every other source.
    public var textProbabilityOther: Float = 0.4
    /// Sampling weight of synthetic-video clips relative to the others.
    public var syntheticWeight: Float = 2
    /// Write a checkpoint every this many steps (0: only at the end).
    public var checkpointInterval: Int = 0
    public var seed: UInt64 = 0

    public init(steps: Int, batchSize: Int, learningRate: Float) {
        self.steps = steps; self.batchSize = batchSize; self.learningRate = learningRate
    }

    /// Checks the values; throws naming the field.
    public func validate() throws {
        func fail(_ field: String, _ reason: String) -> ViMoGenError { .invalidSetting(field: field, reason: reason) }
        guard steps >= 0 else { throw fail("steps", "must be ≥ 0, got \(steps)") }
        guard batchSize > 0 else { throw fail("batchSize", "must be ≥ 1, got \(batchSize)") }
        guard learningRate > 0, learningRate.isFinite else { throw fail("learningRate", "must be positive, got \(learningRate)") }
        guard warmupSteps >= 0 else { throw fail("warmupSteps", "must be ≥ 0, got \(warmupSteps)") }
        guard (0..<1).contains(emaDecay) else { throw fail("emaDecay", "must be in [0, 1), got \(emaDecay)") }
        for (name, p) in [("textDropout", textDropout), ("textProbabilityCore", textProbabilityCore),
                          ("textProbabilityOther", textProbabilityOther)] where !(0...1).contains(p) {
            throw fail(name, "must be a probability in [0, 1], got \(p)")
        }
        guard syntheticWeight > 0 else { throw fail("syntheticWeight", "must be positive, got \(syntheticWeight)") }
        guard checkpointInterval >= 0 else { throw fail("checkpointInterval", "must be ≥ 0, got \(checkpointInterval)") }
    }
}
