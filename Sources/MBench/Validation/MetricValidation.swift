import Autograd
import Motion

/// "Does each metric measure what it says" (issue 8): apply each artifact at its five strengths
/// to clean clips and check that the matching dimension ranks the strengths in order
/// (Spearman ρ = 1 between strength and the metric's mean over clips).
public struct MetricValidation: Sendable {
    /// One artifact's ladder on one set of clips.
    public struct Ladder: Codable, Hashable, Sendable {
        public var artifact: Artifact
        public var dimension: MBenchDimension
        /// The metric's mean over the clean clips.
        public var clean: Double
        /// The metric's mean over the clips at each strength.
        public var values: [Double]
        /// Spearman ρ between strengths and `values`.
        public var rho: Double
    }

    /// The seven no-judge dimensions.
    public var metrics: PhysicalMetrics
    /// Seed of the artifacts' randomness (clip k uses `seed + k` at every strength, so only
    /// the strength changes between rungs).
    public var seed: UInt64 = 0

    /// A validation over the given metrics.
    public init(metrics: PhysicalMetrics, seed: UInt64 = 0) { self.metrics = metrics; self.seed = seed }

    /// The ladder of `artifact` on `clips`.
    public func ladder(_ artifact: Artifact, clips: [SMPLMotion]) throws -> Ladder {
        func mean(_ strength: Float?) throws -> Double {
            var total = 0.0
            for (k, clip) in clips.enumerated() {
                var rng = RandomGenerator(seed: seed &+ UInt64(k))
                let motion = strength.map { artifact.apply($0, to: clip, using: &rng) } ?? clip
                total += try metrics.score(artifact.dimension, BenchmarkMotion(smpl: motion))
            }
            return total / Double(clips.count)
        }
        let values = try artifact.strengths.map { try mean($0) }
        return Ladder(artifact: artifact, dimension: artifact.dimension, clean: try mean(nil), values: values,
                      rho: spearmanRho(artifact.strengths.map(Double.init), values))
    }

    /// Every artifact's ladder.
    public func ladders(clips: [SMPLMotion]) throws -> [Ladder] {
        try Artifact.allCases.map { try ladder($0, clips: clips) }
    }
}
