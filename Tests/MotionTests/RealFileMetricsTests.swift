import Autograd
import Foundation
import XCTest
@testable import Motion

/// The three real files through import and the quality metrics, and a cross-check against
/// the MBench fixtures that were cut from the same files (see Fixtures/mbench-quality/README.md).
final class RealFileMetricsTests: XCTestCase {
    func testQualityMetricsOfTheRealFiles() throws {
        var seen = 0
        for name in ["01_01.bvh", "01_03.bvh", "Boxing_Toes.bvh"] {
            guard let url = try? MotionIOFiles.real(name) else { continue }
            let motion = try BVHImporter()(url)
            let joints = motion.joints.resampled(to: 20)
            let scores = try QualityScores(joints)
            print("metrics \(name) (\(joints.frameCount) frames at 20 fps):",
                  scores.byOfficialName.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\(String(format: "%.5f", $0.value))" }.joined(separator: " "))
            // Clean optical mocap: small jitter, no penetration, little sliding, clearly moving.
            XCTAssertLessThan(scores.jitterDegree, 0.05, name)
            XCTAssertGreaterThan(scores.dynamicDegree, 0.01, name)
            XCTAssertEqual(scores.groundPenetration, 0, accuracy: 1e-9, "floor placed at the lowest joint")
            XCTAssertLessThan(scores.footSliding, 0.05, name)
            seen += 1
        }
        if seen == 0 { throw XCTSkip("assimp-testmodels not installed") }
    }

    func testImportedJointsMatchTheFixturesMadeFromTheSameFiles() throws {
        let cases: [(file: String, fixture: String, same: [SMPLJoint])] = [
            ("Boxing_Toes.bvh", "box_real_a.npy", SMPLJoint.allCases.filter { ![.spine2, .leftCollar, .rightCollar].contains($0) }),
            ("01_01.bvh", "cmu0101_a.npy", SMPLJoint.allCases.filter { ![.spine1, .spine2, .neck, .leftCollar, .rightCollar].contains($0) }),
        ]
        for c in cases {
            let motion = try BVHImporter()(MotionIOFiles.real(c.file)).joints.resampled(to: 20)
            let fixture = try JointArrayImporter()(MotionIOFiles.fixture("mbench-quality/" + c.fixture)).joints
            // The fixture is a stretch of the decimated take; find where it starts (pelvis-relative pose).
            func pose(_ s: JointSequence, _ t: Int) -> [SIMD3<Float>] { (0..<22).map { s[frame: t, joint: $0] - s[frame: t, joint: 0] } }
            let target = pose(fixture, 0)
            func distance(_ t: Int) -> Float {
                var sum: Float = 0
                for (a, b) in zip(pose(motion, t), target) { sum += length(a - b) }
                return sum
            }
            let start = (0...(motion.frameCount - fixture.frameCount)).min(by: { distance($0) < distance($1) })!
            var sameWorst: Float = 0, allWorst: Float = 0
            let dz = fixture[frame: 0, joint: 0].z - motion[frame: start, joint: 0].z
            for t in 0..<fixture.frameCount {
                for j in SMPLJoint.allCases {
                    var ours = motion[frame: start + t, joint: j.rawValue]
                    ours.z += dz
                    let d = length(ours - fixture[frame: t, joint: j.rawValue])
                    allWorst = max(allWorst, d)
                    if c.same.contains(j) { sameWorst = max(sameWorst, d) }
                }
            }
            print("\(c.file) vs \(c.fixture): starts at 20-fps frame \(start), floor offset \(dz) m, max difference \(sameWorst) m on identically mapped joints, \(allWorst) m on all 22")
            XCTAssertLessThan(sameWorst, 1e-3)
        }
    }
}
