import Foundation
import Motion
import XCTest
@testable import runner

/// `runner motion …` and `runner mbench metrics` on small generated files.
final class MotionCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("motioncmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A 40-frame, 20 fps walk-in-place written as BVH (SMPL-22 hierarchy).
    func sampleBVH() throws -> String {
        var rotations: [Mat3] = [], roots: [SIMD3<Float>] = []
        for t in 0..<40 {
            roots.append(SIMD3(0, Float(t) * 0.02, 0.93))
            for j in 0..<22 {
                let swing = 0.4 * sin(Float(t) * 0.3)
                switch j {
                case SMPLJoint.leftHip.rawValue: rotations.append(Mat3(axis: SIMD3(1, 0, 0), angle: swing))
                case SMPLJoint.rightHip.rawValue: rotations.append(Mat3(axis: SIMD3(1, 0, 0), angle: -swing))
                default: rotations.append(.identity)
                }
            }
        }
        let url = dir.appendingPathComponent("walk.bvh")
        try BVHExporter().write(SMPLMotion(fps: 20, rootTranslation: roots, rotations: rotations), to: url)
        return url.path
    }

    func testInfoTextAndJSON() throws {
        let file = try sampleBVH()
        let text = try MotionInfoCommand.parse([file]).output(for: file)
        XCTAssertTrue(text.contains("frames      40 at 20 fps (2.00 s)"), text)
        XCTAssertTrue(text.contains("mapped      22 of 22 (SMPL names)"), text)
        XCTAssertTrue(text.contains("centimetres, up axis +Y"), text)
        let json = try MotionInfoCommand.parse([file, "--json"]).output(for: file)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        XCTAssertEqual(object["frames"] as? Int, 40)
        XCTAssertEqual(object["duration"] as? Double, 2)
        XCTAssertEqual(object["synthesised"] as? [String], [])
        XCTAssertEqual((object["mapping"] as? [String: String])?["left_foot"], "left_foot")
    }

    func testConvertChainAndMetricsJSON() throws {
        let file = try sampleBVH()
        let npz = dir.appendingPathComponent("walk.npz").path, back = dir.appendingPathComponent("back.bvh").path
        let summary = try MotionConvertCommand.parse([file, npz, "--json"]).convert()
        XCTAssertTrue(summary.contains("\"frames\":40"), summary)
        _ = try MotionConvertCommand.parse([npz, back]).convert()
        let metrics = try MBenchMetricsCommand.parse([back, "--json"]).line(for: back)
        let object = try JSONSerialization.jsonObject(with: Data(metrics.utf8)) as! [String: Any]
        for key in ["Jitter_Degree", "Dynamic_Degree", "Ground_Penetration", "Foot_Sliding", "Foot_Floating", "file", "frames"] {
            XCTAssertNotNil(object[key], "\(key) missing in \(metrics)")
        }
        XCTAssertEqual(object["frames"] as? Int, 40)
        XCTAssertGreaterThan(object["Dynamic_Degree"] as! Double, 0.01, "the legs swing")
        let text = try MBenchMetricsCommand.parse([back]).line(for: back)
        XCTAssertEqual(text.split(separator: "\t").count, 7)
    }

    func testRenderNeedsExactlyOneOutputAndWritesGIF() throws {
        let file = try sampleBVH()
        XCTAssertThrowsError(try MotionRenderCommand.parse([file]))
        XCTAssertThrowsError(try MotionRenderCommand.parse([file, "--gif", "a.gif", "--filmstrip", "b.png"]))
        let gif = dir.appendingPathComponent("walk.gif").path
        let out = try MotionRenderCommand.parse([file, file, "--gif", gif, "--title", "ours", "--title", "baseline", "--duration", "1"]).render()
        XCTAssertTrue(out.hasSuffix("walk.gif"), out)
        XCTAssertEqual(String(decoding: try Data(contentsOf: URL(fileURLWithPath: gif)).prefix(6), as: UTF8.self), "GIF89a")
    }

    func testErrorsNameTheFileAndLine() throws {
        let bad = dir.appendingPathComponent("bad.bvh")
        try "HIERARCHY\nROOT Hips\n{\n OFFSET 0 0 0\n CHANNELS 2 Xposition\n}\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try MotionInfoCommand.parse([bad.path]).output(for: bad.path)) {
            XCTAssertTrue("\($0)".hasPrefix("\(bad.path):6:"), "\($0)")
        }
        XCTAssertThrowsError(try MBenchMetricsCommand.parse([dir.appendingPathComponent("none.npz").path]).row(for: dir.appendingPathComponent("none.npz").path)) {
            XCTAssertTrue("\($0)".contains("none.npz"), "\($0)")
        }
        XCTAssertThrowsError(try MotionInfoCommand.parse(["x.bvh", "--unit", "furlongs"]).output(for: "x.bvh")) {
            XCTAssertTrue("\($0)".contains("unknown unit 'furlongs'"), "\($0)")
        }
    }
}
