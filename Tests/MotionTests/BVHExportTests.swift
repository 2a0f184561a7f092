import Autograd
import Foundation
import XCTest
@testable import Motion

final class BVHExportTests: XCTestCase {
    func testExportReimportReproducesJoints() throws {
        let motion = randomSMPLMotion(frames: 12, seed: 7)
        let text = BVHExporter().text(motion)
        XCTAssertTrue(text.hasPrefix("HIERARCHY\nROOT pelvis\n"))
        XCTAssertEqual(text.components(separatedBy: "End Site").count - 1, 5, "feet, head, wrists")
        XCTAssertEqual(text.components(separatedBy: "CHANNELS 3").count - 1, 21)
        let doc = try BVHDocument(parsing: text, file: "smpl.bvh")
        XCTAssertEqual(doc.frameCount, 12)
        XCTAssertEqual(doc.fps, 20, accuracy: 1e-6)
        let back = try BVHImporter(placeOnFloor: false)(doc, file: "smpl.bvh")
        XCTAssertEqual(back.report.unit, "centimetres")
        XCTAssertEqual(back.report.upAxis, "+Y")
        XCTAssertEqual(back.report.synthesised, [])
        for j in SMPLJoint.allCases { XCTAssertEqual(back.report.mapping[j.name], j.name) }
        let expected = motion.joints()
        var worst: Float = 0
        for (a, b) in zip(back.joints.positions, expected.positions) { worst = max(worst, length(a - b)) }
        XCTAssertLessThan(worst, 1e-4, "re-imported joints differ by \(worst) m")
    }

    func testRealFileThroughIKExportAndBack() throws {
        let imported = try BVHImporter()(MotionIOFiles.real("Boxing_Toes.bvh"))
        var joints = imported.joints
        joints.positions = Array(joints.positions[0..<(200 * SMPLJoint.count)])
        let sub = ImportedMotion(joints: joints, report: imported.report)
        let smpl = try sub.smpl()
        var ikError: Float = 0, perJoint = [Float](repeating: 0, count: 22)
        for (i, (a, b)) in zip(smpl.joints().positions, joints.positions).enumerated() {
            ikError = max(ikError, length(a - b)); perJoint[i % 22] = max(perJoint[i % 22], length(a - b))
        }
        print("IK per joint:", perJoint.map { String(format: "%.4f", $0) })
        let back = try BVHImporter(placeOnFloor: false)(BVHDocument(parsing: BVHExporter().text(smpl), file: "b.bvh"), file: "b.bvh")
        var worst: Float = 0
        for (a, b) in zip(back.joints.positions, smpl.joints().positions) { worst = max(worst, length(a - b)) }
        // IK on the performer-shaped template reproduces the legs and spine; every bone
        // direction below a single-child parent is kept exactly. Neck and arms move a few cm:
        // the collars are synthesised on the (moving) shoulder chain, so spine3's fitted
        // frame turns with the shoulders where the Chest does not.
        let fk = smpl.joints(), children = Skeleton.smpl22.children
        var directionError: Float = 0
        for t in 0..<joints.frameCount {
            for j in 1..<SMPLJoint.count where children[Skeleton.smpl22.parents[j]].count == 1 {
                let p = Skeleton.smpl22.parents[j]
                let a = joints[frame: t, joint: j] - joints[frame: t, joint: p], b = fk[frame: t, joint: j] - fk[frame: t, joint: p]
                directionError = max(directionError, length(a / length(a) - b / length(b)))
            }
        }
        print("Boxing 200 frames: IK→FK max position error \(ikError) m, bone direction error \(directionError), BVH export→import max error \(worst) m")
        XCTAssertLessThan(worst, 1e-4)
        XCTAssertLessThan(directionError, 1e-3)
        XCTAssertLessThan(perJoint[0...11].max()!, 1e-3)
        XCTAssertLessThan(ikError, 0.06)
    }

    func testJointsJSON() throws {
        let motion = randomSMPLMotion(frames: 2, seed: 1)
        let text = JointsJSONExporter().text(motion.joints())
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        XCTAssertEqual(object["fps"] as? Double, 20)
        XCTAssertEqual((object["joint_names"] as? [String])?.first, "pelvis")
        let frames = object["frames"] as! [[[Double]]]
        XCTAssertEqual(frames.count, 2); XCTAssertEqual(frames[0].count, 22)
        XCTAssertEqual(frames[1][0][0], 0.02, accuracy: 1e-4)
    }
}

final class EulerRoundTripTests: XCTestCase {
    func testZXYRoundTrip() {
        var rng = RandomGenerator(seed: 3)
        var worst: Float = 0
        for _ in 0..<50 {
            let axis = SIMD3(Float.random(in: -1...1, using: &rng), Float.random(in: -1...1, using: &rng), Float.random(in: -1...1, using: &rng))
            let r = Mat3(axis: axis, angle: Float.random(in: 0...2, using: &rng))
            let back = Mat3(euler: "ZXY", radians: r.eulerAngles(order: "ZXY"))
            for c in 0..<3 { worst = max(worst, length(back.column(c) - r.column(c))) }
        }
        XCTAssertLessThan(worst, 1e-5)
    }
}

final class BVHNumberFormatTests: XCTestCase {
    func testFixedFormatMatchesPrintf() {
        var rng = RandomGenerator(seed: 4)
        var values: [Float] = [0, -0, 1, -1, 0.0000004, -0.0000004, 0.0000005, 123456.789, -179.99999, 1e-12]
        for _ in 0..<500 { values.append(Float.random(in: -400...400, using: &rng)) }
        for v in values {
            var out: [UInt8] = []
            BVHExporter.appendFixed(v, to: &out)
            let ours = String(decoding: out, as: UTF8.self)
            let reference = String(format: "%.6f ", Double(v))
            // printf keeps "-0.000000" for tiny negatives; both read back as the same number.
            XCTAssertEqual(Double(ours.trimmingCharacters(in: .whitespaces))!, Double(reference.trimmingCharacters(in: .whitespaces))!, accuracy: 1.5e-6, "\(v) (last digit may round the other way at a tie)")
        }
    }
}
