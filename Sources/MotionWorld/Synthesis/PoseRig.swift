import Foundation
import Motion

/// Turns `Pose` channels (degrees) into SMPL local joint rotations, and poses into joint
/// positions relative to the pelvis (forward kinematics with the root at the origin).
///
/// The rig is the only place that knows the SMPL axes: spine, neck and head share bends
/// and twists; hips are flex-then-abduct; knees and elbows are hinges; shoulders aim the
/// upper arm at an (elevation, plane) direction, then swing it in the sagittal plane.
struct PoseRig: Sendable {
    let skeleton: Skeleton = .smpl22
    /// Thigh and shank lengths of the SMPL template (for the gait's leg IK).
    let thigh: Float, shank: Float
    /// Height of the ankle above the toe joint when the foot is level.
    let ankleAboveToe: Float
    /// Ankle-to-toe vector of the level foot in the sagittal plane (forward, up).
    let footVector: SIMD2<Float>

    init() {
        let o = Skeleton.smpl22.offsets
        thigh = length(o[SMPLJoint.leftKnee.rawValue])
        shank = length(o[SMPLJoint.leftAnkle.rawValue])
        ankleAboveToe = -o[SMPLJoint.leftFoot.rawValue].z
        footVector = SIMD2(o[SMPLJoint.leftFoot.rawValue].y, o[SMPLJoint.leftFoot.rawValue].z)
    }

    /// Writes the 22 rotations of `pose` (root orientation from `heading`, radians about +z)
    /// into `out[base ..< base + 22]`.
    func rotations(_ pose: Pose, heading: Float, into out: inout [Mat3], at base: Int) {
        let d2r = Float.pi / 180
        func v(_ c: PoseChannel) -> Float {
            let r = c.range
            return min(max(pose[c], r.lowerBound), r.upperBound) * d2r
        }
        out[base] = rz(heading + v(.rootYaw)) * rx(-v(.rootPitch)) * ry(v(.rootRoll))
        let bend = v(.spineBend), side = v(.spineSide), twist = v(.spineTwist)
        for (joint, share) in [(SMPLJoint.spine1, Float(0.4)), (.spine2, 0.3), (.spine3, 0.3)] {
            out[base + joint.rawValue] = rz(twist * share) * ry(side * share) * rx(-bend * share)
        }
        let nod = v(.neckNod), turn = v(.neckTurn)
        out[base + SMPLJoint.neck.rawValue] = rz(turn * 0.5) * rx(-nod * 0.5)
        out[base + SMPLJoint.head.rawValue] = rz(turn * 0.5) * rx(-nod * 0.5)
        out[base + SMPLJoint.leftHip.rawValue] = ry(v(.lHipAbd)) * rx(v(.lHipFlex))
        out[base + SMPLJoint.rightHip.rawValue] = ry(-v(.rHipAbd)) * rx(v(.rHipFlex))
        out[base + SMPLJoint.leftKnee.rawValue] = rx(-v(.lKnee))
        out[base + SMPLJoint.rightKnee.rawValue] = rx(-v(.rKnee))
        out[base + SMPLJoint.leftAnkle.rawValue] = rx(v(.lAnkle))
        out[base + SMPLJoint.rightAnkle.rawValue] = rx(v(.rAnkle))
        out[base + SMPLJoint.leftFoot.rawValue] = .identity
        out[base + SMPLJoint.rightFoot.rawValue] = .identity
        out[base + SMPLJoint.leftCollar.rawValue] = ry(v(.lCollar))
        out[base + SMPLJoint.rightCollar.rawValue] = ry(-v(.rCollar))
        out[base + SMPLJoint.leftShoulder.rawValue] = shoulder(elevation: v(.lShElev), plane: v(.lShPlane),
                                                               swing: v(.lShSwing), outward: -1)
        out[base + SMPLJoint.rightShoulder.rawValue] = shoulder(elevation: v(.rShElev), plane: v(.rShPlane),
                                                                swing: v(.rShSwing), outward: 1)
        out[base + SMPLJoint.leftElbow.rawValue] = rz(-v(.lElbow))
        out[base + SMPLJoint.rightElbow.rawValue] = rz(v(.rElbow))
        out[base + SMPLJoint.leftWrist.rawValue] = .identity
        out[base + SMPLJoint.rightWrist.rawValue] = .identity
    }

    /// The upper arm aimed at elevation/plane, then swung about the shoulder's lateral axis.
    /// The rest (T-pose) arm is first lowered to hang, so the elbow hinge keeps flexing forward.
    private func shoulder(elevation: Float, plane: Float, swing: Float, outward: Float) -> Mat3 {
        let hang = ry(outward * .pi / 2)
        let s = sin(elevation)
        let aim = SIMD3<Float>(outward * s * sin(plane), s * cos(plane), -cos(elevation))
        return rx(swing) * Mat3(rotating: SIMD3(0, 0, -1), onto: aim) * hang
    }

    /// Joint positions of one frame with the pelvis at the origin (root orientation applied).
    func relativePositions(_ rotations: [Mat3], at base: Int, into out: inout [SIMD3<Float>], at outBase: Int,
                           world: inout [Mat3]) {
        let parents = skeleton.parents, offsets = skeleton.offsets
        world[0] = rotations[base]
        out[outBase] = .zero
        for j in 1..<SMPLJoint.count {
            let p = parents[j]
            world[j] = world[p] * rotations[base + j]
            out[outBase + j] = out[outBase + p] + world[p] * offsets[j]
        }
    }
}

@inline(__always) func rx(_ a: Float) -> Mat3 {
    let c = cos(a), s = sin(a)
    return Mat3(columns: SIMD3(1, 0, 0), SIMD3(0, c, s), SIMD3(0, -s, c))
}
@inline(__always) func ry(_ a: Float) -> Mat3 {
    let c = cos(a), s = sin(a)
    return Mat3(columns: SIMD3(c, 0, -s), SIMD3(0, 1, 0), SIMD3(s, 0, c))
}
@inline(__always) func rz(_ a: Float) -> Mat3 {
    let c = cos(a), s = sin(a)
    return Mat3(columns: SIMD3(c, s, 0), SIMD3(-s, c, 0), SIMD3(0, 0, 1))
}
