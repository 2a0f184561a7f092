import Motion

/// Foot-skate cleanup in the manner of Kovar, Schreiner & Gleicher (2002), on generated
/// (denormalised) 276-dim frames: the joints are rebuilt from the decoded rotations and root
/// trajectory by forward kinematics (rigid bones), foot contacts are detected with hysteresis,
/// each contact foot is held at its contact-start position by two-bone leg IK (the root moving
/// horizontally where the leg cannot reach), the hold fades out over `blendFrames` after the
/// contact, and the frames are re-encoded from the corrected rotations and root, so positions,
/// velocities, rotations (and hence exports) all show the same motion.
///
/// Why: the network predicts rotations, joint positions and velocities separately; pinning the
/// integrated foot joints alone can leave a foot far from its leg. Here the foot is where the
/// leg puts it, by construction.
public struct FootSkateCleanup: Codable, Sendable, Equatable {
    /// A foot below this height (m, floor at z = 0) is in contact whatever its speed.
    public var touchHeight: Float = 0.03
    /// A foot below this height that moves slower than `contactSpeed` starts a contact.
    public var contactHeight: Float = 0.06
    /// Horizontal speed (m per frame) under which a low foot starts a contact.
    public var contactSpeed: Float = 0.03
    /// A contact ends once the foot rises above this height (hysteresis).
    public var releaseHeight: Float = 0.09
    /// Largest horizontal root shift (m) a contact may ask for; a contact that would need more
    /// ends instead (the leg has left its stance).
    public var maximumRootShift: Float = 0.06
    /// Frames over which a released foot returns to the network's path.
    public var blendFrames: Int = 4

    public init(touchHeight: Float = 0.03, contactHeight: Float = 0.06, contactSpeed: Float = 0.03,
                releaseHeight: Float = 0.09, maximumRootShift: Float = 0.06, blendFrames: Int = 4) {
        self.touchHeight = touchHeight; self.contactHeight = contactHeight; self.contactSpeed = contactSpeed
        self.releaseHeight = releaseHeight; self.maximumRootShift = maximumRootShift; self.blendFrames = blendFrames
    }

    /// `frames` with contact feet held (raw, denormalised features; same frame count).
    public func apply(_ frames: FeatureFrames) throws -> FeatureFrames {
        var motion = try FrameEncoding.decode(frames, appendFinalPose: true).smpl
        let joints = motion.joints()
        let poses = motion.frameCount
        var targets: [[SIMD3<Float>?]] = []
        var rootShift = [SIMD2<Float>](repeating: .zero, count: poses)
        var shiftWeight = [Float](repeating: 0, count: poses)
        for leg in TwoBoneLeg.both {
            let (target, shift) = footTargets(leg, joints: joints, skeleton: motion.skeleton)
            targets.append(target)
            for t in 0..<poses where shift[t] != nil { rootShift[t] += shift[t]!; shiftWeight[t] += 1 }
        }
        for t in 0..<poses where shiftWeight[t] > 1 { rootShift[t] /= shiftWeight[t] }
        // A root that jumps by centimetres in one frame would show as jitter: smooth the shift.
        rootShift = Self.smoothed(rootShift)
        for t in 0..<poses { motion.rootTranslation[t] += SIMD3(rootShift[t].x, rootShift[t].y, 0) }
        for (leg, target) in zip(TwoBoneLeg.both, targets) {
            for t in 0..<poses { if let goal = target[t] { leg.reach(&motion, frame: t, foot: goal) } }
        }
        return try FrameEncoding.encode(motion)
    }

    /// Per pose: where `leg`'s foot should be (nil: where it is) and the root shift that lets
    /// the leg reach it (nil: none needed).
    func footTargets(_ leg: TwoBoneLeg, joints: JointSequence, skeleton: Skeleton) -> ([SIMD3<Float>?], [SIMD2<Float>?]) {
        let poses = joints.frameCount
        let reach = (length(skeleton.offsets[leg.knee]) + length(skeleton.offsets[leg.ankle])) * 0.995
            + length(skeleton.offsets[leg.foot])
        var targets = [SIMD3<Float>?](repeating: nil, count: poses)
        var shifts = [SIMD2<Float>?](repeating: nil, count: poses)
        var anchor: SIMD2<Float>?
        var held = SIMD2<Float>.zero       // offset from the network's foot at release
        var sinceRelease = Int.max
        for t in 0..<poses {
            let foot = joints[frame: t, joint: leg.foot], hip = joints[frame: t, joint: leg.hip]
            let next = joints[frame: min(t + 1, poses - 1), joint: leg.foot]
            let speed = Self.norm(SIMD2(next.x - foot.x, next.y - foot.y))
            let here = SIMD2(foot.x, foot.y)
            if anchor == nil, foot.z < touchHeight || (foot.z < contactHeight && speed < contactSpeed) {
                // A contact starting during a fade begins where the foot is shown, not the network's.
                anchor = here + (sinceRelease < blendFrames ? held * fade(sinceRelease) : .zero)
            }
            if let a = anchor {
                let goal = SIMD3(a.x, a.y, foot.z)
                let excess = length(goal - hip) - reach
                let away = SIMD2(goal.x - hip.x, goal.y - hip.y)
                let need = excess > 0 ? excess * away / max(Self.norm(away), 1e-6) : .zero
                if foot.z > releaseHeight || Self.norm(need) > maximumRootShift {
                    held = a - here; sinceRelease = 0; anchor = nil
                } else {
                    targets[t] = goal
                    if excess > 0 { shifts[t] = need }
                    continue
                }
            }
            if sinceRelease < blendFrames {
                let offset = held * fade(sinceRelease)
                targets[t] = SIMD3(foot.x + offset.x, foot.y + offset.y, foot.z)
                sinceRelease += 1
            }
        }
        return (targets, shifts)
    }

    static func norm(_ v: SIMD2<Float>) -> Float { (v * v).sum().squareRoot() }

    /// The share of the release offset still applied `k` frames after release (1 at release).
    func fade(_ k: Int) -> Float { max(0, 1 - Float(k) / Float(blendFrames)) }

    /// A 5-tap binomial filter over time, ends clamped.
    static func smoothed(_ x: [SIMD2<Float>]) -> [SIMD2<Float>] {
        guard x.count > 2 else { return x }
        let weights: [Float] = [1, 4, 6, 4, 1]
        return x.indices.map { t in
            var sum = SIMD2<Float>.zero
            for (k, w) in weights.enumerated() { sum += w * x[min(max(t + k - 2, 0), x.count - 1)] }
            return sum / 16
        }
    }
}

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
