import Motion

/// MBench's Body Penetration stand-in (ARCHITECTURE §3): self-collision of the capsule body.
///
/// Per frame, the penetration depth `max(0, r_a + r_b − distance(a, b))` is summed over the
/// tested (non-adjacent) capsule pairs; the score is the mean over frames, in metres. Lower is
/// better; 0 means no two body parts overlap anywhere in the motion.
public struct BodyPenetration: Sendable {
    /// The body model.
    public var capsules: BodyCapsules

    /// A metric over `capsules` (SMPL's by default).
    public init(capsules: BodyCapsules = .smpl22) { self.capsules = capsules }

    /// The summed penetration depth of one frame (metres), with `capsules` adapted to the
    /// motion's first frame (see `BodyCapsules.adapted(to:)`).
    public func depth(frame t: Int, of joints: JointSequence) -> Float {
        depth(frame: t, of: joints, capsules: capsules.adapted(to: joints.positions[0..<joints.jointCount]))
    }

    func depth(frame t: Int, of joints: JointSequence, capsules: BodyCapsules) -> Float {
        let base = t * joints.jointCount
        var total: Float = 0
        for (a, b) in capsules.testedPairs {
            let reach = capsules.radii[a] + capsules.radii[b]
            let distance = segmentDistance(joints.positions[base + capsules.startJoints[a]],
                                           joints.positions[base + capsules.endJoints[a]],
                                           joints.positions[base + capsules.startJoints[b]],
                                           joints.positions[base + capsules.endJoints[b]])
            if distance < reach { total += reach - distance }
        }
        return total
    }

    /// The mean over frames of the per-frame depth (metres). Throws on an empty sequence, a
    /// skeleton other than SMPL's 22 joints or a non-finite position.
    public func callAsFunction(_ joints: JointSequence) throws -> Double {
        try validate(joints)
        let adapted = capsules.adapted(to: joints.positions[0..<joints.jointCount])
        var sum = 0.0
        for t in 0..<joints.frameCount { sum += Double(depth(frame: t, of: joints, capsules: adapted)) }
        return sum / Double(joints.frameCount)
    }

    func validate(_ joints: JointSequence) throws {
        guard joints.jointCount == capsules.radii.count + 1 else {
            throw MBenchError.wrongJointCount(got: joints.jointCount, need: capsules.radii.count + 1)
        }
        guard joints.frameCount > 0 else { throw MBenchError.emptyMotion }
        if let bad = joints.positions.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            throw MBenchError.nonFinite(frame: bad / joints.jointCount, joint: bad % joints.jointCount)
        }
    }
}
