import XCTest
import Motion
@testable import MotionWorld

/// Renders filmstrips of a few actions for a person to look at (set WORLD_RENDER=folder).
final class RenderCheckTests: XCTestCase {
    func testRenderFilmstripsForInspection() throws {
        guard let folder = ProcessInfo.processInfo.environment["WORLD_RENDER"] else {
            throw XCTSkip("set WORLD_RENDER=<folder> to render filmstrips of World actions")
        }
        let synth = MotionSynthesizer()
        let ids = (ProcessInfo.processInfo.environment["WORLD_RENDER_ACTIONS"] ?? "walk,sit_down,cartwheel,backflip,chop_wood,jumping_jacks,lie_down,stumble_fall")
            .split(separator: ",").map(String.init)
        let items = try ids.map { id in
            MotionRenderer.Item(try synth.synthesize([Performance(actionID: id, repetitions: 1, duration: 3)]).motion.joints(), title: id)
        }
        let url = try MotionRenderer().filmstrip(items, keyFrames: 6, to: URL(fileURLWithPath: folder).appendingPathComponent("world.png"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
    }
}
