import Foundation
import XCTest
@testable import Motion

final class BVHImportTests: XCTestCase {
    func testTinyHierarchyParsesWithChannelOrderAndEndSites() throws {
        let doc = try BVHDocument(parsing: tinyBVH, file: "tiny.bvh")
        XCTAssertEqual(doc.joints.count, 17)
        XCTAssertEqual(doc.channelCount, 6 + 16 * 3)
        XCTAssertEqual(doc.frameCount, 2)
        XCTAssertEqual(doc.fps, 20, accuracy: 1e-9)
        XCTAssertEqual(doc.joints[0].rotationOrder, "ZXY")
        XCTAssertEqual(doc.joints[3].endSites, [SIMD3(0, -5, 12)])
        let points = doc.points()
        // Frame 1: root rotated 90° about Z (R_Z first in ZXY): the left hip offset (10, -5, 0)
        // becomes (5, 10, 0); the root moved to x = 5.
        let leftHip = points.names.firstIndex(of: "LeftUpLeg")!
        XCTAssertEqual(points[frame: 1, point: leftHip].x, 10, accuracy: 1e-4)
        XCTAssertEqual(points[frame: 1, point: leftHip].y, 104, accuracy: 1e-4)
        XCTAssertEqual(points.names.last, "Head_End")
    }

    func testTinySkeletonMapsAndSynthesisesMissingJoints() throws {
        let doc = try BVHDocument(parsing: tinyBVH, file: "tiny.bvh")
        let motion = try BVHImporter()(doc, file: "tiny.bvh")
        XCTAssertEqual(motion.report.unit, "centimetres")
        XCTAssertEqual(motion.report.upAxis, "+Y")
        XCTAssertEqual(motion.report.mapping["pelvis"], "Hips")
        XCTAssertEqual(motion.report.mapping["spine1"], "Spine")
        XCTAssertEqual(motion.report.mapping["spine3"], "Chest")
        XCTAssertEqual(motion.report.mapping["left_foot"], "LeftFoot_End")
        XCTAssertEqual(Set(motion.report.synthesised), ["spine2", "left_collar", "right_collar"])
        // Frame 0: Y-up cm → Z-up m; the feet End Sites are lowest and land on z = 0.
        let j = motion.joints
        XCTAssertEqual(j[frame: 0, joint: SMPLJoint.leftFoot.rawValue].z, 0, accuracy: 1e-6)
        XCTAssertEqual(j[frame: 0, joint: SMPLJoint.pelvis.rawValue].z, 0.94, accuracy: 1e-5)
        XCTAssertEqual(j[frame: 0, joint: SMPLJoint.head.rawValue].z, 0.94 + 0.60, accuracy: 1e-5)
        // End Site offset +z (forward in Y-up) becomes −y.
        XCTAssertEqual(j[frame: 0, joint: SMPLJoint.leftFoot.rawValue].y, -0.12, accuracy: 1e-6)
        // spine2 lies on Spine→Chest at the template proportion.
        let s2 = j[frame: 0, joint: SMPLJoint.spine2.rawValue].z
        XCTAssertGreaterThan(s2, 0.94 + 0.12); XCTAssertLessThan(s2, 0.94 + 0.32)
    }

    func testUnmappableSkeletonListsTheJointsFound() throws {
        let renamed = tinyBVH.replacingOccurrences(of: "LeftLeg", with: "Banana")
        let doc = try BVHDocument(parsing: renamed, file: "odd.bvh")
        XCTAssertThrowsError(try BVHImporter()(doc, file: "odd.bvh")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("odd.bvh"), text)
            XCTAssertTrue(text.contains("left leg"), text)
            XCTAssertTrue(text.contains("Banana"), text)
        }
    }

    func testCMUWalkImports() throws {
        let motion = try BVHImporter()(MotionIOFiles.real("01_01.bvh"))
        XCTAssertEqual(motion.report.frames, 2752)
        XCTAssertEqual(motion.report.fps, 120, accuracy: 0.01)
        XCTAssertEqual(motion.report.unit, "cmu")
        XCTAssertEqual(motion.report.skeleton, "CMU, 31 joints")
        XCTAssertEqual(motion.report.mapping["left_hip"], "LeftUpLeg")
        XCTAssertEqual(motion.report.mapping["left_ankle"], "LeftFoot")
        XCTAssertEqual(motion.report.mapping["left_foot"], "LeftToeBase")
        XCTAssertEqual(motion.report.mapping["left_shoulder"], "LeftArm")
        XCTAssertEqual(motion.report.mapping["spine3"], "Spine1")
        XCTAssertEqual(motion.report.mapping["neck"], "Neck1")
        print("01_01 mapping:", motion.report.mapping.sorted(by: { $0.key < $1.key }), "synthesised:", motion.report.synthesised)
        try checkPlausibleBody(motion)
    }

    func testBoxingImportsWithSplitSpineAndExtraRowWarning() throws {
        let motion = try BVHImporter()(MotionIOFiles.real("Boxing_Toes.bvh"))
        XCTAssertEqual(motion.report.frames, 3069)
        XCTAssertEqual(motion.report.fps, 100, accuracy: 0.01)
        XCTAssertEqual(motion.report.unit, "centimetres")
        XCTAssertEqual(motion.report.mapping["spine1"], "Ab")
        XCTAssertEqual(motion.report.mapping["spine3"], "Chest")
        XCTAssertEqual(motion.report.mapping["left_collar"], "0.61 of Chest→LeftShoulder", "both collars sit at the neck")
        XCTAssertEqual(motion.report.mapping["left_shoulder"], "LeftShoulder")
        XCTAssertEqual(motion.report.synthesised, ["spine2", "left_collar", "right_collar"])
        XCTAssertTrue(motion.report.warnings.contains(where: { $0.contains("1 more row") }), "\(motion.report.warnings)")
        try checkPlausibleBody(motion)
    }

    /// Standing height 1.5–1.9 m on the first frame, and feet touching the floor most of the time.
    func checkPlausibleBody(_ motion: ImportedMotion, file: StaticString = #filePath, line: UInt = #line) throws {
        let j = motion.joints
        let height = j[frame: 0, joint: SMPLJoint.head.rawValue].z
            - min(j[frame: 0, joint: SMPLJoint.leftFoot.rawValue].z, j[frame: 0, joint: SMPLJoint.rightFoot.rawValue].z)
        XCTAssertGreaterThan(height, 1.25, "head joint above the feet", file: file, line: line)
        XCTAssertLessThan(height, 1.8, file: file, line: line)
        XCTAssertGreaterThan(motion.report.stature, 1.4, "rest height, head End Site included", file: file, line: line)
        XCTAssertLessThan(motion.report.stature, 1.95, file: file, line: line)
        var contact = 0
        for t in 0..<j.frameCount {
            let low = min(j[frame: t, joint: SMPLJoint.leftFoot.rawValue].z, j[frame: t, joint: SMPLJoint.rightFoot.rawValue].z)
            if low < 0.06 { contact += 1 }
        }
        XCTAssertGreaterThan(Double(contact) / Double(j.frameCount), 0.8, "a foot near the floor", file: file, line: line)
        print("\(motion.report.file): stature \(motion.report.stature) m, head joint \(height) m, contact \(Double(contact) / Double(j.frameCount)), warnings \(motion.report.warnings)")
    }
}
