import Foundation

/// Why joint positions could not be turned into rotations.
public enum KinematicsError: Error, Equatable, CustomStringConvertible {
    case wrongJointCount(got: Int, need: Int)
    case empty
    case nonFinite(frame: Int, joint: Int)

    public var description: String {
        switch self {
        case let .wrongJointCount(got, need):
            return "inverse kinematics needs \(need) joints in SMPL order, got \(got); map the skeleton to the SMPL 22 first"
        case .empty: return "inverse kinematics got a motion with no frames"
        case let .nonFinite(frame, joint): return "joint \(joint) at frame \(frame) is NaN or infinite"
        }
    }
}

/// Rotations from joint positions for the 22-joint SMPL body, in the spirit of HumanML3D's
/// `inverse_kinematics`: each joint's rotation turns its child's rest bone direction onto the
/// observed one.
///
/// - The root (pelvis) and spine3, which have several children, get a full orientation fitted
///   from two directions: the left→right hip (collar) axis and the pelvis→spine1
///   (spine3→neck) bone; where a mapped skeleton put two joints on one point (spine1 on the
///   pelvis, collars on spine3), the hips' midpoint→pelvis vector, the next joint up the
///   spine, the shoulders or the head stand in.
/// - Joints with one child get the smallest rotation that aligns the bone (no twist relative
///   to the parent), except the hips and shoulders, whose twist follows the knee/elbow bend
///   plane so knees and elbows bend about their hinge axis; the twist fades in between 10° and
///   30° of bend, where the plane is well defined.
/// - Leaves (feet, head, wrists) carry no information and get the identity.
///
/// Forward kinematics of the result with the same skeleton reproduces the input exactly when
/// the input's bone lengths are the skeleton's; otherwise it keeps every bone direction and
/// the skeleton's lengths (that is retargeting, see `Retargeting`).
public struct InverseKinematics: Sendable {
    /// Supplies the rest bone directions (and, for the result, the bone lengths).
    public let skeleton: Skeleton
    /// Joint positions of the rest pose (identity rotations, pelvis at the origin).
    let restPositions: [SIMD3<Float>]

    public init(skeleton: Skeleton = .smpl22) {
        precondition(skeleton.jointCount == SMPLJoint.count, "InverseKinematics needs the 22-joint SMPL tree")
        self.skeleton = skeleton
        restPositions = skeleton.forwardKinematics(rootPosition: .zero,
                                                   rotations: ArraySlice(Array(repeating: Mat3.identity, count: SMPLJoint.count)))
    }

