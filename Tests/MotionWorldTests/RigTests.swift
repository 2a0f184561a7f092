import XCTest
import Motion
@testable import MotionWorld

/// The rig's sign conventions, checked on joint positions (so mirrored programs mirror).
final class RigTests: XCTestCase {
    func positions(_ set: [PoseChannel: Float]) -> [SIMD3<Float>] {
        var pose = Pose.neutral
        for (c, v) in set { pose[c] = v }
        let rig = PoseRig()
        var rotations = [Mat3](repeating: .identity, count: 22), out = [SIMD3<Float>](repeating: .zero, count: 22)
        var scratch = [Mat3](repeating: .identity, count: 22)
        rig.rotations(pose, heading: 0, into: &rotations, at: 0)
        rig.relativePositions(rotations, at: 0, into: &out, at: 0, world: &scratch)
        return out
    }

    func testFlexionsGoForwardAndSidesMirror() {
        let bent = positions([.lElbow: 90, .rElbow: 90])
        for (elbow, wrist) in [(SMPLJoint.leftElbow, SMPLJoint.leftWrist), (.rightElbow, .rightWrist)] {
            let forearm = bent[wrist.rawValue] - bent[elbow.rawValue]
            XCTAssertGreaterThan(forearm.y, 0.2, "\(wrist) forearm should point forward, got \(forearm)")
        }
        let raised = positions([.lShElev: 90, .rShElev: 90, .lShPlane: 90, .rShPlane: 90, .lElbow: 0, .rElbow: 0])
        XCTAssertLessThan(raised[SMPLJoint.leftWrist.rawValue].x, -0.5)
        XCTAssertGreaterThan(raised[SMPLJoint.rightWrist.rawValue].x, 0.5)
        let kicked = positions([.rHipFlex: 90, .rKnee: 0])
        XCTAssertGreaterThan(kicked[SMPLJoint.rightAnkle.rawValue].y, 0.6)
        let mirrored = positions(Dictionary(uniqueKeysWithValues: zip(PoseChannel.allCases, Pose.neutral.mirrored.values)))
        let neutral = positions([:])
        for j in 0..<22 { XCTAssertEqual(mirrored[j].z, neutral[j].z, accuracy: 0.03) }
        let bow = positions([.spineBend: 60])
        XCTAssertGreaterThan(bow[SMPLJoint.head.rawValue].y, 0.3)
    }
}
