/// Why a motion cannot be measured.
public enum MotionQualityError: Error, Equatable, CustomStringConvertible {
    case tooFewFrames(got: Int, need: Int)
    case tooFewJoints(got: Int)
    case nonFinite(frame: Int, joint: Int)

    public var description: String {
        switch self {
        case let .tooFewFrames(got, need):
            return "quality metrics need at least \(need) frames, got \(got)"
        case let .tooFewJoints(got):
            return "quality metrics need the SMPL joint order (pelvis 0, feet 10 and 11), got only \(got) joints"
        case let .nonFinite(frame, joint):
            return "joint \(joint) at frame \(frame) is NaN or infinite"
        }
    }
}

/// The joint-based MBench quality dimensions, computed as the public reference implementation
/// (`mbench/motion_quality.py` of the ViMoGen code) computes them, on joints in metres,
/// Z up, floor at z = 0, per-frame differences (20 fps). Joint 0 is the pelvis, 10 and 11 the feet.
///
/// Arithmetic is done in Float32 in the reference's order (differences of differences, not
/// a second-difference stencil) so threshold decisions match; means accumulate in Double.
public enum QualityMetrics {
    public static let footJoints = [SMPLJoint.leftFoot.rawValue, SMPLJoint.rightFoot.rawValue]
    /// Contact: foot speed below this (m/frame) …
    public static let contactSpeed: Float = 0.01
    /// … or foot height below this (m).
    public static let contactHeight: Float = 0.02
    /// Ground Penetration ignores feet less than 5 mm below the floor.
    public static let penetrationTolerance: Float = 0.005

    /// Mean ‖second difference‖ of the joints plus the same of the pelvis-relative joints.
    public static func jitterDegree(_ joints: JointSequence) throws -> Double { try measure(joints, 3, unvalidatedJitter) }

    /// Mean ‖first difference‖ of the joints plus the same of the pelvis-relative joints.
    public static func dynamicDegree(_ joints: JointSequence) throws -> Double { try measure(joints, 2, unvalidatedDynamic) }

    /// Mean depth of the foot samples more than 5 mm below the floor; 0 when there are none.
    public static func groundPenetration(_ joints: JointSequence) throws -> Double { try measure(joints, 1, unvalidatedGroundPenetration) }

    /// Horizontal foot speed averaged over each foot's contact frames, mean of both feet.
    public static func footSliding(_ joints: JointSequence) throws -> Double { try measure(joints, 2, unvalidatedFootSliding) }

    /// The share of frames the reference rule set flags as floating (see `FootFloating`).
    public static func footFloating(_ joints: JointSequence) throws -> Double { try measure(joints, 2, FootFloating.unvalidatedScore) }

    // MARK: Implementations (inputs already validated)

    static func measure(_ joints: JointSequence, _ minimumFrames: Int, _ metric: (JointSequence) -> Double) throws -> Double {
        try validate(joints, minimumFrames: minimumFrames)
        return metric(joints)
    }

    static func validate(_ joints: JointSequence, minimumFrames: Int) throws {
        guard joints.jointCount >= 12 else { throw MotionQualityError.tooFewJoints(got: joints.jointCount) }
        guard joints.frameCount >= minimumFrames else {
            throw MotionQualityError.tooFewFrames(got: joints.frameCount, need: minimumFrames)
        }
        if let bad = joints.positions.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            throw MotionQualityError.nonFinite(frame: bad / joints.jointCount, joint: bad % joints.jointCount)
        }
    }

    /// Mean norm of the `order`-th forward difference over all joints, once for the joints and
    /// once for the joints relative to the pelvis.
    static func differenceMagnitude(_ joints: JointSequence, order: Int) -> Double {
        let n = joints.jointCount, frames = joints.frameCount, p = joints.positions
        var global = 0.0, local = 0.0
        for t in 0..<(frames - order) {
            let a = t * n, b = a + n, c = b + n
            let rootA = p[a], rootB = p[b], rootC = order == 2 ? p[c] : .zero
            for j in 0..<n {
                if order == 1 {
                    global += Double(length(p[b + j] - p[a + j]))
                    local += Double(length((p[b + j] - rootB) - (p[a + j] - rootA)))
                } else {
                    global += Double(length((p[c + j] - p[b + j]) - (p[b + j] - p[a + j])))
                    let la = p[a + j] - rootA, lb = p[b + j] - rootB, lc = p[c + j] - rootC
                    local += Double(length((lc - lb) - (lb - la)))
                }
            }
        }
        let count = Double((frames - order) * n)
        return global / count + local / count
    }

    static func unvalidatedJitter(_ joints: JointSequence) -> Double { differenceMagnitude(joints, order: 2) }
    static func unvalidatedDynamic(_ joints: JointSequence) -> Double { differenceMagnitude(joints, order: 1) }

    static func unvalidatedGroundPenetration(_ joints: JointSequence) -> Double {
        var sum = 0.0, count = 0
        for t in 0..<joints.frameCount {
            for f in footJoints {
                let z = joints[frame: t, joint: f].z
                if z < -penetrationTolerance { sum += Double(abs(z)); count += 1 }
            }
        }
        return count == 0 ? 0 : sum / Double(count)
    }

    static func unvalidatedFootSliding(_ joints: JointSequence) -> Double {
        let feet = FootKinematics(joints)
        var perFoot = [Double](repeating: 0, count: 2)
        for k in 0..<2 {
            var slide = 0.0, contacts = 0
            for t in 0..<joints.frameCount where feet.contact[t * 2 + k] {
                let v = feet.velocity[t * 2 + k]
                slide += Double((v.x * v.x + v.y * v.y).squareRoot())
                contacts += 1
            }
            // The reference divides by (count + 1e-6) in Float32, where the 1e-6 vanishes
            // unless the count is 0.
            perFoot[k] = contacts == 0 ? 0 : slide / Double(contacts)
        }
        return (perFoot[0] + perFoot[1]) / 2
    }
}

/// Foot positions, velocities and contact labels as the reference computes them: forward
/// differences with the last one repeated so every frame has a velocity. Flat storage,
/// index `t * 2 + foot` (foot 0 left, 1 right).
struct FootKinematics {
    var position: [SIMD3<Float>]
    var velocity: [SIMD3<Float>]
    var contact: [Bool]

    init(_ joints: JointSequence) {
        let frames = joints.frameCount
        var position = [SIMD3<Float>](repeating: .zero, count: frames * 2)
        for t in 0..<frames {
            position[t * 2] = joints[frame: t, joint: QualityMetrics.footJoints[0]]
            position[t * 2 + 1] = joints[frame: t, joint: QualityMetrics.footJoints[1]]
        }
        let velocity = forwardDifferences(position, stride: 2)
        contact = (0..<(frames * 2)).map { i in
            length(velocity[i]) < QualityMetrics.contactSpeed || position[i].z < QualityMetrics.contactHeight
        }
        self.position = position; self.velocity = velocity
    }
}

/// `x[t+1] − x[t]` for interleaved rows of `stride` values, the last row repeated (needs ≥ 2 rows).
func forwardDifferences(_ x: [SIMD3<Float>], stride: Int) -> [SIMD3<Float>] {
    var d = [SIMD3<Float>](repeating: .zero, count: x.count)
    let rows = x.count / stride
    for i in 0..<((rows - 1) * stride) { d[i] = x[i + stride] - x[i] }
    for k in 0..<stride { d[(rows - 1) * stride + k] = d[(rows - 2) * stride + k] }
    return d
}
