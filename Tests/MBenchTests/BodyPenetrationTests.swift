import XCTest
import Motion
@testable import MBench

final class BodyPenetrationTests: XCTestCase {
    let metric = BodyPenetration()

    func testTPoseAndArmsDownTouchNowhere() throws {
        XCTAssertEqual(try metric(TestPoses.tPose.joints()), 0)
        XCTAssertEqual(try metric(TestPoses.armsDown.joints()), 0)
    }

    func testCrossedArmsInterpenetrate() throws {
        let depth = try metric(TestPoses.crossedArms.joints())
        // The two forearms (0.035 m each) cross through each other: at least 5 cm of overlap.
        XCTAssertGreaterThan(depth, 0.05)
    }

    func testCapsuleModelSkipsNeighbouringBones() {
        let capsules = BodyCapsules.smpl22
        let bone = { (joint: SMPLJoint) in joint.rawValue - 1 }
        let tested = Set(capsules.testedPairs.map { "\($0.0)-\($0.1)" })
        // Left thigh and left shin share the knee: never tested.
        XCTAssertFalse(tested.contains("\(bone(.leftKnee))-\(bone(.leftAnkle))"))
        // Thigh and trunk meet through the hip girdle (two bones apart): never tested.
        XCTAssertFalse(tested.contains("\(bone(.leftKnee))-\(bone(.spine1))"))
        // The two thighs are three bones apart: tested.
        XCTAssertTrue(tested.contains("\(bone(.leftKnee))-\(bone(.rightKnee))"))
        // The two forearms: tested.
        XCTAssertTrue(tested.contains("\(bone(.leftWrist))-\(bone(.rightWrist))"))
    }

    func testRigsWithStackedJointsAreNotPenalised() throws {
        // A mapped rig that puts both collars on the neck: the head and the collar → shoulder
        // bones then start at one point, which is the rig, not a collision.
        var joints = TestPoses.tPose.joints()
        for collar in [SMPLJoint.leftCollar, .rightCollar] {
            joints[frame: 0, joint: collar.rawValue] = joints[frame: 0, joint: SMPLJoint.neck.rawValue]
        }
        XCTAssertEqual(try metric(joints), 0)
        let unadapted = BodyPenetration().depth(frame: 0, of: joints, capsules: .smpl22)
        XCTAssertGreaterThan(unadapted, 0.2)
    }

    func testSegmentDistance() {
        // Crossing segments meet; parallel ones are their offset apart; a point to a segment.
        XCTAssertEqual(segmentDistance(SIMD3(-1, 0, 0), SIMD3(1, 0, 0), SIMD3(0, -1, 0.5), SIMD3(0, 1, 0.5)), 0.5, accuracy: 1e-6)
        XCTAssertEqual(segmentDistance(SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 0.3, 0), SIMD3(1, 0.3, 0)), 0.3, accuracy: 1e-6)
        XCTAssertEqual(segmentDistance(SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(2, 0, 0), SIMD3(2, 0, 0)), 1, accuracy: 1e-6)
    }

    func testBadInputNamesTheProblem() {
        let short = JointSequence(fps: 20, jointCount: 3, positions: [.zero, .zero, .zero])
        XCTAssertThrowsError(try metric(short)) { error in
            XCTAssertTrue("\(error)".contains("3 joints"), "\(error)")
        }
        var joints = TestPoses.tPose.joints()
        joints[frame: 0, joint: 5] = SIMD3(.nan, 0, 0)
        XCTAssertThrowsError(try metric(joints)) { XCTAssertEqual($0 as? MBenchError, .nonFinite(frame: 0, joint: 5)) }
    }
}
