import Motion

/// Makes the redundant position and velocity channels of generated (denormalised) 276-dim
/// frames agree: for each joint and axis (and the root translation) the trajectory X that
/// minimises
///
///     Σ_t w·(X_t − P_t)² + Σ_t (X_{t+1} − X_t − V_t)²
///
/// (P the position channel, V the velocity channel; one tridiagonal solve) replaces both:
/// positions become X_t, velocities X_{t+1} − X_t. Slow motion then follows the positions and
/// quick motion the velocities; the crossover period is about 2π/√w frames.
///
/// Why: the network predicts each frame's positions and velocities separately. Evaluation
/// decodes joints by integrating the velocities (the public code's `recover_from_velocity`),
/// so a small bias in a velocity channel accumulates: on the small preset the integrated feet
/// of a generated walk end up to 1.6 m under the floor, where every frame counts as a foot
/// contact and Foot Sliding measures the drift. The position channels have no drift but
/// per-frame noise. Rotation channels are not touched.
public struct ChannelFusion: Codable, Sendable, Equatable {
    /// Weight w of the position channels against the velocity channels (per frame).
    public var positionWeight: Float = 0.1

    public init(positionWeight: Float = 0.1) { self.positionWeight = positionWeight }

    /// `frames` with each joint's (and the root's) positions and velocities replaced by the
    /// fused trajectory.
    public func apply(_ frames: FeatureFrames) throws -> FeatureFrames {
        guard positionWeight > 0, positionWeight.isFinite else {
            throw ViMoGenError.invalidSetting(field: "positionWeight", reason: "must be a positive number, got \(positionWeight)")
        }
        let count = frames.frameCount, width = FrameLayout.dimension
        guard count > 0 else { return frames }
        var values = frames.values
        var pairs = (0..<SMPLJoint.count).map { (FrameLayout.jointPositions.lowerBound + $0 * 3, FrameLayout.jointVelocities.lowerBound + $0 * 3) }
        pairs.append((FrameLayout.rootTranslation.lowerBound, FrameLayout.translationVelocity.lowerBound))
        var positions = [Float](repeating: 0, count: count), velocities = positions
        for (position, velocity) in pairs {
            for axis in 0..<3 {
                for t in 0..<count {
                    positions[t] = values[t * width + position + axis]
                    velocities[t] = values[t * width + velocity + axis]
                }
                let fused = Self.fuse(positions: positions, velocities: velocities, weight: positionWeight)
                for t in 0..<count {
                    values[t * width + position + axis] = fused[t]
                    values[t * width + velocity + axis] = fused[t + 1] - fused[t]
                }
            }
        }
        return FeatureFrames(fps: frames.fps, values: values)
    }

    /// The minimiser over poses 0…T (T = `positions.count`; pose T has no position channel, only
    /// the last velocity reaches it), by the Thomas algorithm in Double.
    static func fuse(positions p: [Float], velocities v: [Float], weight w: Float) -> [Float] {
        let n = p.count + 1
        var diagonal = [Double](repeating: 0, count: n), rhs = diagonal
        for k in 0..<n {
            let anchored = k < p.count
            diagonal[k] = (anchored ? Double(w) : 0) + (k > 0 ? 1 : 0) + (k < n - 1 ? 1 : 0)
            rhs[k] = (anchored ? Double(w) * Double(p[k]) : 0) + (k > 0 ? Double(v[k - 1]) : 0) - (k < n - 1 ? Double(v[k]) : 0)
        }
        // Off-diagonals are all −1: forward elimination, then back substitution.
        var upper = [Double](repeating: 0, count: n)
        upper[0] = -1 / diagonal[0]; rhs[0] /= diagonal[0]
        for k in 1..<n {
            let pivot = diagonal[k] + upper[k - 1]
            upper[k] = -1 / pivot
            rhs[k] = (rhs[k] + rhs[k - 1]) / pivot
        }
        var x = [Double](repeating: 0, count: n)
        x[n - 1] = rhs[n - 1]
        for k in stride(from: n - 2, through: 0, by: -1) { x[k] = rhs[k] - upper[k] * x[k + 1] }
        return x.map(Float.init)
    }
}
