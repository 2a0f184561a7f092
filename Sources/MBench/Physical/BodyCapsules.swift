import Motion

/// The body as capsules, one per bone of the SMPL 22-joint skeleton: the stand-in for the SMPL
/// mesh that MBench's Body Penetration checks for self-collision (ARCHITECTURE §3).
///
/// Capsule `j − 1` runs from joint `parents[j]` to joint `j` with the radius below (metres,
/// rounded limb and trunk half-thicknesses of an adult of SMPL's neutral size, chosen so that
/// the rest T-pose and an arms-down standing pose touch nowhere):
///
/// | bones | radius |
/// |---|---|
/// | pelvis → hips (hip girdle) | 0.07 |
/// | pelvis → spine1 → spine2 → spine3 (trunk) | 0.10 |
/// | hips → knees (thighs) | 0.06 |
/// | knees → ankles (shins) | 0.045 |
/// | ankles → feet | 0.035 |
/// | spine3 → neck, spine3 → collars | 0.05 |
/// | collars → shoulders | 0.045 |
/// | neck → head (the SMPL head joint sits at the jaw, so this is the neck and chin) | 0.065 |
/// | shoulders → elbows (upper arms) | 0.045 |
/// | elbows → wrists (forearms) | 0.035 |
///
/// Pairs of capsules that are at most two bones apart along the skeleton (a thigh and the trunk
/// meet at the pelvis through the hip girdle) overlap in any pose by construction and are never
/// tested.
public struct BodyCapsules: Sendable, Equatable {
    /// Per capsule: the joint it starts at (the bone's parent joint).
    public let startJoints: [Int]
    /// Per capsule: the joint it ends at.
    public let endJoints: [Int]
    /// Per capsule: its radius in metres.
    public let radii: [Float]
    /// The capsule pairs that are tested (indices into the arrays above).
    public let testedPairs: [(Int, Int)]

    public static func == (a: BodyCapsules, b: BodyCapsules) -> Bool {
        a.startJoints == b.startJoints && a.endJoints == b.endJoints && a.radii == b.radii
            && a.testedPairs.elementsEqual(b.testedPairs, by: { $0 == $1 })
    }

    /// The capsule model of `Skeleton.smpl22` (radii in the table above).
    public static let smpl22 = BodyCapsules(parents: Skeleton.smpl22.parents, radii: [
        0.07, 0.07, 0.10,      // left_hip, right_hip, spine1 (from the pelvis)
        0.06, 0.06, 0.10,      // left_knee, right_knee, spine2
        0.045, 0.045, 0.10,    // left_ankle, right_ankle, spine3
        0.035, 0.035,          // left_foot, right_foot
        0.05, 0.05, 0.05,      // neck, left_collar, right_collar
        0.065,                 // head
        0.045, 0.045,          // left_shoulder, right_shoulder (from the collars)
        0.045, 0.045,          // left_elbow, right_elbow
        0.035, 0.035,          // left_wrist, right_wrist
    ])

    /// One capsule per non-root joint `j` (from `parents[j]` to `j`) with `radii[j − 1]`;
    /// pairs more than `minimumSeparation` bones apart are tested.
    public init(parents: [Int], radii: [Float], minimumSeparation: Int = 2) {
        precondition(radii.count == parents.count - 1,
                     "BodyCapsules: \(radii.count) radii for \(parents.count - 1) bones")
        let bones = Array(1..<parents.count)
        startJoints = bones.map { parents[$0] }
        endJoints = bones
        self.radii = radii
        let distance = Self.boneGraphDistances(starts: startJoints, ends: endJoints)
        var pairs: [(Int, Int)] = []
        for a in 0..<bones.count {
            for b in (a + 1)..<bones.count where distance[a][b] > minimumSeparation { pairs.append((a, b)) }
        }
        testedPairs = pairs
    }

    /// Shortest path lengths between bones, two bones being neighbours when they share a joint.
    static func boneGraphDistances(starts: [Int], ends: [Int]) -> [[Int]] {
        let n = starts.count
        var distance = [[Int]](repeating: [Int](repeating: Int.max, count: n), count: n)
        for source in 0..<n {
            distance[source][source] = 0
            var frontier = [source]
            while !frontier.isEmpty {
                var next: [Int] = []
                for bone in frontier {
                    let joints: Set = [starts[bone], ends[bone]]
                    for other in 0..<n where distance[source][other] == Int.max
                        && (joints.contains(starts[other]) || joints.contains(ends[other])) {
                        distance[source][other] = distance[source][bone] + 1
                        next.append(other)
                    }
                }
                frontier = next
            }
        }
        return distance
    }
}
