import Foundation
import Autograd

/// Visual-MoCap artifact simulation on SMPL motion (metres, seconds): what recovering a
/// person's motion from video does to it. The World's video sources and the video prior use
/// it; each strength 0 leaves the motion unchanged. Effects are applied in this order:
///
/// - `amplitudeDamping` (0…1): every local joint rotation (not the root) is pulled toward that
///   joint's mean rotation over the clip by this fraction (slerp), so gestures come out smaller;
/// - `jitter` (m): independent per-frame noise, N(0, jitter²) on each root-translation axis and
///   a random local rotation of N(0, (jitter / 0.4 m)²) rad per axis on every joint (a 40 cm
///   limb then shakes by about `jitter` at its end);
/// - `footSliding` (m): a wobble of the horizontal root position, Gaussian-smoothed noise
///   (σ = 3 frames) scaled to this standard deviation, so planted feet slide back and forth;
/// - `trajectoryDrift` (m/s): a horizontal drift of the whole body, a constant velocity of this
///   speed in a random direction whose heading random-walks (0.3 rad/√s), as monocular depth
///   and scale errors accumulate.
public struct CaptureArtifacts: Sendable, Equatable {
    public var amplitudeDamping: Float
    public var jitter: Float
    public var footSliding: Float
    public var trajectoryDrift: Float

    public init(amplitudeDamping: Float = 0, jitter: Float = 0, footSliding: Float = 0, trajectoryDrift: Float = 0) {
        self.amplitudeDamping = amplitudeDamping; self.jitter = jitter
        self.footSliding = footSliding; self.trajectoryDrift = trajectoryDrift
    }

    /// `motion` with the artifacts, randomness drawn from `rng`.
    public func apply(to motion: SMPLMotion, using rng: inout RandomGenerator) -> SMPLMotion {
        var out = motion
        let frames = motion.frameCount, n = SMPLJoint.count
        guard frames > 0 else { return out }
        if amplitudeDamping > 0 {
            let fraction = min(1, amplitudeDamping)
            for j in 1..<n {
                let quats = (0..<frames).map { Quat(motion.rotations[$0 * n + j]) }
                let mean = Self.meanRotation(quats)
                for t in 0..<frames { out.rotations[t * n + j] = Quat.slerp(quats[t], mean, fraction).matrix }
            }
        }
        if jitter > 0 {
            let angular = jitter / 0.4
            for t in 0..<frames {
                out.rootTranslation[t] += jitter * Self.normal3(using: &rng)
                for j in 0..<n {
                    out.rotations[t * n + j] = out.rotations[t * n + j] * Mat3(axisAngle: angular * Self.normal3(using: &rng))
                }
            }
        }
        if footSliding > 0 && frames > 1 {
            let noise = (0..<frames).map { _ in SIMD4<Float>(rng.normal(), rng.normal(), 0, 0) }
            let wobble = TemporalFilter.convolve(noise, TemporalFilter.gaussianKernel(sigma: 3))
            let spread = (wobble.map { ($0 * $0).sum() }.reduce(0, +) / Float(2 * frames)).squareRoot()
            let scale = spread > 0 ? footSliding / spread : 0
            for t in 0..<frames {
                out.rootTranslation[t].x += scale * wobble[t].x
                out.rootTranslation[t].y += scale * wobble[t].y
            }
        }
        if trajectoryDrift > 0 {
            let dt = Float(1 / motion.fps)
            var heading = Float.random(in: 0..<(2 * .pi), using: &rng), offset = SIMD3<Float>.zero
            for t in 0..<frames {
                out.rootTranslation[t] += offset
                offset += SIMD3(cos(heading), sin(heading), 0) * (trajectoryDrift * dt)
                heading += 0.3 * dt.squareRoot() * rng.normal()
            }
        }
        return out
    }

    static func normal3(using rng: inout RandomGenerator) -> SIMD3<Float> {
        SIMD3(rng.normal(), rng.normal(), rng.normal())
    }

    /// The normalised average of hemisphere-aligned quaternions (a good mean for the spread of
    /// one joint over a clip).
    static func meanRotation(_ q: [Quat]) -> Quat {
        var sum = SIMD4<Float>.zero
        for x in q {
            let sign: Float = (x.w * q[0].w + x.x * q[0].x + x.y * q[0].y + x.z * q[0].z) < 0 ? -1 : 1
            sum += sign * SIMD4(x.w, x.x, x.y, x.z)
        }
        let norm = (sum * sum).sum().squareRoot()
        guard norm > 1e-9 else { return q[0] }
        return Quat(w: sum.x / norm, x: sum.y / norm, y: sum.z / norm, z: sum.w / norm)
    }
}
