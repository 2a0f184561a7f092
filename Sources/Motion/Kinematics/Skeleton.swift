/// A kinematic tree: joint names, parent indices (−1 for the root; parents precede children)
/// and each joint's rest offset from its parent, in metres.
///
/// `Skeleton.smpl22` is the body every model in the project uses; importers build other
/// skeletons (a BVH hierarchy, say) and map them onto it.
public struct Skeleton: Equatable, Sendable {
    public var names: [String]
    public var parents: [Int]
    public var offsets: [SIMD3<Float>]

    public init(names: [String], parents: [Int], offsets: [SIMD3<Float>]) {
        precondition(names.count == parents.count && names.count == offsets.count,
                     "skeleton arrays differ in length: \(names.count) names, \(parents.count) parents, \(offsets.count) offsets")
        for (j, p) in parents.enumerated() {
            precondition(p < j, "joint \(names[j]) has parent \(p); parents must precede children")
        }
        self.names = names; self.parents = parents; self.offsets = offsets
    }

    public var jointCount: Int { names.count }

    /// The index of a joint by name, or nil.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// Children of each joint.
    public var children: [[Int]] {
        var c = [[Int]](repeating: [], count: jointCount)
        for (j, p) in parents.enumerated() where p >= 0 { c[p].append(j) }
        return c
    }
}

extension Skeleton {
    /// The first 22 SMPL(-X) body joints (ARCHITECTURE.md §4), rest offsets of the SMPL neutral
    /// template converted to the canonical frame: Z up, body facing +y, +x from the left hip to
    /// the right hip (x_c = −x, y_c = z, z_c = y of SMPL's own axes). The pelvis row holds the
    /// template's pelvis position; forward kinematics places the pelvis at the root translation.
    public static let smpl22: Skeleton = {
        let smplFrame: [SIMD3<Float>] = [
            SIMD3(-0.001795, -0.223333, 0.028219), SIMD3(0.069520, -0.091406, -0.006815),
            SIMD3(-0.067670, -0.090522, -0.004320), SIMD3(-0.002533, 0.108963, -0.026696),
            SIMD3(0.034277, -0.375199, -0.004496), SIMD3(-0.038290, -0.382569, -0.008850),
            SIMD3(0.005487, 0.135180, 0.001092), SIMD3(-0.013596, -0.397961, -0.043693),
            SIMD3(0.015774, -0.398415, -0.042312), SIMD3(0.001457, 0.052922, 0.025425),
            SIMD3(0.026358, -0.055791, 0.119288), SIMD3(-0.025372, -0.048144, 0.123348),
            SIMD3(-0.002778, 0.213870, -0.042857), SIMD3(0.078845, 0.121749, -0.034090),
            SIMD3(-0.081759, 0.118833, -0.038615), SIMD3(0.005152, 0.064970, 0.051349),
            SIMD3(0.090977, 0.030469, -0.008868), SIMD3(-0.096012, 0.032551, -0.009143),
            SIMD3(0.259612, -0.012772, -0.027456), SIMD3(-0.253742, -0.013329, -0.021401),
            SIMD3(0.249234, 0.008986, -0.001171), SIMD3(-0.255298, 0.007772, -0.005559),
        ]
        return Skeleton(
            names: SMPLJoint.allCases.map(\.name),
            parents: [-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19],
            offsets: smplFrame.map { SMPLFrame.toCanonical($0) })
    }()
}

/// The 22 SMPL body joints, in SMPL order (ARCHITECTURE.md §4). Feet are 10 and 11.
public enum SMPLJoint: Int, CaseIterable, Sendable {
    case pelvis, leftHip, rightHip, spine1, leftKnee, rightKnee, spine2, leftAnkle, rightAnkle,
         spine3, leftFoot, rightFoot, neck, leftCollar, rightCollar, head, leftShoulder,
         rightShoulder, leftElbow, rightElbow, leftWrist, rightWrist

    /// The snake_case name used by SMPL tooling (`left_hip`, …).
    public var name: String {
        String(describing: self).reduce(into: "") { s, c in
            if c.isUppercase { s += "_" + c.lowercased() } else { s.append(c) }
        }
    }

    public static let count = 22
    public static let feet: [SMPLJoint] = [.leftFoot, .rightFoot]
}

/// SMPL's own axes (+x body's left, +y up, +z forward) against the canonical frame.
public enum SMPLFrame {
    /// The rotation taking SMPL-frame vectors to the canonical frame: x_c = −x, y_c = z, z_c = y.
    public static let toCanonicalMatrix = Mat3(rows: SIMD3(-1, 0, 0), SIMD3(0, 0, 1), SIMD3(0, 1, 0))

    public static func toCanonical(_ v: SIMD3<Float>) -> SIMD3<Float> { SIMD3(-v.x, v.z, v.y) }
}
