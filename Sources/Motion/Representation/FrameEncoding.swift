/// Why motion could not be encoded or decoded.
public enum FrameEncodingError: Error, Equatable, CustomStringConvertible {
    case tooFewPoses(Int)
    case noFrames
    case nonFinite(frame: Int, dim: Int)

    public var description: String {
        switch self {
        case let .tooFewPoses(n): return "encoding needs at least 2 poses (frame t uses poses t and t+1), got \(n)"
        case .noFrames: return "decoding got no feature frames"
        case let .nonFinite(frame, dim): return "feature frame \(frame), dimension \(dim) is NaN or infinite"
        }
    }
}

/// Converts SMPL motion to and from the 276-dim frame vectors (layout in `FrameLayout`).
///
/// Length convention: T poses encode to T − 1 frames (frame t uses poses t and t + 1).
/// Decoding returns T − 1 poses (poses 0 … T − 2, the public code's default), or T poses with
/// `appendFinalPose`: the last pose's root orientation, translation and joint positions are
/// integrated one step further from the velocities (exact), while its local joint rotations,
/// which no frame stores, repeat the previous pose's (the public code's `equal_length`).
public enum FrameEncoding {
    /// How decoding reads root motion and joints.
    public enum Decoding: Sendable {
        /// Each frame's own orientation, translation and joint-position channels.
        case direct
        /// Frame 0's values, then the velocity channels accumulated (the public code's
        /// `recover_from_velocity`, used for evaluation).
        case integrated
    }

    /// Encodes `motion` (canonical frame expected; see `Curation`) into T − 1 frames.
    public static func encode(_ motion: SMPLMotion) throws -> FeatureFrames {
        let poses = motion.frameCount
        guard poses >= 2 else { throw FrameEncodingError.tooFewPoses(poses) }
        let joints = motion.joints().positions
        let n = SMPLJoint.count, D = FrameLayout.dimension
        var out = [Float](repeating: 0, count: (poses - 1) * D)
        out.withUnsafeMutableBufferPointer { o in
            for t in 0..<(poses - 1) {
                let base = t * D
                func put6D(_ m: Mat3, at d: Int) {
                    o[base + d] = m.c0.x; o[base + d + 1] = m.c1.x; o[base + d + 2] = m.c0.y
                    o[base + d + 3] = m.c1.y; o[base + d + 4] = m.c0.z; o[base + d + 5] = m.c1.z
                }
                func put3(_ v: SIMD3<Float>, at d: Int) { o[base + d] = v.x; o[base + d + 1] = v.y; o[base + d + 2] = v.z }
                for j in 1..<n { put6D(motion.rotations[t * n + j], at: FrameLayout.localRotations.lowerBound + (j - 1) * 6) }
                for j in 0..<n {
                    let now = joints[t * n + j], next = joints[(t + 1) * n + j]
                    put3(now, at: FrameLayout.jointPositions.lowerBound + j * 3)
                    put3(next - now, at: FrameLayout.jointVelocities.lowerBound + j * 3)
                }
                let root = motion.rotations[t * n], nextRoot = motion.rotations[(t + 1) * n]
                put6D(root, at: FrameLayout.rootOrientation.lowerBound)
                put6D(nextRoot * root.transposed, at: FrameLayout.rootAngularVelocity.lowerBound)
                let tr = motion.rootTranslation[t]
                put3(tr, at: FrameLayout.rootTranslation.lowerBound)
                put3(motion.rootTranslation[t + 1] - tr, at: FrameLayout.translationVelocity.lowerBound)
            }
        }
        if let bad = out.firstIndex(where: { !$0.isFinite }) {
            throw FrameEncodingError.nonFinite(frame: bad / D, dim: bad % D)
        }
        return FeatureFrames(fps: motion.fps, values: out)
    }

    /// SMPL parameters and joint positions read back from feature frames. The joints come
    /// from the position/velocity channels (what evaluation measures), not from FK.
    public static func decode(_ frames: FeatureFrames, _ decoding: Decoding = .integrated,
                              appendFinalPose: Bool = false, skeleton: Skeleton = .smpl22) throws -> DecodedMotion {
        let count = frames.frameCount
        guard count > 0 else { throw FrameEncodingError.noFrames }
        if let bad = frames.values.firstIndex(where: { !$0.isFinite }) {
            throw FrameEncodingError.nonFinite(frame: bad / FrameLayout.dimension, dim: bad % FrameLayout.dimension)
        }
        let n = SMPLJoint.count, poses = count + (appendFinalPose ? 1 : 0)
        var rotations = [Mat3](repeating: .identity, count: poses * n)
        var translation = [SIMD3<Float>](repeating: .zero, count: poses)
        var joints = [SIMD3<Float>](repeating: .zero, count: poses * n)
        frames.values.withUnsafeBufferPointer { v in
            func read6D(_ t: Int, _ d: Int) -> Mat3 {
                let i = t * FrameLayout.dimension + d
                return Mat3(sixDColumns: SIMD3(v[i], v[i + 2], v[i + 4]), SIMD3(v[i + 1], v[i + 3], v[i + 5]))
            }
            func read3(_ t: Int, _ d: Int) -> SIMD3<Float> {
                let i = t * FrameLayout.dimension + d
                return SIMD3(v[i], v[i + 1], v[i + 2])
            }
            for p in 0..<poses {
                let t = min(p, count - 1) // the appended pose repeats the last local rotations
                for j in 1..<n { rotations[p * n + j] = read6D(t, FrameLayout.localRotations.lowerBound + (j - 1) * 6) }
                let integrate = decoding == .integrated || p == count
                if integrate && p > 0 {
                    let velocity = read6D(p - 1, FrameLayout.rootAngularVelocity.lowerBound)
                    rotations[p * n] = velocity * rotations[(p - 1) * n]
                    translation[p] = translation[p - 1] + read3(p - 1, FrameLayout.translationVelocity.lowerBound)
                    for j in 0..<n {
                        joints[p * n + j] = joints[(p - 1) * n + j] + read3(p - 1, FrameLayout.jointVelocities.lowerBound + j * 3)
                    }
                } else {
                    rotations[p * n] = read6D(p, FrameLayout.rootOrientation.lowerBound)
                    translation[p] = read3(p, FrameLayout.rootTranslation.lowerBound)
                    for j in 0..<n { joints[p * n + j] = read3(p, FrameLayout.jointPositions.lowerBound + j * 3) }
                }
            }
        }
        return DecodedMotion(
            smpl: SMPLMotion(fps: frames.fps, rootTranslation: translation, rotations: rotations, skeleton: skeleton),
            joints: JointSequence(fps: frames.fps, jointCount: n, positions: joints))
    }
}

/// What decoding gives: SMPL parameters (for FK, export and rendering) and the joint positions
/// carried by the frames themselves (for metrics).
public struct DecodedMotion: Equatable, Sendable {
    public var smpl: SMPLMotion
    public var joints: JointSequence
}
