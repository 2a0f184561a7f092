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

/// Finds the calibration T-poses many mocap files start (or end) with.
///
/// Judged on joint positions, so a mapped skeleton's own rest geometry does not matter: a
/// frame is a T-pose when both arms are straight, horizontal and pointing sideways (away from
/// each other along the hip axis) and both legs are straight and vertical, each within
/// `tolerance` radians. Only leading and trailing runs are removed: a T-pose in the middle of a
/// take is part of the performance. (CMU 01_01 and 01_03 start with one such frame, followed by
/// a 0.6–0.9 m jump into the performance.)
public struct TPoseTrimmer: Sendable {
    public var tolerance: Float

    public init(tolerance: Float = 0.35) { self.tolerance = tolerance }

    /// True when the pose with these 22 joint positions is a T-pose.
    public func isTPose(_ p: ArraySlice<SIMD3<Float>>) -> Bool {
        typealias J = SMPLJoint
        let o = p.startIndex
        func at(_ j: J) -> SIMD3<Float> { p[o + j.rawValue] }
        func angle(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float {
            let n = length(a) * length(b)
            return n > 1e-9 ? acos(min(1, max(-1, dot(a, b) / n))) : .pi
        }
        var across = at(.rightHip) - at(.leftHip)
        across.z = 0
        let down = SIMD3<Float>(0, 0, -1)
        for (shoulder, elbow, wrist, side) in [(J.leftShoulder, J.leftElbow, J.leftWrist, -across), (.rightShoulder, .rightElbow, .rightWrist, across)] {
            let upper = at(elbow) - at(shoulder), lower = at(wrist) - at(elbow)
            guard angle(upper, lower) < tolerance, angle(upper + lower, side) < tolerance else { return false }
        }
        for (hip, knee, ankle) in [(J.leftHip, J.leftKnee, J.leftAnkle), (.rightHip, .rightKnee, .rightAnkle)] {
            let thigh = at(knee) - at(hip), shin = at(ankle) - at(knee)
            guard angle(thigh, shin) < tolerance, angle(thigh + shin, down) < tolerance else { return false }
        }
        return true
    }

    /// The frame range left after removing leading and trailing T-pose frames (empty when
    /// the whole motion is a T-pose).
    public func keptRange(_ motion: SMPLMotion) -> Range<Int> {
        let joints = motion.joints().positions, n = SMPLJoint.count
        func isT(_ t: Int) -> Bool { isTPose(joints[(t * n)..<((t + 1) * n)]) }
        var start = 0, end = motion.frameCount
        while start < end && isT(start) { start += 1 }
        while end > start && isT(end - 1) { end -= 1 }
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
