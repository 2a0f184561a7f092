/// Moves a motion given as joint positions onto the SMPL template's bone lengths.
///
/// Bone directions are kept (by `InverseKinematics`), lengths become the template's, and the
/// pelvis trajectory is scaled by the ratio of leg lengths (template ÷ performer, measured on
/// the first frame) so that a shorter body takes proportionally shorter steps: horizontal
/// displacement from the first frame and height above z = 0 are both scaled. Finally the whole
/// motion is shifted vertically so its lowest joint is as high as the performer's, keeping the
/// feet on the floor even where the template's hip geometry differs from the performer's.
public enum Retargeting {
    /// SMPL parameters with the template skeleton whose joints follow `joints`.
    public static func toSMPL(_ joints: JointSequence, skeleton: Skeleton = .smpl22,
                              scaleTranslation: Bool = true) throws -> SMPLMotion {
        var motion = try InverseKinematics(skeleton: skeleton)(joints)
        guard scaleTranslation else { return motion }
        let first = Array(joints.positions[0..<SMPLJoint.count])
        let performer = legLength(first)
        guard performer > 1e-6 else { return motion }
        let scale = legLength(skeleton.forwardKinematics(rootPosition: .zero,
                                                         rotations: ArraySlice([Mat3](repeating: .identity, count: SMPLJoint.count))))
            / performer
        let start = motion.rootTranslation[0]
        motion.rootTranslation = motion.rootTranslation.map { r in
            SIMD3(start.x + (r.x - start.x) * scale, start.y + (r.y - start.y) * scale, r.z * scale)
        }
        let lift = (joints.positions.map(\.z).min() ?? 0) - (motion.joints().positions.map(\.z).min() ?? 0)
        motion.rootTranslation = motion.rootTranslation.map { $0 + SIMD3(0, 0, lift) }
        return motion
    }

    /// Mean of the two hip→knee→ankle→foot chain lengths.
    static func legLength(_ p: [SIMD3<Float>]) -> Float {
        func chain(_ j: [SMPLJoint]) -> Float {
            zip(j, j.dropFirst()).map { length(p[$1.rawValue] - p[$0.rawValue]) }.reduce(0, +)
        }
        return (chain([.leftHip, .leftKnee, .leftAnkle, .leftFoot]) + chain([.rightHip, .rightKnee, .rightAnkle, .rightFoot])) / 2
    }
}
