import Autograd
import Motion

/// A known defect that one quality dimension should detect, applied at a given strength to a
/// clean motion, for "does each metric measure what it says" (ARCHITECTURE §6, issue 8).
public enum Artifact: String, CaseIterable, Sendable, Codable {
    /// Per-frame noise on every joint rotation and the root (`CaptureArtifacts.jitter`, metres).
    case jitter
    /// A smooth wobble of the horizontal root position, so planted feet slide
    /// (`CaptureArtifacts.footSliding`, metres of standard deviation).
    case footSliding = "foot_sliding"
    /// For this fraction of the clip (from its start) the whole body glides sideways
    /// (perpendicular to the clip's travel) at `floatingSpeed` without its stepping changing:
    /// the feet are carried along with the body instead of moving relative to it.
    case floating
    /// The whole body sunk into the floor by this depth (metres).
    case floorPenetration = "floor_penetration"
    /// Knees and elbows bent the wrong way (hyperextended) by this angle (radians).
    case implausibleJoints = "implausible_joints"
    /// Both thighs turned toward the body's midline by this angle (radians), so the legs
    /// pass through each other.
    case interpenetration

    /// The dimension that should rise with the strength.
    public var dimension: MBenchDimension {
        switch self {
        case .jitter: return .jitterDegree
        case .footSliding: return .footSliding
        case .floating: return .footFloating
        case .floorPenetration: return .groundPenetration
        case .implausibleJoints: return .poseQuality
        case .interpenetration: return .bodyPenetration
        }
    }

    /// Five increasing strengths, in the units above.
    public var strengths: [Float] {
        switch self {
        case .jitter: return [0.0025, 0.005, 0.01, 0.02, 0.04]
        case .footSliding: return [0.01, 0.02, 0.04, 0.08, 0.16]
        case .floating: return [0.1, 0.2, 0.4, 0.6, 0.8]
        case .floorPenetration: return [0.01, 0.02, 0.04, 0.08, 0.16]
        case .implausibleJoints: return [0.3, 0.6, 0.9, 1.2, 1.5]
        // Up to about 0.12 rad the legs of an SMPL-proportioned body overlap more with every
        // step; beyond it the shins pass through each other and a capsule depth stops growing.
        case .interpenetration: return [0.06, 0.075, 0.09, 0.105, 0.12]
        }
    }

    /// The glide speed of `floating`, m/s.
    public static let floatingSpeed: Float = 0.5

    /// `motion` with the artifact at `strength`; randomness (jitter, sliding) from `rng`.
    public func apply(_ strength: Float, to motion: SMPLMotion, using rng: inout RandomGenerator) -> SMPLMotion {
        var out = motion
        let n = SMPLJoint.count, frames = motion.frameCount
        switch self {
        case .jitter:
            return CaptureArtifacts(jitter: strength).apply(to: motion, using: &rng)
        case .footSliding:
            return CaptureArtifacts(footSliding: strength).apply(to: motion, using: &rng)
        case .floating:
            guard frames > 1 else { return out }
            var travel = motion.rootTranslation[frames - 1] - motion.rootTranslation[0]
            travel.z = 0
            // Sideways to the travel (along +x when the clip stays in place).
            let side = length(travel) > 0.05 ? SIMD3(travel.y, -travel.x, 0) / length(travel) : SIMD3<Float>(1, 0, 0)
            let step = Self.floatingSpeed / Float(motion.fps)
            let glidingFrames = Int((strength * Float(frames)).rounded())
            for t in 0..<frames { out.rootTranslation[t] += side * (step * Float(min(t, glidingFrames))) }
        case .floorPenetration:
            for t in 0..<frames { out.rootTranslation[t].z -= strength }
        case .implausibleJoints:
            // Knees flex with a negative angle about +x (the shin swings back), so a positive
            // one hyperextends them. Elbows flex forward about the T-pose's vertical axis
            // (left −z, right +z); the opposite sign bends them backwards.
            let bends: [(SMPLJoint, Mat3)] = [
                (.leftKnee, Mat3(axis: SIMD3(1, 0, 0), angle: strength)),
                (.rightKnee, Mat3(axis: SIMD3(1, 0, 0), angle: strength)),
                (.leftElbow, Mat3(axis: SIMD3(0, 0, 1), angle: strength)),
                (.rightElbow, Mat3(axis: SIMD3(0, 0, 1), angle: -strength)),
            ]
            for t in 0..<frames {
                for (joint, bend) in bends { out.rotations[t * n + joint.rawValue] = bend * out.rotations[t * n + joint.rawValue] }
            }
        case .interpenetration:
            // +x points from the left hip to the right: the left leg turns toward +x, the right toward −x.
            let left = Mat3(axis: SIMD3(0, 1, 0), angle: -strength), right = Mat3(axis: SIMD3(0, 1, 0), angle: strength)
            for t in 0..<frames {
                out.rotations[t * n + SMPLJoint.leftHip.rawValue] = left * out.rotations[t * n + SMPLJoint.leftHip.rawValue]
                out.rotations[t * n + SMPLJoint.rightHip.rawValue] = right * out.rotations[t * n + SMPLJoint.rightHip.rawValue]
            }
        }
        return out
    }
}
