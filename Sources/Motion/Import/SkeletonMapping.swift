/// How the points of another skeleton (a BVH hierarchy) become the 22 SMPL joints.
///
/// Limbs, head and neck are found by name (see `JointNames`); the pelvis is where the two
/// legs meet and spine3 where the two arms meet, so the structure, not a naming convention,
/// decides the torso. Joints a skeleton lacks are synthesised by interpolating along the
/// chain that should contain them, at the SMPL template's proportions: spine1/spine2 along
/// pelvis→spine3 (a source joint near the right height is used instead when there is one),
/// the neck along spine3→head, each collar along spine3→shoulder. A joint that sits exactly on
/// its SMPL parent (CMU's `Neck` and `LeftShoulder` have zero offsets) counts as missing,
/// since a zero-length bone carries no direction.
public struct SkeletonMapping: Equatable, Sendable {
    /// Where one SMPL joint comes from.
    public enum Source: Equatable, Sendable {
        /// A source point (joint or End Site) by index.
        case point(Int)
        /// `(1 − t)·a + t·b` of two source points, every frame.
        case interpolated(Int, Int, Float)
    }

    /// One entry per SMPL joint, in SMPL order.
    public var sources: [Source]
    /// The source skeleton's point names (for reports).
    public var pointNames: [String]

    /// The SMPL joints that no source joint stands for.
    public var synthesised: [SMPLJoint] {
        SMPLJoint.allCases.filter { if case .interpolated = sources[$0.rawValue] { return true } else { return false } }
    }

    /// "Hips", or "0.72 of Ab→Chest" for a synthesised joint.
    public func describe(_ joint: SMPLJoint) -> String {
        switch sources[joint.rawValue] {
        case let .point(p): return pointNames[p]
        case let .interpolated(a, b, t):
            return "\((t * 100).rounded() / 100) of \(pointNames[a])→\(pointNames[b])"
        }
    }

    /// The 22 SMPL joint positions of every frame of `positions` (`frames × pointNames.count`).
    public func apply(_ positions: [SIMD3<Float>]) -> [SIMD3<Float>] {
        let n = pointNames.count
        guard n > 0 else { return [] }
        var out: [SIMD3<Float>] = []
        out.reserveCapacity(positions.count / n * SMPLJoint.count)
        for base in stride(from: 0, to: positions.count, by: n) {
            for s in sources {
                switch s {
                case let .point(p): out.append(positions[base + p])
                case let .interpolated(a, b, t): out.append(positions[base + a] * (1 - t) + positions[base + b] * t)
                }
            }
        }
        return out
    }
}

/// Why a skeleton could not be mapped onto the SMPL 22.
public struct SkeletonMappingError: Error, Equatable, CustomStringConvertible {
    public var missing: [String]
    public var found: [String]
    public var description: String {
        "cannot map the skeleton to the SMPL 22 joints: found no \(missing.joined(separator: ", ")). "
            + "Joints in the file: \(found.joined(separator: ", ")). "
            + "Rename them to a common convention (e.g. CMU or Mixamo: LeftUpLeg, LeftLeg, LeftFoot, LeftToeBase, LeftArm, LeftForeArm, LeftHand, Head)"
    }
}

extension SkeletonMapping {
    /// Maps a skeleton given as point names, parents (−1 for the root, parents first) and
    /// rest positions.
    public init(names: [String], parents: [Int], rest: [SIMD3<Float>]) throws {
        var builder = MappingBuilder(names: names, parents: parents, rest: rest)
        self = try builder.build()
    }
}

/// The search behind `SkeletonMapping.init`: one step per SMPL region.
struct MappingBuilder {
    let names: [String]
    let parents: [Int]
    let rest: [SIMD3<Float>]
    let parsed: [(side: JointNames.Side?, body: String)]
    /// Points closer than this (1 % of the skeleton's size) coincide.
    let epsilon: Float
    var sources = [SkeletonMapping.Source?](repeating: nil, count: SMPLJoint.count)
    var missing: [String] = []

    init(names: [String], parents: [Int], rest: [SIMD3<Float>]) {
        self.names = names; self.parents = parents; self.rest = rest
        parsed = names.map(JointNames.parse)
        let lo = rest.reduce(SIMD3<Float>(repeating: .infinity)) { pointwiseMin($0, $1) }
        let hi = rest.reduce(SIMD3<Float>(repeating: -.infinity)) { pointwiseMax($0, $1) }
        epsilon = max(0.01 * (rest.isEmpty ? 0 : (hi - lo).max()), 1e-6)
    }

