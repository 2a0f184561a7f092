import XCTest
import Foundation
@testable import Motion

/// Speed figures of the motion core. A benchmark, not a test: it runs only with
/// `MOGENLAB_BENCH=1 swift test --filter CoreBenchmarkTests` and prints its figures.
final class CoreBenchmarkTests: XCTestCase {
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The best of `runs` timings.
    func best(_ runs: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try seconds(body)) }
        return times.min()!
    }

    func testSpeedFigures() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["MOGENLAB_BENCH"] == "1", "set MOGENLAB_BENCH=1 to run")
        let clip = Canonicalization.canonicalize(CoreTestMotions.walk(seconds: 5.05, fps: 20)).motion
        let clips = [SMPLMotion](repeating: clip, count: 450)
        var encoded: [FeatureFrames] = []
        let encodeTime = try best { encoded = try clips.map(FrameEncoding.encode) }
        let frames = Double(encoded.reduce(0) { $0 + $1.frameCount })
        let decodeTime = try best { for e in encoded { _ = try FrameEncoding.decode(e, .integrated) } }
        let joints = clips.map { $0.joints() }
        let metricsTime = try best { for j in joints { _ = try QualityScores(j) } }
        let take = Take(id: "bench", source: .opticalMocap, motion: CoreTestMotions.walk(seconds: 4511.0 / 120, fps: 120))
        XCTAssertEqual(take.motion.frameCount, 4511)
        var produced = 0
        let curateTime = try best { produced = try Curator()(take).clips.count }
        var ik = 0.0
        let ikJoints = take.motion.joints()
        ik = try best { _ = try InverseKinematics()(ikJoints) }
        print(String(format: """
            motion-core speed (best of 3):
              encode          %.0f frames/s (%d clips, %.0f frames in %.1f ms)
              decode (integr.) %.0f frames/s (%.1f ms)
              quality metrics %d clips of %d frames in %.1f ms
              curation        4,511-frame 120 fps take -> %d clips in %.1f ms
              IK              4,511 frames in %.1f ms
            """, frames / encodeTime, clips.count, frames, encodeTime * 1000, frames / decodeTime, decodeTime * 1000,
            joints.count, joints[0].frameCount, metricsTime * 1000, produced, curateTime * 1000, ik * 1000))
    }
}
