import Autograd
/// The M2M reference-noise simulation (ARCHITECTURE.md §4, paper appendix E): during
/// training the reference motion is the target clip itself, corrupted the way visual MoCap
/// of a generated video would be, and stripped of global translation.
///
/// Applied to *normalised* frames. Per batch a corruption rate, noise scale and blend rate are
/// drawn (`draw`); per clip (`corrupt`), independently per frame:
/// - with the blend rate, the frame becomes α·previous + (1 − α)·next of the *clean* clip,
///   α uniform in `blendWeight` (a temporal jitter; the first and last frames are never blended);
/// - with the corruption rate, Gaussian noise of the noise scale is added to every dimension;
/// - with `dropoutRate`, the frame is masked: zeroed (the dataset mean) and flagged.
public struct ReferenceNoise: Sendable {
    public var corruptionRate: ClosedRange<Float> = 0...0.4
    public var noiseScale: ClosedRange<Float> = 0.05...0.15
    public var blendRate: ClosedRange<Float> = 0.03...0.08
    public var blendWeight: ClosedRange<Float> = 0.35...0.65
    public var dropoutRate: Float = 0.02

    public init() {}

    /// The per-batch strengths.
    public struct Draw: Equatable, Sendable {
        public var corruptionRate: Float
        public var noiseScale: Float
        public var blendRate: Float

        public init(corruptionRate: Float, noiseScale: Float, blendRate: Float) {
            self.corruptionRate = corruptionRate; self.noiseScale = noiseScale; self.blendRate = blendRate
        }
    }

    public func draw(using rng: inout RandomGenerator) -> Draw {
        Draw(corruptionRate: Float.random(in: corruptionRate, using: &rng),
             noiseScale: Float.random(in: noiseScale, using: &rng),
             blendRate: Float.random(in: blendRate, using: &rng))
    }

    /// The corrupted reference of one normalised clip: `FrameLayout.referenceDimensions` only.
    public func corrupt(_ normalised: FeatureFrames, with draw: Draw,
                                                  using rng: inout RandomGenerator) -> ReferenceMotion {
        let dims = FrameLayout.referenceDimensions, width = dims.count, frames = normalised.frameCount
        let clean = ReferenceMotion(normalised)
        var out = clean
        for t in 0..<frames {
            let row = t * width
            if t > 0 && t < frames - 1 && Float.random(in: 0..<1, using: &rng) < draw.blendRate {
                let alpha = Float.random(in: blendWeight, using: &rng)
                for d in 0..<width {
                    out.values[row + d] = alpha * clean.values[row - width + d] + (1 - alpha) * clean.values[row + width + d]
                }
            }
            if Float.random(in: 0..<1, using: &rng) < draw.corruptionRate {
                for d in 0..<width { out.values[row + d] += draw.noiseScale * rng.normal() }
            }
            if Float.random(in: 0..<1, using: &rng) < dropoutRate {
                for d in 0..<width { out.values[row + d] = 0 }
                out.kept[t] = false
            }
        }
        return out
    }
}

/// A reference motion as the M2M branch reads it: per frame the 138 reference dimensions
/// (local pose 0:126, root orientation and its velocity 258:270 of the 276) and whether the
/// frame survived temporal dropout.
public struct ReferenceMotion: Equatable, Sendable {
    public static let width = FrameLayout.referenceDimensions.count
    /// `frameCount × 138`, frame-major.
    public var values: [Float]
    public var kept: [Bool]

    public var frameCount: Int { kept.count }

    /// The reference dimensions of `frames`, unchanged (how a video prior's motion is fed in).
    public init(_ frames: FeatureFrames) {
        let dims = FrameLayout.referenceDimensions
        values = []
        values.reserveCapacity(frames.frameCount * dims.count)
        for t in 0..<frames.frameCount {
            let base = t * FrameLayout.dimension
            for d in dims { values.append(frames.values[base + d]) }
        }
        kept = Array(repeating: true, count: frames.frameCount)
    }
}