    func isAncestor(_ a: Int, of b: Int) -> Bool {
        var p = parents[b]
        while p >= 0 { if p == a { return true }; p = parents[p] }
        return false
    }

    func path(from a: Int, to b: Int) -> [Int] { // b's ancestors strictly below a, top-down
        var chain: [Int] = [], p = parents[b]
        while p >= 0 && p != a { chain.append(p); p = parents[p] }
        return chain.reversed()
    }

    func depth(_ i: Int) -> Int {
        var d = 0, p = parents[i]
        while p >= 0 { d += 1; p = parents[p] }
        return d
    }

    func commonAncestor(_ a: Int, _ b: Int) -> Int {
        var ancestors = Set<Int>(), p = a
        while p >= 0 { ancestors.insert(p); p = parents[p] }
        p = b
        while p >= 0 && !ancestors.contains(p) { p = parents[p] }
        return p
    }

    func apart(_ a: Int, _ b: Int) -> Bool { length(rest[a] - rest[b]) > epsilon }

    /// Sided points named with one of `words` (in the words' priority), optionally below `ancestor`.
    func candidates(_ side: JointNames.Side, _ words: [String], below ancestor: Int? = nil) -> [Int] {
        words.flatMap { w in
            names.indices.filter { i in
                parsed[i].side == side && parsed[i].body == w && ancestor.map { isAncestor($0, of: i) && apart($0, i) } ?? true
            }
        }
    }

    /// A limb chain: the first candidate of each level that has candidates for every level below it.
    func limb(_ side: JointNames.Side, _ levels: [[String]], below root: Int? = nil) -> [Int]? {
        func search(_ level: Int, _ above: Int?) -> [Int]? {
            if level == levels.count { return [] }
            var found = candidates(side, levels[level], below: above)
            // The last level (ankle, wrist) takes the joint nearest the limb's root, so that
            // `left_ankle → left_foot` maps the ankle, not the toe, whatever the word order.
            if level == levels.count - 1 {
                found = found.enumerated().sorted { (depth($0.element), $0.offset) < (depth($1.element), $1.offset) }.map(\.element)
            }
            for c in found {
                if let rest = search(level + 1, c) { return [c] + rest }
            }
            return nil
        }
        return search(0, root)
    }

    mutating func set(_ j: SMPLJoint, _ s: SkeletonMapping.Source) { sources[j.rawValue] = s }

    func point(_ j: SMPLJoint) -> Int? {
        if case let .point(p) = sources[j.rawValue] { return p } else { return nil }
    }

    /// SMPL template bone length from `j`'s parent.
    static func templateLength(_ j: SMPLJoint) -> Float { length(Skeleton.smpl22.offsets[j.rawValue]) }

