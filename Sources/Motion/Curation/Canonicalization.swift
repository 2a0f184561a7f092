import Foundation

/// Puts a Z-up motion into the canonical frame (ARCHITECTURE.md §4, as DART and the public
/// ViMoGen code): rotate about z so that on the first frame the left→right hip axis, projected
/// on the floor, runs along +x (the body then faces +y); move the first frame's pelvis to
/// x = y = 0; lift or lower everything so the lowest joint over the whole motion is at z = 0.
public enum Canonicalization {
    /// The rigid transform applied: `p' = rotation · p + offset`.
    public struct Transform: Equatable, Sendable {
        public var rotation: Mat3
        public var offset: SIMD3<Float>
    }

    /// The canonical version of `motion` and the transform that produced it.
    public static func canonicalize(_ motion: SMPLMotion) -> (motion: SMPLMotion, transform: Transform) {
        precondition(motion.frameCount > 0, "canonicalize: empty motion")
        let n = SMPLJoint.count
        let joints = motion.joints().positions
        var across = joints[SMPLJoint.rightHip.rawValue] - joints[SMPLJoint.leftHip.rawValue]
        across.z = 0
        // A degenerate first frame (hips stacked vertically) keeps the current heading.
        let angle = length(across) > 1e-6 ? -atan2f(across.y, across.x) : 0
        let rotation = Mat3(axis: SIMD3(0, 0, 1), angle: angle)
        let pelvis = rotation * joints[0]
        let lowest = joints.map { (rotation * $0).z }.min() ?? 0
        let offset = SIMD3(-pelvis.x, -pelvis.y, -lowest)
        var out = motion
        for t in 0..<motion.frameCount {
            out.rootTranslation[t] = rotation * motion.rootTranslation[t] + offset
            out.rotations[t * n] = rotation * motion.rotations[t * n]
        }
        return (out, Transform(rotation: rotation, offset: offset))
    }
}

/// Finds the static calibration T-poses many mocap files start (or end) with.
///
/// A frame is a T-pose when the arm chain (collars, shoulders, elbows) has rotated less than
/// `armTolerance` and the body's mean local rotation is under `bodyTolerance` (radians) from
/// the SMPL rest pose, which is a T-pose. Only leading and trailing runs are removed: a
/// T-pose in the middle of a take is part of the performance.
public struct TPoseTrimmer: Sendable {
    public var armTolerance: Float = 0.35
    public var bodyTolerance: Float = 0.2

    public init(armTolerance: Float = 0.35, bodyTolerance: Float = 0.2) {
        self.armTolerance = armTolerance; self.bodyTolerance = bodyTolerance
    }

    static let arms: [SMPLJoint] = [.leftCollar, .rightCollar, .leftShoulder, .rightShoulder, .leftElbow, .rightElbow]

    /// True when frame `t` of `motion` is a T-pose.
    public func isTPose(_ motion: SMPLMotion, frame t: Int) -> Bool {
        let angles = (1..<SMPLJoint.count).map { length(motion.rotation(frame: t, joint: $0).axisAngle) }
        guard Self.arms.allSatisfy({ angles[$0.rawValue - 1] < armTolerance }) else { return false }
        return angles.reduce(0, +) / Float(angles.count) < bodyTolerance
    }

    /// The frame range left after removing leading and trailing T-pose frames (empty when
    /// the whole motion is a T-pose).
    public func keptRange(_ motion: SMPLMotion) -> Range<Int> {
        var start = 0, end = motion.frameCount
        while start < end && isTPose(motion, frame: start) { start += 1 }
        while end > start && isTPose(motion, frame: end - 1) { end -= 1 }
        return start..<end
    }
}

extension SMPLMotion {
    /// The poses in `range`, same rate and skeleton.
    public func slice(_ range: Range<Int>) -> SMPLMotion {
        let n = SMPLJoint.count
        return SMPLMotion(fps: fps, rootTranslation: Array(rootTranslation[range]),
                          rotations: Array(rotations[(range.lowerBound * n)..<(range.upperBound * n)]), skeleton: skeleton)
    }
}
