/// Two-bone leg inverse kinematics on SMPL motion: re-aims thigh and shank so a foot joint
/// reaches a point, keeping the foot's world orientation and the knee's bend plane.
///
/// Used wherever a foot must stay where it stands: the World's foot lock and resampling's
/// stance pin.
public enum LegReach {
    /// The joints of one leg, hip to foot.
    public struct Leg: Sendable {
        public let hip: Int, knee: Int, ankle: Int, foot: Int
        public static let left = Leg(hip: SMPLJoint.leftHip.rawValue, knee: SMPLJoint.leftKnee.rawValue,
                                     ankle: SMPLJoint.leftAnkle.rawValue, foot: SMPLJoint.leftFoot.rawValue)
        public static let right = Leg(hip: SMPLJoint.rightHip.rawValue, knee: SMPLJoint.rightKnee.rawValue,
                                      ankle: SMPLJoint.rightAnkle.rawValue, foot: SMPLJoint.rightFoot.rawValue)
        public static let both = [left, right]
    }

    /// Moves `leg`'s foot joint at frame `t` to `toe` (as near as the leg reaches). Returns
    /// false, changing nothing, where the solution would bend the knee backwards, unless
    /// `kneeMayOverextend` (for generated poses whose knee already bends the wrong way, where
    /// refusing would leave the foot sliding: the knee then stays on the side it is on).
    @discardableResult
    public static func reach(_ motion: inout SMPLMotion, frame t: Int, leg: Leg, toe: SIMD3<Float>,
                             kneeMayOverextend: Bool = false) -> Bool {
        let off = motion.skeleton.offsets, base = t * SMPLJoint.count
        let root = motion.rotations[base]
        let hipLocal = motion.rotations[base + leg.hip], kneeLocal = motion.rotations[base + leg.knee]
        let ankleLocal = motion.rotations[base + leg.ankle]
        let wHip = root * hipLocal, wKnee = wHip * kneeLocal, wAnkle = wKnee * ankleLocal
        let pHip = motion.rootTranslation[t] + root * off[leg.hip]
        let pKnee = pHip + wHip * off[leg.knee]
        let ankleTarget = toe - wAnkle * off[leg.foot]
        let l1 = length(off[leg.knee]), l2 = length(off[leg.ankle])
        let d = ankleTarget - pHip
        let reach = min(max(length(d), abs(l1 - l2) + 1e-3), l1 + l2 - 1e-3)
        let dir = d / max(length(d), 1e-6)
        var pole = (pKnee - pHip) - dot(pKnee - pHip, dir) * dir
        if length(pole) < 1e-5 { pole = wHip * SIMD3<Float>(0, 1, 0) - dot(wHip * SIMD3<Float>(0, 1, 0), dir) * dir }
        pole /= length(pole)
        let along = (l1 * l1 - l2 * l2 + reach * reach) / (2 * reach)
        let knee = pHip + along * dir + (max(0, l1 * l1 - along * along)).squareRoot() * pole
        let newHip = Mat3(rotating: wHip * off[leg.knee], onto: knee - pHip) * wHip
        let newKneeWorld = Mat3(rotating: newHip * kneeLocal * off[leg.ankle], onto: pHip + dir * reach - knee) * newHip * kneeLocal
        let newKnee = (newHip.transposed * newKneeWorld).orthonormalized
        // A knee only flexes (shank behind the thigh's line).
        guard kneeMayOverextend || newKnee[2, 1] <= 0 else { return false }
        motion.rotations[base + leg.hip] = (root.transposed * newHip).orthonormalized
        motion.rotations[base + leg.knee] = newKnee
        motion.rotations[base + leg.ankle] = (newKneeWorld.transposed * wAnkle).orthonormalized
        return true
    }
}
