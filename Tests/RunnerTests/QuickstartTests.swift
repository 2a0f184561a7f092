import Foundation
import XCTest

/// `Recipes/quickstart.rx` end to end through the binary at a tiny size (24 takes, 5 training
/// and judge steps), then `--plan` on the same results: every step, renders and scores included, is cached.
final class QuickstartTests: XCTestCase {
    private let quickstart = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Recipes/quickstart.rx").path
    private let tiny = ["--set", "preset.world_clips=24", "--set", "preset.training_steps=5", "--set", "preset.judge_steps=5"]

    func testQuickstartRunsThenPlansAsCached() throws {
        let results = try makeTemporaryFolder(self).appendingPathComponent("Results")
        let runner = RunnerProcess(results: results)
        let run = try runner.run(["recipe", quickstart] + tiny)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("curated "), run.stdout)
        XCTAssertTrue(run.stdout.contains("text features: "), run.stdout)
        for dimension in ["Jitter_Degree", "Foot_Sliding", "Pose_Quality", "Body_Penetration", "Motion_Generalizability"] {
            XCTAssertTrue(run.stdout.contains("\(dimension): "), "\(dimension) missing from\n\(run.stdout)")
        }
        for file in ["quickstart.gif", "quickstart-filmstrip.png", "quickstart-world.gif", "quickstart-world-filmstrip.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: results.appendingPathComponent("renders/\(file)").path), file)
        }

        let plan = try runner.run(["recipe", quickstart, "--plan"] + tiny)
        XCTAssertEqual(plan.status, 0, plan.stderr)
        for step in ["curate", "encode", "train", "generate", "judge", "render", "mbench"] {
            XCTAssertTrue(plan.stdout.contains(" \(step): cached: run "), "\(step) not cached in\n\(plan.stdout)")
        }
        XCTAssertTrue(plan.stdout.contains("plan: 10 steps: 0 will run, 0 will re-run, 10 cached"), plan.stdout)
    }
}
