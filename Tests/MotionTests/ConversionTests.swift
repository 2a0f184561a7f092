import Foundation
import XCTest
@testable import Motion

final class ConversionTests: XCTestCase {
    /// 01_03.bvh (4,511 frames at 120 fps) → curated, normalised 276-dim clips, timed; the
    /// clips file reads back to the same frames and decodes to plausible motion.
    func testCMURunThroughCurationToClipsFile() throws {
        let url = try MotionIOFiles.real("01_03.bvh")
        let start = Date()
        let imported = try BVHImporter()(url)
        let importSeconds = Date().timeIntervalSince(start)
        let (file, result) = try CuratedClipsFile.curate(imported)
        let totalSeconds = Date().timeIntervalSince(start)
        print("01_03.bvh: import \(String(format: "%.3f", importSeconds)) s, import+IK+curation+normalisation \(String(format: "%.3f", totalSeconds)) s, \(file.clips.count) clips, \(result.rejections.count) rejected: \(result.rejections.map(\.reason))")
        XCTAssertEqual(imported.report.frames, 4511)
        // 4511 frames at 120 fps = 37.6 s → 752 poses at 20 fps → 7 full clips (the 47-pose tail is too short).
        XCTAssertGreaterThanOrEqual(file.clips.count + result.rejections.count, 7)
        XCTAssertGreaterThan(file.clips.count, 0)
        XCTAssertEqual(file.clips[0].features.frameCount, 100)

        let dir = try MotionIOFiles.temporaryDirectory()
        let out = dir.appendingPathComponent("clips.safetensors")
        try file.write(to: out)
        let back = try CuratedClipsFile(contentsOf: out)
        XCTAssertEqual(back.clips.map(\.id), file.clips.map(\.id))
        var worst: Float = 0
        for (a, b) in zip(back.clips[0].features.values, file.clips[0].features.values) { worst = max(worst, abs(a - b)) }
        XCTAssertLessThan(worst, 1e-4)
        let motion = try MotionFiles.read(out, clip: 0)
        XCTAssertEqual(motion.joints.frameCount, 101)
        XCTAssertEqual(motion.joints.fps, 20)
        XCTAssertThrowsError(try MotionFiles.read(out, clip: 99)) { XCTAssertTrue("\($0)".contains("clip 99 does not exist"), "\($0)") }
    }

    func testConvertBetweenFormatsByExtension() throws {
        let dir = try MotionIOFiles.temporaryDirectory()
        let bvh = dir.appendingPathComponent("m.bvh")
        try BVHExporter().write(randomSMPLMotion(frames: 6, seed: 2), to: bvh)
        let a = try MotionFiles.read(bvh)
        for ext in ["npz", "json", "npy", "bvh"] {
            let out = dir.appendingPathComponent("out.\(ext)")
            let summary = try MotionFiles.write(a, to: out)
            XCTAssertEqual(summary.frames, 6)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.path))
        }
        let viaNPZ = try AMASSImporter(placeOnFloor: false)(dir.appendingPathComponent("out.npz"))
        var worst: Float = 0
        for (x, y) in zip(viaNPZ.joints.positions, try a.smpl().joints().positions) { worst = max(worst, length(x - y)) }
        XCTAssertLessThan(worst, 1e-4)
        let viaNPY = try MotionFiles.read(dir.appendingPathComponent("out.npy"))
        XCTAssertEqual(viaNPY.joints.positions, a.joints.positions)
        XCTAssertThrowsError(try MotionFiles.read(dir.appendingPathComponent("x.fbx"))) { XCTAssertTrue("\($0)".contains("unknown motion file type '.fbx'"), "\($0)") }
        XCTAssertThrowsError(try MotionFiles.write(a, to: dir.appendingPathComponent("x.abc"))) { XCTAssertTrue("\($0)".contains("unknown output type"), "\($0)") }
    }
}
