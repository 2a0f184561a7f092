import Foundation
@testable import Plot

/// A 22-joint SMPL-like body (same joint order, parents and rest offsets as
/// `Skeleton.smpl22` in Motion, copied here because Plot must not import Motion), posed by
/// a tiny forward kinematics, for pictures a person can judge: a T-pose and a walk.
enum SyntheticFigure {
    static let parents = [-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19]
    /// Canonical frame (Z up, facing +y, +x from the left hip to the right hip), metres.
    static let offsets: [SIMD3<Double>] = [
        SIMD3(0.001795, 0.028219, -0.223333), SIMD3(-0.069520, -0.006815, -0.091406), SIMD3(0.067670, -0.004320, -0.090522),
        SIMD3(0.002533, -0.026696, 0.108963), SIMD3(-0.034277, -0.004496, -0.375199), SIMD3(0.038290, -0.008850, -0.382569),
        SIMD3(-0.005487, 0.001092, 0.135180), SIMD3(0.013596, -0.043693, -0.397961), SIMD3(-0.015774, -0.042312, -0.398415),
        SIMD3(-0.001457, 0.025425, 0.052922), SIMD3(-0.026358, 0.119288, -0.055791), SIMD3(0.025372, 0.123348, -0.048144),
        SIMD3(0.002778, -0.042857, 0.213870), SIMD3(-0.078845, -0.034090, 0.121749), SIMD3(0.081759, -0.038615, 0.118833),
        SIMD3(-0.005152, 0.051349, 0.064970), SIMD3(-0.090977, -0.008868, 0.030469), SIMD3(0.096012, -0.009143, 0.032551),
        SIMD3(-0.259612, -0.027456, -0.012772), SIMD3(0.253742, -0.021401, -0.013329), SIMD3(-0.249234, -0.001171, 0.008986),
        SIMD3(0.255298, -0.005559, 0.007772),
    ]
    static let leftJoints: Set<Int> = [1, 4, 7, 10, 13, 16, 18, 20]
    static let rightJoints: Set<Int> = [2, 5, 8, 11, 14, 17, 19, 21]
    static let head = 15

    static var bones: [StickBone] {
        (1..<parents.count).map { j in
            StickBone(parents[j], j, side: leftJoints.contains(j) ? .left : (rightJoints.contains(j) ? .right : .centre))
        }
    }

    /// Joint positions for local rotations `local[j]` (identity when absent), pelvis at `root`.
    static func pose(root: SIMD3<Double>, local: [Int: Rotation]) -> [SIMD3<Float>] {
        var global = [Rotation](repeating: .identity, count: parents.count)
        var position = [SIMD3<Double>](repeating: .zero, count: parents.count)
        for j in parents.indices {
            let parent = parents[j]
            if parent < 0 {
                global[j] = local[j] ?? .identity
                position[j] = root
            } else {
                global[j] = global[parent] * (local[j] ?? .identity)
                position[j] = position[parent] + global[parent].apply(offsets[j])
            }
        }
        return position.map { SIMD3<Float>(Float($0.x), Float($0.y), Float($0.z)) }
    }

    static func tPose() -> [SIMD3<Float>] { pose(root: SIMD3(0, 0, 0.93), local: [:]) }

    /// A walk along +y at 1.2 m/s: legs and arms swing in opposition, knees bend in the swing.
    static func walk(frames: Int, fps: Double = 20) -> StickFigureMotion {
        var poses: [[SIMD3<Float>]] = []
        var roots: [SIMD3<Float>] = []
        for t in 0..<frames {
            let phase = 2 * Double.pi * 0.9 * Double(t) / fps
            let swing = 0.45 * sin(phase)
            let root = SIMD3(0.0, 1.2 * Double(t) / fps, 0.91 + 0.02 * cos(2 * phase))
            let local: [Int: Rotation] = [
                1: .aboutX(swing), 2: .aboutX(-swing),
                4: .aboutX(-0.7 * max(0, cos(phase))), 5: .aboutX(-0.7 * max(0, -cos(phase))),
                16: .aboutX(-0.6 * swing) * .aboutY(-1.25), 17: .aboutX(0.6 * swing) * .aboutY(1.25),
                18: .aboutZ(-0.35), 19: .aboutZ(0.35),
            ]
            let joints = pose(root: root, local: local)
            poses.append(joints)
            roots.append(joints[0])
        }
        return StickFigureMotion(title: "a person walks forward briskly, swinging their arms", frames: poses,
                                 bones: bones, rootTrajectory: roots, headJoint: head, fps: fps)
    }
}

/// A 3×3 rotation matrix, rows stored, just enough for the synthetic figure.
struct Rotation {
    var rows: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)

    static let identity = Rotation(rows: (SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)))

    static func aboutX(_ a: Double) -> Rotation {
        Rotation(rows: (SIMD3(1, 0, 0), SIMD3(0, cos(a), -sin(a)), SIMD3(0, sin(a), cos(a))))
    }
    static func aboutY(_ a: Double) -> Rotation {
        Rotation(rows: (SIMD3(cos(a), 0, sin(a)), SIMD3(0, 1, 0), SIMD3(-sin(a), 0, cos(a))))
    }
    static func aboutZ(_ a: Double) -> Rotation {
        Rotation(rows: (SIMD3(cos(a), -sin(a), 0), SIMD3(sin(a), cos(a), 0), SIMD3(0, 0, 1)))
    }

    func apply(_ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((rows.0 * v).sum(), (rows.1 * v).sum(), (rows.2 * v).sum())
    }

    static func * (a: Rotation, b: Rotation) -> Rotation {
        let columns = (b.apply0, b.apply1, b.apply2)
        func row(_ r: SIMD3<Double>) -> SIMD3<Double> { SIMD3((r * columns.0).sum(), (r * columns.1).sum(), (r * columns.2).sum()) }
        return Rotation(rows: (row(a.rows.0), row(a.rows.1), row(a.rows.2)))
    }

    private var apply0: SIMD3<Double> { SIMD3(rows.0.x, rows.1.x, rows.2.x) }
    private var apply1: SIMD3<Double> { SIMD3(rows.0.y, rows.1.y, rows.2.y) }
    private var apply2: SIMD3<Double> { SIMD3(rows.0.z, rows.1.z, rows.2.z) }
}
