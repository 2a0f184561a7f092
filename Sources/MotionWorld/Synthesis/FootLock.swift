import Motion

/// Pins feet that are down but not bearing the weight (the second foot of a keyed kick, a
/// lunge, a transition): while a foot stays within 2 cm of the floor, two-bone leg IK holds
/// its toe where it touched down, with the foot's orientation kept; after it lifts, the leg
/// eases back to the program over a few airborne frames, where moving is not sliding.
enum FootLock {
    static let contactHeight: Float = 0.02
    /// The hip must be this far above the foot for the leg to be adjustable (not kneeling, lying).
    static let minimumLegHeight: Float = 0.45
    static let releaseFrames = 6

    static func apply(to motion: inout SMPLMotion) {
        let n = SMPLJoint.count, frames = motion.frameCount
        guard frames > 2 else { return }
        let joints = motion.joints()
        let legs: [(hip: Int, knee: Int, ankle: Int, foot: Int)] = [(1, 4, 7, 10), (2, 5, 8, 11)]
        for leg in legs {
            var locked: SIMD3<Float>? = nil
            var release = 0
            var lastTarget = SIMD3<Float>.zero
            let down = (0..<frames).map { t in
                let foot = joints[frame: t, joint: leg.foot], hip = joints[frame: t, joint: leg.hip]
                return foot.z < contactHeight && hip.z - foot.z > minimumLegHeight
            }
            for t in 0..<frames {
                let foot = joints[frame: t, joint: leg.foot]
                var target: SIMD3<Float>? = nil
                if down[t] {
                    if locked == nil { locked = settledPlace(joints, foot: leg.foot, from: t, down: down) }
                    target = SIMD3(locked!.x, locked!.y, foot.z)
                    release = releaseFrames
                    lastTarget = target!
                } else if locked != nil || release > 0 {
                    locked = nil
                    // Ease from the last pinned place back to the program while in the air, fully
                    // held on the first airborne frame: a lift-off that moved sideways at once
                    // would count as sliding on the last contact frame.
                    let w = smootherstep(Float(release) / Float(releaseFrames))
                    target = foot + (lastTarget - foot) * SIMD3(w, w, 0)
                    release -= 1
                }
                if let target, length(target - foot) > 1e-4 {
                    solve(&motion, frame: t, leg: leg, toe: target, base: t * n)
                }
            }
        }
    }

    /// Where the foot of the contact starting at `start` comes to rest: its place at the first
    /// frame within 2 mm of the contact's lowest height. The first frame under 2 cm may still
    /// be the end of a landing's arc (the root keeps its flight velocity for that frame), and
    /// holding the foot there would drag it against the stance the ground contact pinned.
    private static func settledPlace(_ joints: JointSequence, foot: Int, from start: Int, down: [Bool]) -> SIMD3<Float> {
        var end = start
        while end < down.count && down[end] { end += 1 }
        var lowest = Float.greatestFiniteMagnitude
        for t in start..<end { lowest = min(lowest, joints[frame: t, joint: foot].z) }
        for t in start..<end where joints[frame: t, joint: foot].z <= lowest + 0.002 { return joints[frame: t, joint: foot] }
        return joints[frame: start, joint: foot]
    }

    /// Re-aims thigh and shank so the toe reaches `toe`, keeping the foot's world orientation.
    private static func solve(_ motion: inout SMPLMotion, frame t: Int, leg: (hip: Int, knee: Int, ankle: Int, foot: Int),
                              toe: SIMD3<Float>, base: Int) {
        let off = motion.skeleton.offsets
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
        // A knee only flexes (shank behind the thigh's line): leave frames the lock would hyperextend.
        guard newKnee[2, 1] <= 0 else { return }
        motion.rotations[base + leg.hip] = (root.transposed * newHip).orthonormalized
        motion.rotations[base + leg.knee] = newKnee
        motion.rotations[base + leg.ankle] = (newKneeWorld.transposed * wAnkle).orthonormalized
    }
}
