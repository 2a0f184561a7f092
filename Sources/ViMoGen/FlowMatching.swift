import Foundation

/// The flow-matching path, noise schedule and loss weights (ARCHITECTURE §5).
///
/// Convention: σ is the noise level, x_σ = (1 − σ)·x0 + σ·ε, and the velocity is v = dx/dσ =
/// ε − x0. Sampling integrates from σ = 1 (pure noise) down to σ = 0. (The paper writes the
/// same path with t = 1 − σ and v = x0 − ε.) With an x0 prediction x̂0 the velocity is
/// v = (x_σ − x̂0)/σ.
public struct FlowSchedule: Sendable, Equatable {
    /// Grid points (the public code: 1000).
    public let steps: Int
    /// Timestep shift (5): σ' = shift·σ / (1 + (shift − 1)·σ).
    public let shift: Float
    /// Shifted noise levels σ'_i for σ_i = i/steps, i = 1 … steps.
    public let sigmas: [Float]
    /// Loss weight of each grid point, same order as `sigmas`.
    public let weights: [Float]

    public init(steps: Int = 1000, shift: Float = 5) {
        precondition(steps > 1 && shift > 0, "FlowSchedule: needs steps > 1 and shift > 0")
        self.steps = steps
        self.shift = shift
        let sigmas = (1...steps).map { FlowSchedule.shifted(Float($0) / Float(steps), shift: shift) }
        self.sigmas = sigmas
        // w(t) = exp(−2((t − 500)/1000)²) with t = 1000·σ', minus its minimum, over its mean.
        let raw = sigmas.map { s -> Double in
            let t = Double(s) * 1000
            return Foundation.exp(-2 * Foundation.pow((t - 500) / 1000, 2))
        }
        let floor = raw.min()!
        let mean = raw.reduce(0) { $0 + ($1 - floor) } / Double(raw.count)
        weights = raw.map { Float(($0 - floor) / mean) }
    }

    /// σ' = shift·σ / (1 + (shift − 1)·σ).
    public static func shifted(_ sigma: Float, shift: Float) -> Float {
        shift * sigma / (1 + (shift - 1) * sigma)
    }

    /// The σ levels an Euler sampler visits: `count + 1` values from 1 down to 0, shifted.
    public func samplingSigmas(count: Int) -> [Float] {
        precondition(count > 0, "FlowSchedule: at least one sampling step")
        return (0...count).map { FlowSchedule.shifted(1 - Float($0) / Float(count), shift: shift) }
    }
}

/// Per-dimension loss weights and supervision masks of the 276-dim frame (ARCHITECTURE §5).
public enum LossWeighting {
    /// Root orientation, root angular velocity, translation and its velocity (258:276) count ×3.
    public static let rootWeight: Float = 3
    /// Video-derived T2M samples supervise only the local pose (0:126).
    public static let localPose = 0..<126

    /// The 276 weights of one sample: ×3 on 258:276, and zeros outside 0:126 when `poseOnly`.
    public static func dimensionWeights(poseOnly: Bool) -> [Float] {
        (0..<ViMoGenConfiguration.frameWidth).map { d in
            if poseOnly { return localPose.contains(d) ? 1 : 0 }
            return d >= 258 ? rootWeight : 1
        }
    }
}
