/// A motion as SMPL parameters: per frame the pelvis position, the root (pelvis) orientation
/// and 21 parent-relative joint rotations.
///
/// Storage is frame-major: `rotations[t * 22 + j]`; `j = 0` is the global root orientation,
/// `j ≥ 1` are local to the parent in `Skeleton.smpl22`. Units are metres; in the canonical frame
/// (ARCHITECTURE.md §4) Z is up and the floor is z = 0.
public struct SMPLMotion: Equatable, Sendable {
    public var fps: Double
    /// Pelvis world position per frame.
    public var rootTranslation: [SIMD3<Float>]
    /// `frameCount × 22` rotations, frame-major.
    public var rotations: [Mat3]
    /// Bone offsets used by forward kinematics (SMPL's template unless retargeted).
    public var skeleton: Skeleton

    public init(fps: Double, rootTranslation: [SIMD3<Float>], rotations: [Mat3], skeleton: Skeleton = .smpl22) {
        precondition(skeleton.jointCount == SMPLJoint.count, "SMPLMotion needs the 22-joint SMPL skeleton")
        precondition(rotations.count == rootTranslation.count * SMPLJoint.count,
                     "SMPLMotion: \(rotations.count) rotations for \(rootTranslation.count) frames (need 22 per frame)")
        self.fps = fps; self.rootTranslation = rootTranslation; self.rotations = rotations; self.skeleton = skeleton
    }

    public var frameCount: Int { rootTranslation.count }
    public var duration: Double { Double(frameCount) / fps }

    /// The rotation of joint `j` at frame `t`.
    public func rotation(frame t: Int, joint j: Int) -> Mat3 { rotations[t * SMPLJoint.count + j] }

    /// World joint positions by forward kinematics.
    public func joints() -> JointSequence {
        var out = [SIMD3<Float>](repeating: .zero, count: frameCount * SMPLJoint.count)
        var world = [Mat3](repeating: .identity, count: SMPLJoint.count)
        let parents = skeleton.parents, offsets = skeleton.offsets
        for t in 0..<frameCount {
            let base = t * SMPLJoint.count
            world[0] = rotations[base]
            out[base] = rootTranslation[t]
            for j in 1..<SMPLJoint.count {
                let p = parents[j]
                world[j] = world[p] * rotations[base + j]
                out[base + j] = out[base + p] + world[p] * offsets[j]
            }
        }
        return JointSequence(fps: fps, jointCount: SMPLJoint.count, positions: out)
    }
}

/// Joint positions over time: `positions[t * jointCount + j]`, metres.
///
/// The quality metrics (MBench's joint-based dimensions) and the renderers work on this form.
public struct JointSequence: Equatable, Sendable {
    public var fps: Double
    public var jointCount: Int
    public var positions: [SIMD3<Float>]

    public init(fps: Double, jointCount: Int, positions: [SIMD3<Float>]) {
        precondition(jointCount > 0 && positions.count % jointCount == 0,
                     "JointSequence: \(positions.count) positions is not a multiple of \(jointCount) joints")
        self.fps = fps; self.jointCount = jointCount; self.positions = positions
    }

    public var frameCount: Int { positions.count / jointCount }

    public subscript(frame t: Int, joint j: Int) -> SIMD3<Float> {
        get { positions[t * jointCount + j] }
        set { positions[t * jointCount + j] = newValue }
    }
}
