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
/// Pairs of capsules that are at most two bones apart along the skeleton (a thigh and the
/// spine meet at the pelvis through the hip girdle) overlap in any pose by construction and
/// are never tested; nor are the thighs against the lower trunk (pelvis → spine1 → spine2),
/// which meet at the hip joint whatever the performer's proportions. Skeletons mapped from
/// other rigs often stack joints on one point (a zero-length collar or spine bone): `adapted(to:)`
/// merges those joints before deciding which capsules are neighbours, and drops the
/// zero-length capsules.
public struct BodyCapsules: Sendable, Equatable {
    /// Per capsule: the joint it starts at (the bone's parent joint).
    public let startJoints: [Int]
    /// Per capsule: the joint it ends at.
    public let endJoints: [Int]
    /// Per capsule: its radius in metres.
    public let radii: [Float]
    /// The capsule pairs that are tested (indices into the arrays above).
    public let testedPairs: [(Int, Int)]
    /// Pairs never tested besides neighbours (capsule indices, smaller first).
    public let excludedPairs: Set<[Int]>
    /// Neighbours up to this many bones apart are not tested.
    public let minimumSeparation: Int

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

    /// The thighs against the lower trunk (by their end joints).
    public static let smplExtraExclusions: [(SMPLJoint, SMPLJoint)] = [
        (.leftKnee, .spine1), (.leftKnee, .spine2), (.rightKnee, .spine1), (.rightKnee, .spine2),
    ]

    /// One capsule per non-root joint `j` (from `parents[j]` to `j`) with `radii[j − 1]`;
    /// pairs more than `minimumSeparation` bones apart are tested, except `excludedEnds`
    /// (pairs of bones named by their end joints).
    public init(parents: [Int], radii: [Float], minimumSeparation: Int = 2,
                excludedEnds: [(Int, Int)] = smplExtraExclusions.map { ($0.0.rawValue, $0.1.rawValue) }) {
        precondition(radii.count == parents.count - 1,
                     "BodyCapsules: \(radii.count) radii for \(parents.count - 1) bones")
        let bones = Array(1..<parents.count)
        startJoints = bones.map { parents[$0] }
        endJoints = bones
        self.radii = radii
        self.minimumSeparation = minimumSeparation
        excludedPairs = Set(excludedEnds.map { [min($0.0, $0.1) - 1, max($0.0, $0.1) - 1] })
        testedPairs = Self.pairs(starts: startJoints, ends: endJoints, separation: minimumSeparation,
                                 excluded: excludedPairs, merged: Array(0..<parents.count), dropped: [])
    }

    private init(_ base: BodyCapsules, testedPairs: [(Int, Int)]) {
        startJoints = base.startJoints; endJoints = base.endJoints; radii = base.radii
        excludedPairs = base.excludedPairs; minimumSeparation = base.minimumSeparation
        self.testedPairs = testedPairs
    }

    /// The same capsules for a body whose joints sit at `rest` (one pose): a joint closer than
    /// `collapseBelow` metres to its parent, grandparent or a sibling counts as the same joint
    /// (mapped rigs stack collars on the neck, spine joints on each other — a fixed property of
    /// the rig, unlike two hands that meet), and bones shorter than that are not tested.
    public func adapted(to rest: ArraySlice<SIMD3<Float>>, collapseBelow: Float = 0.02) -> BodyCapsules {
        let base = rest.startIndex, jointCount = (endJoints.max() ?? 0) + 1
        var merged = Array(0..<jointCount)
        func root(_ j: Int) -> Int { var j = j; while merged[j] != j { j = merged[j] }; return j }
        var parent = [Int](repeating: -1, count: jointCount)
        for bone in startJoints.indices { parent[endJoints[bone]] = startJoints[bone] }
        func related(_ a: Int, _ b: Int) -> Bool {
            let grandparent = { (j: Int) in parent[j] >= 0 ? parent[parent[j]] : -1 }
            return parent[b] == a || parent[a] == b || (parent[a] == parent[b] && parent[a] >= 0)
                || grandparent(b) == a || grandparent(a) == b
        }
        for a in 0..<jointCount {
            for b in (a + 1)..<jointCount where related(a, b) && length(rest[base + a] - rest[base + b]) < collapseBelow {
                let (ra, rb) = (root(a), root(b))
                if ra != rb { merged[max(ra, rb)] = min(ra, rb) }
            }
        }
        let roots = merged.indices.map(root)
        guard roots != Array(0..<jointCount) else { return self }
        let dropped = Set(startJoints.indices.filter { roots[startJoints[$0]] == roots[endJoints[$0]] })
        return BodyCapsules(self, testedPairs: Self.pairs(starts: startJoints, ends: endJoints, separation: minimumSeparation,
                                                         excluded: excludedPairs, merged: roots, dropped: dropped))
    }

    /// Bone pairs further apart than `separation` in the bone graph (joints identified through
    /// `merged`), minus `excluded` and any pair with a `dropped` bone.
    static func pairs(starts: [Int], ends: [Int], separation: Int, excluded: Set<[Int]>, merged: [Int],
                      dropped: Set<Int>) -> [(Int, Int)] {
        let distance = boneGraphDistances(starts: starts.map { merged[$0] }, ends: ends.map { merged[$0] })
        var pairs: [(Int, Int)] = []
        for a in starts.indices where !dropped.contains(a) {
            for b in (a + 1)..<starts.count where !dropped.contains(b) && distance[a][b] > separation
                && !excluded.contains([a, b]) {
                pairs.append((a, b))
            }
        }
        return pairs
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
