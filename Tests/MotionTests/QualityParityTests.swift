import XCTest
import Foundation
import Autograd
@testable import Motion

/// The five joint-based dimensions against the values of the public reference implementation
/// (`Fixtures/mbench-quality/README.md` says where the inputs and numbers come from).
final class QualityParityTests: XCTestCase {
    static let directory = Bundle.module.url(forResource: "Fixtures/mbench-quality", withExtension: nil)!

    static func joints(_ name: String) throws -> JointSequence {
        let array = try NPY.read(contentsOf: directory.appendingPathComponent("\(name).npy"))
        XCTAssertEqual(Array(array.shape.dropFirst()), [22, 3], name)
        let f = try array.floats()
        return JointSequence(fps: 20, jointCount: 22,
                             positions: stride(from: 0, to: f.count, by: 3).map { SIMD3(f[$0], f[$0 + 1], f[$0 + 2]) })
    }

    func testAllFiftyFiveReferenceValues() throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("expected.json"))
        let expected = try JSONDecoder().decode([String: [String: Double]].self, from: data)
        XCTAssertEqual(expected.count, 11)
        var compared = 0
        for (name, dimensions) in expected.sorted(by: { $0.key < $1.key }) {
            let scores = try QualityScores(Self.joints(name))
            for (key, reference) in dimensions {
                let dimension = try XCTUnwrap(QualityDimension(rawValue: key), key)
                let ours = scores[dimension]
                XCTAssertLessThanOrEqual(abs(ours - reference), max(1e-6, 1e-4 * abs(reference)),
                                         "\(name) \(key): ours \(ours), reference \(reference)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 55)
    }

    /// IK on the performer's own skeleton gives back real mocap joints (CMU walking: every
    /// bone of the mapped skeleton is rigid but the head's, which the mapping stretches by 3 mm).
    func testInverseKinematicsOnAPerformerSkeletonReproducesRealMocap() throws {
        let source = try Self.joints("cmu0101_b")
        let skeleton = InverseKinematics.performerSkeleton(from: Array(source.positions[0..<22]))
        let solved = try InverseKinematics(skeleton: skeleton)(source).joints()
        for t in 0..<source.frameCount {
            for j in 0..<22 {
                let tolerance: Float = j == SMPLJoint.head.rawValue ? 4e-3 : 1e-4
                XCTAssertLessThan(length(solved[frame: t, joint: j] - source[frame: t, joint: j]), tolerance, "frame \(t) joint \(j)")
            }
        }
    }

    /// CMU trial 01_01 opens with a calibration T-pose frame; curation trims exactly that one.
    func testTPoseOfRealMocapIsTrimmed() throws {
        for (name, first) in [("cmu0101_a", 1), ("box_real_a", 0)] {
            let source = try Self.joints(name)
            let motion = try InverseKinematics(skeleton: InverseKinematics.performerSkeleton(from: Array(source.positions[0..<22])))(source)
            XCTAssertEqual(TPoseTrimmer().keptRange(motion), first..<source.frameCount, name)
        }
    }

    /// Real mocap (CMU walking, boxing) through IK and retargeting to the SMPL template keeps
    /// its quality: no new penetration, sliding and jitter of the same order.
    func testRetargetingRealMocapKeepsItsQuality() throws {
        for name in ["cmu0101_a", "box_real_a"] {
            let source = try Self.joints(name)
            let retargeted = try Retargeting.toSMPL(source).joints()
            let before = try QualityScores(source), after = try QualityScores(retargeted)
            XCTAssertEqual(after.groundPenetration, 0, name)
            XCTAssertEqual(after.jitterDegree, before.jitterDegree, accuracy: 0.25 * before.jitterDegree, name)
            XCTAssertEqual(after.dynamicDegree, before.dynamicDegree, accuracy: 0.2 * before.dynamicDegree, name)
            XCTAssertLessThan(after.footSliding, 2.5 * before.footSliding, name)
            // Bone lengths are the template's on every frame.
            let lengths = Skeleton.smpl22.boneLengths
            for j in [SMPLJoint.leftKnee, .rightAnkle, .leftElbow, .head] {
                let p = Skeleton.smpl22.parents[j.rawValue]
                XCTAssertEqual(length(retargeted[frame: 37, joint: j.rawValue] - retargeted[frame: 37, joint: p]), lengths[j.rawValue], accuracy: 1e-4)
            }
        }
    }
}
