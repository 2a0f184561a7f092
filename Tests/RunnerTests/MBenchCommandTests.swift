import Foundation
import MBench
import Motion
import XCTest

/// `runner mbench --run ID | --motions DIR | --reference …` end to end through the binary on a
/// tiny recipe (24 takes, 5 training and judge steps, one prompt per dimension).
final class MBenchCommandTests: XCTestCase {
    private let recipe = """
        seed = 1
        preset = presets("smoke")
        data = curate(world(preset: preset), sources: ["core", "wild"])
        model = train(data, model: "light", encoder: "minilm-tokens")
        j = judge(curate(world(seed: seed + 1000, preset: preset), sources: ["core", "extended", "wild"]))
        print("ok")
        """
    private let tiny = ["--set", "preset.world_clips=24", "--set", "preset.training_steps=5", "--set", "preset.judge_steps=5"]

    func testEvaluatesATrackedModelMotionFilesAndReferenceRows() throws {
        let folder = try makeTemporaryFolder(self)
        let results = folder.appendingPathComponent("Results")
        let runner = RunnerProcess(results: results)
        let recipeFile = folder.appendingPathComponent("tiny.rx")
        try recipe.write(to: recipeFile, atomically: true, encoding: .utf8)
        let made = try runner.run(["recipe", recipeFile.path] + tiny)
        XCTAssertEqual(made.status, 0, made.stderr)
        let runs = try XCTUnwrap(try runner.json(["runs", "list", "--json"])["runs"] as? [[String: Any]])
        func id(of step: String) throws -> String {
            let run = try XCTUnwrap(runs.first { $0["name"] as? String == step }, "no \(step) run in \(runs)")
            return try XCTUnwrap((run["short_id"] ?? run["shortID"]) as? String)
        }
        let train = try id(of: "train"), judge = try id(of: "judge")

        // A model: generated, scored, tracked, exported, tabulated.
        let scored = try runner.json(["mbench", "--run", train, "--judge", judge, "--per-dimension", "1", "--json"])
        // The tiny judge knows few actions: a judge dimension is scored or reported not applicable (§6).
        let skipped = scored["not_applicable"] as? [String: Int] ?? [:]
        for dimension in MBenchDimension.allCases {
            let present = scored[dimension.rawValue] as? Double != nil || (dimension.needsJudge && skipped[dimension.rawValue] == 1)
            XCTAssertTrue(present, "\(dimension.rawValue) neither scored nor not applicable in \(scored)")
        }
        XCTAssertEqual(scored["prompts"] as? Int, 9)
        XCTAssertEqual(scored["cached"] as? Bool, false)
        let perPrompt = URL(fileURLWithPath: try XCTUnwrap(scored["per_prompt"] as? String))
        let decoded = try MBenchJSON.decodeResults(Data(contentsOf: perPrompt), fileName: perPrompt.path)
        XCTAssertEqual(decoded.count, 9)
        XCTAssertEqual(Set(decoded.map(\.entry.dimension)), Set(MBenchDimension.allCases))
        let tracked = try runner.json(["runs", "show", try XCTUnwrap(scored["run"] as? String), "--json"])
        let details = try XCTUnwrap(tracked["details"] as? [String: Any])
        XCTAssertEqual((details["run"] as? [String: Any])?["experiment"] as? String, "mbench")
        let metricKeys = Set(((details["metrics"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String })
        for dimension in MBenchDimension.allCases {
            XCTAssertTrue(metricKeys.contains(dimension.rawValue) || metricKeys.contains("not_applicable." + dimension.rawValue), "\(metricKeys)")
        }
        let artifacts = ((details["artifacts"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
        XCTAssertEqual(artifacts, ["mbench/all/" + perPrompt.lastPathComponent])

        // The same model again: generation and scores come from the cache, same numbers.
        let again = try runner.json(["mbench", "--run", train, "--judge", judge, "--per-dimension", "1", "--json"])
        XCTAssertEqual(again["cached"] as? Bool, true)
        XCTAssertEqual(again["Jitter_Degree"] as? Double, scored["Jitter_Degree"] as? Double)

        // Motion files made elsewhere, one per prompt in the official layout (D_I.bvh): the oracle's clips.
        let entries = try XCTUnwrap(decoded.map(\.entry))
        let files = folder.appendingPathComponent("motions")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        for (entry, motion) in zip(entries, try ReferenceMotions.oracle(for: entries, seed: 3)) {
            try BVHExporter().write(motion.smpl, to: files.appendingPathComponent("\(entry.dimension.rawValue)_\(entry.id).bvh"))
        }
        // The subcommands keep their own options (`--json` is not taken by the default `evaluate`).
        let oneFile = files.appendingPathComponent("Jitter_Degree_\(entries[0].id).bvh").path
        XCTAssertEqual(try runner.json(["mbench", "metrics", oneFile, "--json"])["file"] as? String, oneFile)
        let fromFiles = try runner.json(["mbench", "--motions", files.path, "--judge", judge, "--per-dimension", "1", "--json"])
        XCTAssertEqual(fromFiles["model"] as? String, "files motions")
        let floor = try runner.json(["mbench", "--reference", "floor", "--judge", judge, "--per-dimension", "1", "--json"])
        XCTAssertEqual(floor["model"] as? String, "floor")

        // The table holds every model evaluated on the suite, read back from the tracker.
        let table = try String(contentsOf: results.appendingPathComponent("mbench/all.md"), encoding: .utf8)
        for label in ["| light \(train)", "| files motions |", "| floor |"] { XCTAssertTrue(table.contains(label), "\(label) not in\n\(table)") }
        XCTAssertEqual(table.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }.count, 4, table)   // header + 3 models
        if let chart = fromFiles["chart"] as? String {
            XCTAssertEqual(chart, results.appendingPathComponent("plots/mbench-all.png").path)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: chart)).prefix(4), Data([0x89, 0x50, 0x4E, 0x47]))
        }

        // Any MBench JSON file is a suite (the per-prompt export is one: extra keys are ignored), whole by default.
        let fromFile = try runner.json(["mbench", "--reference", "oracle", "--suite", perPrompt.path, "--judge", judge, "--json"])
        XCTAssertEqual(fromFile["suite"] as? String, perPrompt.deletingPathExtension().lastPathComponent)
        XCTAssertEqual(fromFile["prompts"] as? Int, 9)
        XCTAssertTrue(FileManager.default.fileExists(atPath: try XCTUnwrap(fromFile["table"] as? String)))

        // Errors name what is wrong and what to pass instead.
        let notAModel = try runner.run(["mbench", "--run", judge])
        XCTAssertNotEqual(notAModel.status, 0)
        XCTAssertTrue(notAModel.stderr.contains("is a judge step, not a trained model"), notAModel.stderr)
        let badSuite = try runner.run(["mbench", "--reference", "oracle", "--suite", "temporl"])
        XCTAssertNotEqual(badSuite.status, 0)
        XCTAssertTrue(badSuite.stderr.contains("did you mean temporal?"), badSuite.stderr)
    }
}
