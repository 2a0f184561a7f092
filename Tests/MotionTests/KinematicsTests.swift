import Autograd
import XCTest
@testable import Motion

final class KinematicsTests: XCTestCase {
    /// A plausible random pose: root turned about z, moderate joint rotations.
    static func randomPoses(_ frames: Int, seed: UInt64, spread: Float = 0.6) -> SMPLMotion {
        var rng = RandomGenerator(seed: seed)
        var rotations: [Mat3] = [], roots: [SIMD3<Float>] = []
        for t in 0..<frames {
            roots.append(SIMD3(0.02 * Float(t), 0.01 * Float(t), 0.9))
            for j in 0..<SMPLJoint.count {
                let axis = SIMD3(Float.random(in: -1...1, using: &rng), Float.random(in: -1...1, using: &rng),
                                 Float.random(in: -1...1, using: &rng))
                let angle = j == 0 ? Float.random(in: -3...3, using: &rng) : Float.random(in: 0...spread, using: &rng)
                rotations.append(j == 0 ? Mat3(axis: SIMD3(0, 0, 1), angle: angle) * Mat3(axis: axis, angle: 0.2)
                                        : Mat3(axis: axis, angle: angle))
            }
        }
        return SMPLMotion(fps: 20, rootTranslation: roots, rotations: rotations)
    }

    static func maxDistance(_ a: JointSequence, _ b: JointSequence) -> Float {
        zip(a.positions, b.positions).map { length($0 - $1) }.max() ?? 0
    }

    func testRestPoseForwardKinematics() {
        let rest = SMPLMotion(fps: 20, rootTranslation: [SIMD3(0, 0, 1)],
                              rotations: [Mat3](repeating: .identity, count: 22)).joints()
        // Canonical frame: z up, +x towards the right hip, the body faces +y.
        XCTAssertGreaterThan(rest[frame: 0, joint: SMPLJoint.head.rawValue].z, rest[frame: 0, joint: 0].z + 0.4)
        XCTAssertGreaterThan(rest[frame: 0, joint: SMPLJoint.rightHip.rawValue].x, rest[frame: 0, joint: SMPLJoint.leftHip.rawValue].x)
        XCTAssertGreaterThan(rest[frame: 0, joint: SMPLJoint.leftFoot.rawValue].y, rest[frame: 0, joint: SMPLJoint.leftAnkle.rawValue].y)
        let height = rest[frame: 0, joint: SMPLJoint.head.rawValue].z - rest[frame: 0, joint: SMPLJoint.leftFoot.rawValue].z
        XCTAssertEqual(height, 1.49, accuracy: 0.03)
        // The general skeleton FK agrees with SMPLMotion's.
        let general = Skeleton.smpl22.forwardKinematics(rootPosition: SIMD3(0, 0, 1), rotations: ArraySlice(Array(repeating: Mat3.identity, count: 22)))
        XCTAssertEqual(general, rest.positions)
    }

    func testInverseThenForwardKinematicsReproducesJoints() throws {
        let motion = Self.randomPoses(12, seed: 3)
        let joints = motion.joints()
        let solved = try InverseKinematics()(joints)
        XCTAssertLessThan(Self.maxDistance(solved.joints(), joints), 1e-4)
        // Solved rotations are proper rotations.
        for r in solved.rotations { XCTAssertEqual(r.determinant, 1, accuracy: 1e-4) }
        // Root orientation is fully determined by hips + spine, so it is recovered exactly.
        for t in 0..<motion.frameCount {
            XCTAssertLessThan(length((solved.rotation(frame: t, joint: 0).transposed * motion.rotation(frame: t, joint: 0)).axisAngle), 1e-3)
        }
    }

    func testHingeTwistMakesKneeBendAboutItsAxis() throws {
        var rotations = [Mat3](repeating: .identity, count: 22)
        rotations[SMPLJoint.leftHip.rawValue] = Mat3(axis: SIMD3(0, 0, 1), angle: 0.7) * Mat3(axis: SIMD3(1, 0, 0), angle: -0.5)
        rotations[SMPLJoint.leftKnee.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: 1.0)
        let joints = SMPLMotion(fps: 20, rootTranslation: [SIMD3(0, 0, 1)], rotations: rotations).joints()
        let solved = try InverseKinematics()(joints)
        let knee = solved.rotation(frame: 0, joint: SMPLJoint.leftKnee.rawValue).axisAngle
        XCTAssertEqual(length(knee), 1.0, accuracy: 0.05)
        XCTAssertGreaterThan(abs(knee.x) / length(knee), 0.98, "knee axis \(knee)")
        XCTAssertLessThan(Self.maxDistance(solved.joints(), joints), 1e-4)
    }

