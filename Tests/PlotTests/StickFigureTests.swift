import XCTest
@testable import Plot

final class StickFigureTests: XCTestCase {
    func testKeyFramesSpreadEvenlyWithEnds() {
        XCTAssertEqual(StickFigureRenderer.keyFrameIndices(count: 100, keyFrames: 6), [0, 20, 40, 59, 79, 99])
        XCTAssertEqual(StickFigureRenderer.keyFrameIndices(count: 3, keyFrames: 6), [0, 1, 2])
        XCTAssertEqual(StickFigureRenderer.keyFrameIndices(count: 10, keyFrames: 1), [0])
    }

    func testCameraProjectsTheTargetToTheCentreAndUpIsUp() {
        let pose = CameraPose(camera: .standard, lookingAt: SIMD2(2, 3))
        let centre = pose.project(SIMD3(2, 3, StickFigureCamera.standard.targetHeight))
        XCTAssertEqual(centre.x, 0, accuracy: 1e-12)
        XCTAssertEqual(centre.y, 0, accuracy: 1e-12)
        XCTAssertGreaterThan(pose.project(SIMD3(2, 3, 1.8)).y, 0.1)
        // Seen from the front-right, the body's right side (+x) appears on the image's left.
        XCTAssertLessThan(pose.project(SIMD3(2.3, 3, 0.85)).x, 0)
        // A segment reaching behind the camera is cut at the near plane, not mirrored.
        let behind = pose.eye + (pose.eye - SIMD3(2, 3, 0.85))
        let clipped = pose.projectSegment(SIMD3(2, 3, 0.85), behind)
        XCTAssertNotNil(clipped)
        XCTAssertNil(pose.projectSegment(behind, behind + SIMD3(0, 0, 1)))
    }

    func testFilmstripOfOursVersusBaselineIsAWidePNG() throws {
        let gnuplot = try requireGnuplot()
        let walk = SyntheticFigure.walk(frames: 100)
        var stand = StickFigureMotion(title: "baseline: T-pose (the same prompt)",
                                      frames: Array(repeating: SyntheticFigure.tPose(), count: 40),
                                      bones: SyntheticFigure.bones, headJoint: SyntheticFigure.head)
        stand.rootTrajectory = stand.frames.map { $0[0] }
        let renderer = StickFigureRenderer(gnuplot: gnuplot)
        let url = try outputFolder("filmstrip").appendingPathComponent("walk.png")
        let files = try renderer.filmstrip([walk, stand], keyFrames: 5, to: url)
        let png = try XCTUnwrap(PNGInfo(try Data(contentsOf: files.image)))
        XCTAssertEqual(png.width, 5 * renderer.panelSize.width)
        XCTAssertEqual(png.height, 2 * (renderer.panelSize.height + StickFigureRenderer.captionHeight))
        let script = try String(contentsOf: files.script, encoding: .utf8)
        XCTAssertTrue(script.contains("a person walks forward briskly"))
        XCTAssertTrue(script.contains("1.00 s"), "time label of the key frame at t = 20")
    }

    func testFiveSecondClipAnimatesInOneGnuplotRunQuickly() throws {
        let gnuplot = try requireGnuplot()
        let walk = SyntheticFigure.walk(frames: 100)
        let url = try outputFolder("animation").appendingPathComponent("walk.gif")
        let start = Date()
        let files = try StickFigureRenderer(gnuplot: gnuplot).animation([walk], fps: 20, to: url)
        let seconds = Date().timeIntervalSince(start)
        let data = try Data(contentsOf: files.image)
        XCTAssertEqual(String(decoding: data.prefix(6), as: UTF8.self), "GIF89a")
        XCTAssertEqual(GIFInfo.frameCount(data), 100)
        XCTAssertTrue(try String(contentsOf: files.script, encoding: .utf8).contains("delay 5 "))
        print("render: 100 frames × 22 joints → GIF in \(String(format: "%.2f", seconds)) s")
        XCTAssertLessThan(seconds, 20, "a 5-second clip should render in a few seconds")
    }

    func testSideBySideAnimationHoldsTheShorterMotion() throws {
        let gnuplot = try requireGnuplot()
        let walk = SyntheticFigure.walk(frames: 12)
        var short = SyntheticFigure.walk(frames: 5)
        short.title = "baseline"
        let url = try outputFolder("side-by-side").appendingPathComponent("pair.gif")
        let files = try StickFigureRenderer(gnuplot: gnuplot).animation([walk, short], to: url)
        XCTAssertEqual(GIFInfo.frameCount(try Data(contentsOf: files.image)), 12)
    }

    func testBadMotionsNameTheFrameAndJoint() {
        var motion = SyntheticFigure.walk(frames: 3)
        motion.frames[2][7] = SIMD3(.nan, 0, 0)
        XCTAssertThrowsError(try motion.validate()) { XCTAssertTrue("\($0)".contains("frame 2, joint 7"), "\($0)") }
        motion = SyntheticFigure.walk(frames: 3)
        motion.bones.append(StickBone(3, 40))
        XCTAssertThrowsError(try motion.validate()) { XCTAssertTrue("\($0)".contains("3–40"), "\($0)") }
        let empty = StickFigureMotion(title: "nothing", frames: [], bones: SyntheticFigure.bones)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).png")
        XCTAssertThrowsError(try StickFigureRenderer().filmstrip([empty], to: url)) {
            guard case PlotError.noData = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }
}