    /// Rotations for every frame; the root translation is the observed pelvis.
    public func callAsFunction(_ joints: JointSequence) throws -> SMPLMotion {
        guard joints.jointCount == SMPLJoint.count else {
            throw KinematicsError.wrongJointCount(got: joints.jointCount, need: SMPLJoint.count)
        }
        guard joints.frameCount > 0 else { throw KinematicsError.empty }
        if let bad = joints.positions.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            throw KinematicsError.nonFinite(frame: bad / SMPLJoint.count, joint: bad % SMPLJoint.count)
        }
        var rotations: [Mat3] = []
        rotations.reserveCapacity(joints.positions.count)
        var roots: [SIMD3<Float>] = []
        for t in 0..<joints.frameCount {
            let frame = joints.positions[(t * SMPLJoint.count)..<((t + 1) * SMPLJoint.count)]
            rotations += pose(Array(frame))
            roots.append(frame[frame.startIndex])
        }
        return SMPLMotion(fps: joints.fps, rootTranslation: roots, rotations: rotations, skeleton: skeleton)
    }

    /// The 22 rotations (root world orientation, then parent-relative) of one pose.
    public func pose(_ p: [SIMD3<Float>]) -> [Mat3] {
        typealias J = SMPLJoint
        let off = skeleton.offsets, parents = skeleton.parents, children = Self.children
        var local = [Mat3](repeating: .identity, count: J.count)
        var world = [Mat3](repeating: .identity, count: J.count)

        let rest = restPositions
        // Root: hips axis + pelvis→spine1. Where a mapped skeleton stacked spine1 on the
        // pelvis, the hips' midpoint→pelvis vector (rigid with the pelvis too) stands in, then
        // the next joint up the spine.
        let hips = (p[J.rightHip.rawValue] - p[J.leftHip.rawValue], rest[J.rightHip.rawValue] - rest[J.leftHip.rawValue])
        var up = (p[J.spine1.rawValue] - p[0], rest[J.spine1.rawValue] - rest[0])
        if length(up.0) <= Self.degenerateLength {
            let mid = (p[J.leftHip.rawValue] + p[J.rightHip.rawValue]) / 2
            let restMid = (rest[J.leftHip.rawValue] + rest[J.rightHip.rawValue]) / 2
            if length(cross(p[0] - mid, hips.0)) > Self.degenerateLength * length(hips.0) {
                up = (p[0] - mid, rest[0] - restMid)
            } else {
                let bone = Self.firstBone(from: 0, to: [.spine2, .spine3, .neck], p, rest: rest)
                up = (bone.observed, bone.rest)
            }
        }
        world[0] = Self.fit(observed: (hips.0, up.0), rest: (hips.1, up.1))
        local[0] = world[0]

        for j in 1..<J.count {
            let parentWorld = world[parents[j]]
            let kids = children[j]
            if j == J.spine3.rawValue {
                // Collars axis (shoulders where the collars coincide) + spine3→neck (or head).
                let collars = Self.observedOrNext(p, rest, (.leftCollar, .rightCollar), (.leftShoulder, .rightShoulder))
                let up = Self.firstBone(from: j, to: [.neck, .head], p, rest: rest)
                let w = Self.fit(observed: (collars.observed, up.observed), rest: (collars.rest, up.rest))
                local[j] = parentWorld.transposed * w
            } else if let c = kids.first {
                let bone = parentWorld.transposed * (p[c] - p[j])
                var r = Mat3(rotating: off[c], onto: bone)
                if let hinge = Self.hingeAxis[j], let g = children[c].first {
                    let next = parentWorld.transposed * (p[g] - p[c])
                    r = Self.hingeTwist(bone: bone, next: next, restAxis: hinge, swing: r) * r
                }
                local[j] = r
            }
            world[j] = parentWorld * local[j]
        }
        return local
    }

    /// A skeleton shaped like the performer of `positions` (one frame, SMPL order): every
    /// bone takes the performer's length, and the bones whose direction no rotation of their
    /// own controls (the hips and spine1 under the pelvis, the neck and collars under spine3)
    /// also take the performer's direction, measured in the pelvis/spine3 frame that IK fits.
    /// IK with this skeleton followed by FK then reproduces a rigid-pelvis performer (any
    /// mocap skeleton) to float precision, instead of moving the hips to the template's place.
    public static func performerSkeleton(from positions: [SIMD3<Float>], template: Skeleton = .smpl22) -> Skeleton {
        precondition(positions.count == SMPLJoint.count, "performerSkeleton needs 22 positions, got \(positions.count)")
        let sized = template.withBoneLengths(from: positions)
        let pose = InverseKinematics(skeleton: sized).pose(positions)
        var world = [Mat3](repeating: .identity, count: SMPLJoint.count)
        var offsets = sized.offsets
        for j in 0..<SMPLJoint.count {
            let p = template.parents[j]
            world[j] = p < 0 ? pose[0] : world[p] * pose[j]
            guard p >= 0, children[p].count > 1 else { continue }
            offsets[j] = world[p].transposed * (positions[j] - positions[p])
        }
        return Skeleton(names: template.names, parents: template.parents, offsets: offsets)
    }

    // MARK: Helpers

    static let children = Skeleton.smpl22.children

    /// Observed bones shorter than this are treated as missing (a mapped skeleton that put two
    /// SMPL joints at one place).
    static let degenerateLength: Float = 0.01

    /// The vector from joint `a` to the first of `candidates` that is not on top of it, with
    /// the matching rest vector (the last candidate if all coincide).
    static func firstBone(from a: Int, to candidates: [SMPLJoint], _ p: [SIMD3<Float>],
                          rest: [SIMD3<Float>]) -> (observed: SIMD3<Float>, rest: SIMD3<Float>) {
        let b = candidates.first { length(p[$0.rawValue] - p[a]) > degenerateLength } ?? candidates[candidates.count - 1]
        return (p[b.rawValue] - p[a], rest[b.rawValue] - rest[a])
    }

    /// The left→right vector of the first pair whose joints are apart, with its rest vector.
    static func observedOrNext(_ p: [SIMD3<Float>], _ rest: [SIMD3<Float>], _ first: (SMPLJoint, SMPLJoint),
                               _ second: (SMPLJoint, SMPLJoint)) -> (observed: SIMD3<Float>, rest: SIMD3<Float>) {
        let a = p[first.1.rawValue] - p[first.0.rawValue]
        if length(a) > degenerateLength { return (a, rest[first.1.rawValue] - rest[first.0.rawValue]) }
        return (p[second.1.rawValue] - p[second.0.rawValue], rest[second.1.rawValue] - rest[second.0.rawValue])
    }

    /// Hinge axes (in the joint's rest frame) of the knee/elbow below each hip/shoulder:
    /// knees bend about the left–right axis, elbows (arms out, palms down) about the vertical.
    static let hingeAxis: [Int: SIMD3<Float>] = [
        SMPLJoint.leftHip.rawValue: SIMD3(1, 0, 0), SMPLJoint.rightHip.rawValue: SIMD3(1, 0, 0),
        SMPLJoint.leftShoulder.rawValue: SIMD3(0, 0, 1), SMPLJoint.rightShoulder.rawValue: SIMD3(0, 0, 1),
    ]

    /// The rotation R with R·frame(rest) = frame(observed), frames built from two directions.
    static func fit(observed: (SIMD3<Float>, SIMD3<Float>), rest: (SIMD3<Float>, SIMD3<Float>)) -> Mat3 {
        Mat3(frameFrom: observed.0, observed.1) * Mat3(frameFrom: rest.0, rest.1).transposed
    }

    /// A twist about `bone` turning the swung hinge axis toward the observed bend normal
    /// (whichever sign is nearer, so a straightening limb never flips the twist by a half turn).
    static func hingeTwist(bone: SIMD3<Float>, next: SIMD3<Float>, restAxis: SIMD3<Float>, swing: Mat3) -> Mat3 {
        let u = bone / max(length(bone), 1e-12)
        let normal = cross(u, next)
        let bend = atan2(length(normal), dot(u, next)) * 180 / .pi
        let weight = min(1, max(0, (bend - 10) / 20))
        guard weight > 0 else { return .identity }
        let axis = swing * restAxis
        let a = axis - dot(axis, u) * u, n = normal - dot(normal, u) * u
        guard length(a) > 1e-6, length(n) > 1e-6 else { return .identity }
        var angle = atan2(dot(cross(a, n), u), dot(a, n))
        if angle > .pi / 2 { angle -= .pi } else if angle < -.pi / 2 { angle += .pi }
        return Mat3(axis: u, angle: angle * weight)
    }
}
