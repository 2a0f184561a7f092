import XCTest
import Foundation
@testable import MBench

final class PromptMotionFilesTests: XCTestCase {
    func testFindsFilesByDimensionAndIdThenIdAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mbench-motions-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "cmu0101_a", withExtension: "npy", subdirectory: "Fixtures"))
        try FileManager.default.copyItem(at: fixture, to: folder.appendingPathComponent("Jitter_Degree_3.npy"))
        try FileManager.default.copyItem(at: fixture, to: folder.appendingPathComponent("walk-7.npy"))
        let prompts = [MBenchPrompt(prompt: "a person walks", dimension: .jitterDegree, id: .number(3)),
                       MBenchPrompt(prompt: "a person walks", dimension: .poseQuality, id: .text("walk-7"))]
        let motions = try PromptMotionFiles.motions(for: prompts, in: folder)
        XCTAssertEqual(motions.count, 2)
        XCTAssertEqual(motions[0].joints.frameCount, 200)
        XCTAssertEqual(motions[0].smpl.fps, 20)

        let missing = [MBenchPrompt(prompt: "x", dimension: .footSliding, id: .number(9))]
        XCTAssertThrowsError(try PromptMotionFiles.motions(for: missing, in: folder)) { error in
            XCTAssertTrue("\(error)".contains("'Foot_Sliding id 9': no motion file for this prompt; expected one of Foot_Sliding_9.bvh"), "\(error)")
        }
    }
}
