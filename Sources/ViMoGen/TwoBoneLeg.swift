import Motion

/// One leg's joints (hip, knee, ankle, foot) and a two-bone IK that moves the foot joint onto a
/// point: the law of cosines places the knee in its current bend plane, the hip and knee
/// rotations turn the bones onto it, and the ankle keeps its world orientation.
struct TwoBoneLeg: Sendable {
    let hip: Int, knee: Int, ankle: Int, foot: Int
    static let left = TwoBoneLeg(hip: SMPLJoint.leftHip.rawValue, knee: SMPLJoint.leftKnee.rawValue,
                                 ankle: SMPLJoint.leftAnkle.rawValue, foot: SMPLJoint.leftFoot.rawValue)
    static let right = TwoBoneLeg(hip: SMPLJoint.rightHip.rawValue, knee: SMPLJoint.rightKnee.rawValue,
                                  ankle: SMPLJoint.rightAnkle.rawValue, foot: SMPLJoint.rightFoot.rawValue)
    static let both = [left, right]

    /// Re-aims thigh and shank at frame `t` so the foot joint lands on `goal` (as near as the
    /// leg reaches). The hips hang off the root, so only the root's rotation is needed above.
    func reach(_ motion: inout SMPLMotion, frame t: Int, foot goal: SIMD3<Float>) {
        let offsets = motion.skeleton.offsets, base = t * SMPLJoint.count
        let root = motion.rotations[base]
        let hipWorld = root * motion.rotations[base + hip]
        let kneeLocal = motion.rotations[base + knee]
        let kneeWorld = hipWorld * kneeLocal
        let ankleWorld = kneeWorld * motion.rotations[base + ankle]
        let hipAt = motion.rootTranslation[t] + root * offsets[hip]
        let kneeAt = hipAt + hipWorld * offsets[knee]
        let ankleAt = kneeAt + kneeWorld * offsets[ankle]
        let ankleGoal = goal - ankleWorld * offsets[foot]
        guard length(ankleGoal - ankleAt) > 1e-5 else { return }
        let thigh = length(offsets[knee]), shank = length(offsets[ankle])
        let toGoal = ankleGoal - hipAt
        let span = min(max(length(toGoal), abs(thigh - shank) + 1e-3), thigh + shank - 1e-3)
        let direction = toGoal / max(length(toGoal), 1e-6)
        // The knee stays on its side of the hip–ankle line (its current bend plane).
        var bend = (kneeAt - hipAt) - dot(kneeAt - hipAt, direction) * direction
        if length(bend) < 1e-5 {
            let forward = hipWorld * SIMD3<Float>(0, 1, 0)
            bend = forward - dot(forward, direction) * direction
        }
        bend /= max(length(bend), 1e-6)
        let along = (thigh * thigh - shank * shank + span * span) / (2 * span)
        let newKnee = hipAt + along * direction + max(0, thigh * thigh - along * along).squareRoot() * bend
        let newAnkle = hipAt + span * direction
        let newHipWorld = Mat3(rotating: kneeAt - hipAt, onto: newKnee - hipAt) * hipWorld
        let turnedKnee = newHipWorld * kneeLocal
        let newKneeWorld = Mat3(rotating: turnedKnee * offsets[ankle], onto: newAnkle - newKnee) * turnedKnee
        motion.rotations[base + hip] = (root.transposed * newHipWorld).orthonormalized
        motion.rotations[base + knee] = (newHipWorld.transposed * newKneeWorld).orthonormalized
        motion.rotations[base + ankle] = (newKneeWorld.transposed * ankleWorld).orthonormalized
    }
}
