import Foundation
import XCTest
@testable import Motion

/// Speed of the importers and of the 01_03.bvh → normalised clips pipeline (5 runs, median).
/// Opt-in: MOGENLAB_BENCH=1 swift test --filter MotionIOBenchmarkTests
final class MotionIOBenchmarkTests: XCTestCase {
    func median(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = Date(); try body(); times.append(Date().timeIntervalSince(start))
        }
        return times.sorted()[runs / 2]
    }

    func testImportToClipsSpeed() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["MOGENLAB_BENCH"] == "1", "set MOGENLAB_BENCH=1 to run")
        let url = try MotionIOFiles.real("01_03.bvh")
        let text = try String(contentsOf: url, encoding: .utf8)
        let parse = try median { _ = try BVHDocument(parsing: text, file: url.path) }
        let document = try BVHDocument(parsing: text, file: url.path)
        let mapped = try median { _ = try BVHImporter()(document, file: url.path) }
        let imported = try BVHImporter()(document, file: url.path)
        let curate = try median { _ = try CuratedClipsFile.curate(imported) }
        let total = try median { _ = try CuratedClipsFile.curate(try BVHImporter()(url)) }
        let smpl = try imported.smpl()
        let bvhOut = try median { _ = BVHExporter().text(smpl) }
        print(String(format: "01_03.bvh (4511 frames): parse %.3f s, FK+map+units %.3f s, IK+curation+normalisation %.3f s, file → clips total %.3f s; BVH export %.3f s",
                     parse, mapped, curate, total, bvhOut))
        XCTAssertLessThan(total, 5)
    }
}
