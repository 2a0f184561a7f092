import Autograd
import Foundation
import XCTest
@testable import Motion

final class HumanML3DTests: XCTestCase {
    func testSampleWithCaptionsFromTheDatasetLayout() throws {
        let root = try MotionIOFiles.temporaryDirectory()
        let joints = root.appendingPathComponent("new_joints"), texts = root.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: joints, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        // Two frames, every joint at SMPL-frame (0.1, 1.0, 0.2): y up, z forward, x left.
        var values = [Float]()
        for _ in 0..<(2 * 22) { values += [0.1, 1.0, 0.2] }
        try NPY.write(try NDArray(values, shape: [2, 22, 3]), to: joints.appendingPathComponent("000021.npy"))
        try """
        a person walks forward and waves.#a/DET person/NOUN walk/VERB forward/ADV and/CCONJ wave/VERB#0.0#0.0
        someone waves#someone/PRON wave/VERB#1.5#3.0

        """.write(to: texts.appendingPathComponent("000021.txt"), atomically: true, encoding: .utf8)
        let sample = try HumanML3DImporter()(joints.appendingPathComponent("000021.npy"))
        XCTAssertEqual(sample.id, "000021")
        XCTAssertEqual(sample.motion.report.fps, 20)
        XCTAssertEqual(sample.motion.joints[frame: 1, joint: 5], SIMD3(-0.1, 0.2, 1.0))
        XCTAssertEqual(sample.captions.count, 2)
        XCTAssertEqual(sample.captions[0].caption, "a person walks forward and waves.")
        XCTAssertEqual(sample.captions[0].tokens.count, 6)
        XCTAssertNil(sample.captions[0].start)
        XCTAssertEqual(sample.captions[1].start, 1.5); XCTAssertEqual(sample.captions[1].end, 3.0)
    }

    func testBadCaptionLinesAndShapesAreLocated() throws {
        XCTAssertThrowsError(try HumanML3DImporter.captions(parsing: "ok#a/DET#0#0\nbroken line\n", file: "t.txt")) {
            XCTAssertTrue("\($0)".hasPrefix("t.txt:2:"), "\($0)")
        }
        XCTAssertThrowsError(try HumanML3DImporter.captions(parsing: "x#y#two#3", file: "t.txt")) {
            XCTAssertTrue("\($0)".contains("start time is not a number"), "\($0)")
        }
        XCTAssertThrowsError(try JointArrayImporter()(try NDArray([Float](repeating: 0, count: 6), shape: [2, 1, 3]), file: "j.npy")) {
            XCTAssertTrue("\($0)".contains("j.npy: joint array has shape [2, 1, 3]"), "\($0)")
        }
        var values = [Float](repeating: 0, count: 66); values[4] = .nan
        XCTAssertThrowsError(try JointArrayImporter()(try NDArray(values, shape: [1, 22, 3]), file: "j.npy")) {
            XCTAssertTrue("\($0)".contains("frame 0, joint 1 is NaN"), "\($0)")
        }
        XCTAssertThrowsError(try JointArrayImporter()(try NDArray([Float](), shape: [0, 22, 3]), file: "j.npy")) {
            XCTAssertTrue("\($0)".contains("no frames"), "\($0)")
        }
    }
}