    func testRetargetingKeepsDirectionsAndTakesTemplateLengths() throws {
        let motion = Self.randomPoses(4, seed: 9, spread: 0.4)
        var joints = motion.joints()
        // A performer 20 % taller: every offset scaled about the pelvis.
        for t in 0..<joints.frameCount {
            let root = joints[frame: t, joint: 0]
            for j in 0..<22 { joints[frame: t, joint: j] = root + (joints[frame: t, joint: j] - root) * 1.2 }
        }
        let retargeted = try Retargeting.toSMPL(joints)
        let out = retargeted.joints()
        let lengths = Skeleton.smpl22.boneLengths
        for t in 0..<out.frameCount {
            for j in 1..<22 {
                let p = Skeleton.smpl22.parents[j]
                let bone = out[frame: t, joint: j] - out[frame: t, joint: p]
                let source = joints[frame: t, joint: j] - joints[frame: t, joint: p]
                XCTAssertEqual(length(bone), lengths[j], accuracy: 1e-4)
                XCTAssertGreaterThan(dot(bone, source) / (length(bone) * length(source)), 0.9999)
            }
        }
        // The pelvis trajectory shrinks with the legs.
        let moved = length(retargeted.rootTranslation[3] - retargeted.rootTranslation[0])
        let sourceMoved = length(joints[frame: 3, joint: 0] - joints[frame: 0, joint: 0])
        XCTAssertEqual(moved / sourceMoved, 1 / 1.2, accuracy: 0.02)
    }

    func testMappedSkeletonsWithStackedJointsStillGiveTheRootAndChest() throws {
        // As a mapped CMU skeleton does: spine1 on the pelvis, both collars on spine3.
        var rotations = Self.randomPoses(1, seed: 21).rotations
        rotations[SMPLJoint.spine1.rawValue] = .identity
        rotations[SMPLJoint.leftCollar.rawValue] = .identity
        rotations[SMPLJoint.rightCollar.rawValue] = .identity
        let truth = SMPLMotion(fps: 20, rootTranslation: [SIMD3(0, 0, 1)], rotations: rotations)
        var joints = truth.joints()
        joints[frame: 0, joint: SMPLJoint.spine1.rawValue] = joints[frame: 0, joint: 0]
        for c in [SMPLJoint.leftCollar, .rightCollar] { joints[frame: 0, joint: c.rawValue] = joints[frame: 0, joint: SMPLJoint.spine3.rawValue] }
        let solved = try InverseKinematics()(joints)
        for j in [SMPLJoint.pelvis, .spine3] {
            let world = { (m: SMPLMotion) in
                var r = Mat3.identity, k = j.rawValue
                var chain: [Int] = []
                while k >= 0 { chain.append(k); k = Skeleton.smpl22.parents[k] }
                for c in chain.reversed() { r = r * m.rotation(frame: 0, joint: c) }
                return r
            }
            XCTAssertLessThan(length((world(solved).transposed * world(truth)).axisAngle), 1e-3, "\(j)")
        }
    }

    func testInverseKinematicsRejectsBadInput() {
        let wrong = JointSequence(fps: 20, jointCount: 21, positions: Array(repeating: .zero, count: 21))
        XCTAssertThrowsError(try InverseKinematics()(wrong)) {
            XCTAssertEqual($0 as? KinematicsError, .wrongJointCount(got: 21, need: 22))
        }
        var nan = SMPLMotion(fps: 20, rootTranslation: [.zero], rotations: Array(repeating: .identity, count: 22)).joints()
        nan[frame: 0, joint: 5] = SIMD3(.nan, 0, 0)
        XCTAssertThrowsError(try InverseKinematics()(nan)) {
            XCTAssertEqual($0 as? KinematicsError, .nonFinite(frame: 0, joint: 5))
        }
    }
}
