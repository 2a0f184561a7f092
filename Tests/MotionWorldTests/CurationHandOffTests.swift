import XCTest
import Motion
@testable import MotionWorld

/// World takes go through the motion toolkit's curation as ARCHITECTURE.md §9 says: 20 fps,
/// 101-pose clips, filters, canonical frame, captions of the overlapped segment.
final class CurationHandOffTests: XCTestCase {
    func testWorldTakesCurateIntoCaptionedClips() throws {
        let world = World(seed: 21)
        let indices = WorldSource.allCases.flatMap { Array(world.range(of: $0).prefix(12)) }
        let takes = try indices.map { try world.take($0) }
        let result = try Curator()(takes)
        XCTAssertGreaterThanOrEqual(result.clips.count, takes.count, "rejections: \(result.rejections.map(\.reason))")
        let reasons = Dictionary(grouping: result.rejections, by: \.reason).mapValues(\.count)
        if ProcessInfo.processInfo.environment["WORLD_REPORT"] != nil {
            print("curation: \(result.clips.count) clips from \(takes.count) takes; rejections \(reasons)")
            for r in result.rejections { print("  rejected \(r.takeID): \(r.reason)") }
        }
        // Tails under 60 frames are cut off by design; other rejections (near-static gestures
        // under the Dynamic Degree filter) stay rare, and almost every take yields a clip.
        let quality = result.rejections.filter { !$0.reason.hasPrefix("shorter than") }
        XCTAssertLessThanOrEqual(quality.count, takes.count / 8, "\(reasons)")
        let withClips = Set(result.clips.map(\.takeID))
        XCTAssertGreaterThanOrEqual(withClips.count, takes.count * 9 / 10)
        for clip in result.clips { XCTAssertFalse(clip.captions.motion.isEmpty) }
    }
}
