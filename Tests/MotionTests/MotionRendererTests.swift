import Foundation
import XCTest
@testable import Motion

final class MotionRendererTests: XCTestCase {
    /// A 5-second clip at 20 fps: the filmstrip and the GIF both render within seconds.
    func testFiveSecondClipRendersFilmstripAndGIF() throws {
        let motion = try BVHImporter()(MotionIOFiles.real("Boxing_Toes.bvh"))
        var joints = motion.joints
        joints.positions = Array(joints.positions[0..<(500 * SMPLJoint.count)]) // 5 s at 100 fps
        let dir = try MotionIOFiles.temporaryDirectory()
        let renderer = MotionRenderer()
        let strip = dir.appendingPathComponent("box.png"), gif = dir.appendingPathComponent("box.gif")
        let start = Date()
        try renderer.filmstrip([.init(joints, title: "boxing (Boxing_Toes.bvh)"), .init(joints, title: "again")], to: strip)
        let stripSeconds = Date().timeIntervalSince(start)
        try renderer.animation([.init(joints, title: "boxing")], to: gif)
        let gifSeconds = Date().timeIntervalSince(start) - stripSeconds
        print("render 5 s clip: filmstrip \(stripSeconds) s, GIF (100 frames at 20 fps) \(gifSeconds) s")
        let png = try Data(contentsOf: strip), anim = try Data(contentsOf: gif)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(String(decoding: anim.prefix(6), as: UTF8.self), "GIF89a")
        XCTAssertLessThan(gifSeconds, 20)
        if let keep = ProcessInfo.processInfo.environment["MOTIONIO_KEEP_RENDERS"] {
            for f in [strip, gif] { try? FileManager.default.copyItem(at: f, to: URL(fileURLWithPath: keep).appendingPathComponent(f.lastPathComponent)) }
        }
    }

    func testResamplesToTwentyFPSAndColoursSides() throws {
        let j = JointSequence(fps: 100, jointCount: 22, positions: [SIMD3<Float>](repeating: SIMD3(0, 0, 1), count: 22 * 50))
        let fig = try MotionRenderer().figure(.init(j, title: "t"), fps: 20)
        XCTAssertEqual(fig.frames.count, 10)
        XCTAssertEqual(fig.bones.count, 21)
        XCTAssertEqual(fig.bones.first(where: { $0.to == SMPLJoint.leftKnee.rawValue })?.side, .left)
        XCTAssertEqual(fig.bones.first(where: { $0.to == SMPLJoint.spine1.rawValue })?.side, .centre)
        XCTAssertEqual(fig.headJoint, 15)
        XCTAssertThrowsError(try MotionRenderer().figure(.init(JointSequence(fps: 20, jointCount: 3, positions: [.zero, .zero, .zero]), title: "x"), fps: nil))
    }
}