    mutating func build() throws -> SkeletonMapping {
        typealias J = SMPLJoint
        // Legs and arms.
        let sides: [(JointNames.Side, [J], [J])] = [
            (.left, [.leftHip, .leftKnee, .leftAnkle], [.leftShoulder, .leftElbow, .leftWrist]),
            (.right, [.rightHip, .rightKnee, .rightAnkle], [.rightShoulder, .rightElbow, .rightWrist]),
        ]
        for (side, leg, arm) in sides {
            if let chain = limb(side, [JointNames.hip, JointNames.knee, JointNames.ankle]) {
                for (j, p) in zip(leg, chain) { set(j, .point(p)) }
                let ankle = chain[2]
                let foot: J = side == .left ? .leftFoot : .rightFoot
                // The toe joint, else the ankle's first child or End Site.
                if let toe = candidates(side, JointNames.toe, below: ankle).first
                    ?? names.indices.first(where: { parents[$0] == ankle && apart($0, ankle) }) {
                    set(foot, .point(toe))
                } else { missing.append("\(side.rawValue) toe (no joint or End Site below \(names[ankle]))") }
            } else { missing.append("\(side.rawValue) leg (hip/upleg → knee/leg → ankle/foot)") }
            if let chain = limb(side, [JointNames.upperArm, JointNames.elbow, JointNames.wrist]) {
                for (j, p) in zip(arm, chain) { set(j, .point(p)) }
            } else { missing.append("\(side.rawValue) arm (arm/shoulder → forearm/elbow → hand/wrist)") }
        }
        guard missing.isEmpty else { throw SkeletonMappingError(missing: missing, found: jointNamesOnly) }

        // Torso: pelvis where the legs meet, spine3 where the arms meet.
        let pelvis = commonAncestor(point(.leftHip)!, point(.rightHip)!)
        let spine3 = commonAncestor(point(.leftShoulder)!, point(.rightShoulder)!)
        guard pelvis >= 0, spine3 >= 0, isAncestor(pelvis, of: spine3), apart(pelvis, spine3) else {
            throw SkeletonMappingError(missing: ["spine (the arms must hang from a chain above the hips)"], found: jointNamesOnly)
        }
        set(.pelvis, .point(pelvis)); set(.spine3, .point(spine3))
        mapSpine(pelvis: pelvis, spine3: spine3)

        // Head and neck.
        guard let head = names.indices.first(where: { parsed[$0].side == nil && parsed[$0].body.hasPrefix("head")
                && isAncestor(spine3, of: $0) && apart(spine3, $0) }) else {
            throw SkeletonMappingError(missing: ["head (a joint named Head above the shoulders)"], found: jointNamesOnly)
        }
        set(.head, .point(head))
        let neckPath = path(from: spine3, to: head).filter { apart($0, spine3) && apart($0, head) }
        if let neck = neckPath.first(where: { parsed[$0].body.contains("neck") }) ?? neckPath.first {
            set(.neck, .point(neck))
        } else {
            set(.neck, .interpolated(spine3, head, Self.fraction(J.neck, J.head)))
        }

        // Collars: a joint between spine3 and the shoulder, else interpolated. Two collars at
        // one point (Boxing_Toes puts both at the neck) give no left–right axis: interpolate.
        let pairs = [(J.leftCollar, J.leftShoulder), (J.rightCollar, J.rightShoulder)]
        let found = pairs.map { collar, shoulder -> Int? in
            let s = point(shoulder)!
            return path(from: spine3, to: s).filter { apart($0, spine3) && apart($0, s) }.last
        }
        let distinct = found[0].flatMap { l in found[1].map { r in apart(l, r) } } ?? false
        for ((collar, shoulder), c) in zip(pairs, found) {
            if let c, distinct { set(collar, .point(c)) } else {
                set(collar, .interpolated(spine3, point(shoulder)!, Self.fraction(collar, shoulder)))
            }
        }
        return SkeletonMapping(sources: sources.map { $0! }, pointNames: names)
    }

    /// Where `first` lies on the template chain parent(first)→first→second, as a fraction.
    static func fraction(_ first: SMPLJoint, _ second: SMPLJoint) -> Float {
        let a = templateLength(first), b = templateLength(second)
        return a / (a + b)
    }

    /// spine1 and spine2 on the chain pelvis→spine3: a source joint within 15 % of the chain's
    /// length from the template proportion, else a point interpolated along the chain.
    mutating func mapSpine(pelvis: Int, spine3: Int) {
        let chain = [pelvis] + path(from: pelvis, to: spine3) + [spine3]
        var arc: [Float] = [0]
        for (a, b) in zip(chain, chain.dropFirst()) { arc.append(arc.last! + length(rest[b] - rest[a])) }
        let total = arc.last!
        let l1 = Self.templateLength(.spine1), l2 = Self.templateLength(.spine2), l3 = Self.templateLength(.spine3)
        let targets: [(SMPLJoint, Float)] = [(.spine1, l1 / (l1 + l2 + l3)), (.spine2, (l1 + l2) / (l1 + l2 + l3))]
        var lowest = 0 // chain index a chosen joint must exceed (keeps spine1 below spine2)
        for (joint, f) in targets {
            let goal = f * total
            let near = (1..<(chain.count - 1)).filter {
                $0 > lowest && abs(arc[$0] - goal) < 0.15 * total && arc[$0] > epsilon && total - arc[$0] > epsilon
            }.min(by: { abs(arc[$0] - goal) < abs(arc[$1] - goal) })
            if let k = near {
                set(joint, .point(chain[k])); lowest = k
            } else {
                // The segment of the chain containing the goal (skipping zero-length links).
                var k = 0
                while k + 2 < chain.count && arc[k + 1] < goal { k += 1 }
                let span = arc[k + 1] - arc[k]
                set(joint, .interpolated(chain[k], chain[k + 1], span > 0 ? (goal - arc[k]) / span : 0))
                lowest = max(lowest, k)
            }
        }
    }

    /// Joint names (End Sites omitted) for error messages.
    var jointNamesOnly: [String] { names.filter { !$0.hasSuffix("_End") && !$0.contains("_End") } }
}
