import Foundation
import Motion
import Autograd

/// What visual MoCap of a video does to a clean motion: strengths drawn per take for the
/// motion toolkit's `CaptureArtifacts` (reduced amplitude, jitter, foot sliding, trajectory
/// drift), and for generated video, a chance of distorted output on highly dynamic actions
/// (the failure the paper's gate exists for).
public struct VideoDegradation: Sendable, Equatable {
    public var amplitudeDamping: ClosedRange<Float>
    public var jitter: ClosedRange<Float>
    public var footSliding: ClosedRange<Float>
    public var trajectoryDrift: ClosedRange<Float>
    /// Probability that a highly dynamic action comes out distorted.
    public var distortionRate: Double

    public init(amplitudeDamping: ClosedRange<Float>, jitter: ClosedRange<Float>, footSliding: ClosedRange<Float>,
                trajectoryDrift: ClosedRange<Float>, distortionRate: Double) {
        self.amplitudeDamping = amplitudeDamping; self.jitter = jitter; self.footSliding = footSliding
        self.trajectoryDrift = trajectoryDrift; self.distortionRate = distortionRate
    }

    /// Motion recovered from real in-the-wild footage.
    public static let inTheWild = VideoDegradation(amplitudeDamping: 0.05...0.15, jitter: 0.004...0.012,
                                                   footSliding: 0.01...0.03, trajectoryDrift: 0.02...0.08,
                                                   distortionRate: 0)
    /// Motion recovered from a generated (text-to-video) clip: softer, shakier, and sometimes
    /// wrong on flips, twists and falls.
    public static let generatedVideo = VideoDegradation(amplitudeDamping: 0.1...0.25, jitter: 0.008...0.02,
                                                        footSliding: 0.02...0.05, trajectoryDrift: 0.05...0.15,
                                                        distortionRate: 0.4)

    /// The artifacts of one take.
    public func draw(using rng: inout RandomGenerator) -> CaptureArtifacts {
        CaptureArtifacts(amplitudeDamping: Float.random(in: amplitudeDamping, using: &rng),
                         jitter: Float.random(in: jitter, using: &rng),
                         footSliding: Float.random(in: footSliding, using: &rng),
                         trajectoryDrift: Float.random(in: trajectoryDrift, using: &rng))
    }

    /// `motion` degraded (no distortion).
    public func apply(to motion: SMPLMotion, using rng: inout RandomGenerator) -> SMPLMotion {
        draw(using: &rng).apply(to: motion, using: &rng)
    }

    /// `motion` degraded; a dynamic action is distorted with `distortionRate`: the whole-body
    /// rotation is mostly lost (a flip becomes a hop, a fall a stagger) and the limbs are
    /// heavily damped, as when a video model or a pose estimator fails on fast motion.
    public func apply(to motion: SMPLMotion, dynamic: Bool, using rng: inout RandomGenerator)
        -> (motion: SMPLMotion, distorted: Bool) {
        var artifacts = draw(using: &rng)
        var source = motion
        let distorted = dynamic && Double.random(in: 0..<1, using: &rng) < distortionRate
        if distorted {
            artifacts.amplitudeDamping = max(artifacts.amplitudeDamping, 0.6)
            let n = SMPLJoint.count
            for t in 0..<motion.frameCount {
                // Keep the facing (yaw) but pull pitch and roll 80 % back toward upright.
                let r = motion.rotations[t * n]
                let forward = r * SIMD3<Float>(0, 1, 0)
                let heading = atan2(-forward.x, forward.y)
                let upright = Quat(Mat3(axis: SIMD3(0, 0, 1), angle: heading))
                source.rotations[t * n] = Quat.slerp(Quat(r), upright, 0.8).matrix
            }
        }
        return (artifacts.apply(to: source, using: &rng), distorted)
    }
}
