import Foundation
import Lab
import XCTest

/// Bad input through the binary: a syntax error, an unknown builtin, a missing import, a
/// wrong-typed override and a step that throws each fail with a message at `file:line:col`
/// and a non-zero exit — and leave what earlier runs logged and cached intact.
final class RecipeFailureTests: XCTestCase {
    func testBadInputFailsAtItsPlaceAndLosesNothing() throws {
        let folder = try makeTemporaryFolder(self)
        let results = folder.appendingPathComponent("Results")
        let runner = RunnerProcess(results: results)
        func write(_ name: String, _ text: String) throws -> String {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return name
        }
        let good = try write("good.rx", """
            seed = 1
            preset = merge(presets("smoke"), {world_clips: 24})
            w = world(seed: 1, preset: preset)
            data = curate(w, sources: ["core"])
            print("{data.clips} clips")

            """)
        let first = try runner.run(["recipe", good])
        XCTAssertEqual(first.status, 0, first.stderr)
        let cache = StepCache(root: results.appendingPathComponent("cache"))
        let curated = try cache.entries(kind: "curate")
        XCTAssertEqual(curated.count, 1)

        let cases: [(file: String, text: String, arguments: [String], error: String)] = [
            ("syntax.rx", "import \"good.rx\"\nx = (data.clips + \n", [], "syntax.rx:3:1: error: "),
            ("unknown.rx", "import \"good.rx\"\nm = trian(data)\n", [], "unknown.rx:2:5: error: unknown builtin `trian`; did you mean `train`?"),
            ("missing.rx", "import \"good.rx\"\nimport \"settings/nowhere.rx\"\n", [], "missing.rx:2:1: error: cannot find `settings/nowhere.rx`"),
            ("override.rx", "import \"good.rx\"\n", ["--set", "seed=abc"], "good.rx:1:1: error: --set seed=abc: `seed` is a number"),
            ("throws.rx", "import \"good.rx\"\nj = judge(data, seed: 3, preset: merge(preset, {judge_steps: 2}))\n"
                + "scores = mbench(clips(data, n: 1), suite: suite(w, n: 1), judge: j)\n", [],
             "throws.rx:3:10: error: mbench failed: "),
        ]
        for bad in cases {
            let path = try write(bad.file, bad.text)
            let run = try runner.run(["recipe", path] + bad.arguments)
            XCTAssertEqual(run.status, 1, "\(bad.file) must exit non-zero:\n\(run.stderr)")
            // Progress bars share stderr; the error is the first line that says so.
            let error = run.stderr.split(separator: "\n").first { $0.contains(": error: ") }
            XCTAssertTrue(error?.hasPrefix(bad.error) ?? false, "\(bad.file):\n\(run.stderr)")
        }

        // The throwing step (the suite's prompts have no motions): its run is FAILED with the
        // error, the recipe's parent too; the judge trained before it stays cached, and the
        // curation it built on was reused (a cached child run), not lost.
        let tracker = try Tracker(path: results.appendingPathComponent("tracker.sqlite"))
        let failed = try XCTUnwrap(tracker.runs(experiment: "throws").first { $0.parentUUID == nil })
        XCTAssertEqual(failed.status, .failed)
        let steps = try tracker.runs(parent: failed.uuid).map { try tracker.details(of: $0) }
        XCTAssertEqual(steps.first { $0.run.name == "mbench" }?.run.status, .failed)
        XCTAssertNotNil(steps.first { $0.run.name == "mbench" }?.tags["mogenlab.error"])
        XCTAssertEqual(steps.first { $0.run.name == "judge" }?.run.status, .finished)
        XCTAssertEqual(steps.first { $0.run.name == "curate" }?.tags["cached"], "true")
        XCTAssertEqual(try cache.entries(kind: "curate").map(\.hash), curated.map(\.hash), "the cache keeps its entry")
        XCTAssertEqual(try cache.entries(kind: "judge").count, 1, "the step that worked keeps its entry")
        XCTAssertTrue(try cache.entries(kind: "mbench").isEmpty, "a failed step publishes nothing")
        let kept = try XCTUnwrap(tracker.runs(experiment: "good").first { $0.parentUUID == nil })
        XCTAssertEqual(kept.status, .finished, "earlier runs stay as they were")
        XCTAssertEqual(try tracker.runs(parent: kept.uuid).map(\.status), [.finished])
        // A syntax error and a bad override stop before anything runs; the others failed after
        // the import's (cached) curation, so their parent runs say FAILED.
        XCTAssertTrue(try tracker.runs(experiment: "syntax").isEmpty)
        XCTAssertTrue(try tracker.runs(experiment: "override").isEmpty)
        for experiment in ["unknown", "missing"] {
            XCTAssertEqual(try tracker.runs(experiment: experiment).first { $0.parentUUID == nil }?.status, .failed, experiment)
        }
    }
}
