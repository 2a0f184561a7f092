import Foundation
import Lab
import XCTest

/// `runner generate` through the binary: a smoke-size model trained by a recipe, then one motion
/// per output type, and the errors for an unknown run, a run that is not a model and an
/// unknown extension.
final class GenerateCommandTests: XCTestCase {
    func testGeneratesFromATrackedTrainRun() throws {
        let folder = try makeTemporaryFolder(self)
        let results = folder.appendingPathComponent("Results")
        let runner = RunnerProcess(results: results)
        let recipe = folder.appendingPathComponent("tiny.rx")
        try """
            seed = 1
            preset = presets("smoke")
            w = world(preset: preset, takes: 24)
            data = curate(w, sources: ["core"], captions: "video")
            model = train(data, model: "vimogen", encoder: "bow", preset: preset)
            """.write(to: recipe, atomically: true, encoding: .utf8)
        let trained = try runner.run(["recipe", recipe.path, "--set", "preset.training_steps=3"])
        XCTAssertEqual(trained.status, 0, trained.stderr)

        let tracker = try Tracker(path: results.appendingPathComponent("tracker.sqlite"))
        let runs = try tracker.runs()
        let train = try XCTUnwrap(runs.first { $0.name == "train" })
        let curate = try XCTUnwrap(runs.first { $0.name == "curate" })

        let bvh = folder.appendingPathComponent("wave.bvh")
        let summary = try runner.json(["generate", "--run", train.shortID, "--prompt", "a person waves", "--steps", "2",
                                       "--seed", "3", "--out", bvh.path, "--json"])
        XCTAssertEqual(summary["branch"] as? String, "text")
        XCTAssertEqual(summary["frames"] as? Int, 101)
        XCTAssertEqual(summary["model"] as? String, "vimogen")
        let text = try String(contentsOf: bvh, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("HIERARCHY"), String(text.prefix(40)))
        XCTAssertTrue(text.contains("Frames: 101"))

        for name in ["wave.npz", "wave.gif", "wave.png"] {
            let out = folder.appendingPathComponent(name)
            let made = try runner.run(["generate", "--run", train.shortID, "--prompt", "a person waves", "--steps", "2", "--out", out.path])
            XCTAssertEqual(made.status, 0, made.stderr)
            XCTAssertGreaterThan(try XCTUnwrap(FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int), 100, name)
        }
        // Same seed, same motion: the BVH is reproduced byte for byte.
        let again = folder.appendingPathComponent("again.bvh")
        XCTAssertEqual(try runner.run(["generate", "--run", train.shortID, "--prompt", "a person waves", "--steps", "2",
                                       "--seed", "3", "--out", again.path]).status, 0)
        XCTAssertEqual(try Data(contentsOf: again), try Data(contentsOf: bvh))

        let unknown = try runner.run(["generate", "--run", String(train.shortID.dropLast()) + "x", "--prompt", "wave", "--out", bvh.path])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains(train.shortID), unknown.stderr)   // the nearest run is suggested
        let notModel = try runner.run(["generate", "--run", curate.shortID, "--prompt", "wave", "--out", bvh.path])
        XCTAssertNotEqual(notModel.status, 0)
        XCTAssertTrue(notModel.stderr.contains("not a trained model") && notModel.stderr.contains(train.shortID), notModel.stderr)
        let badType = try runner.run(["generate", "--run", train.shortID, "--prompt", "wave", "--out", "wave.mp4"])
        XCTAssertNotEqual(badType.status, 0)
        XCTAssertTrue(badType.stderr.contains("'.mp4'") && badType.stderr.contains(".bvh"), badType.stderr)
    }
}
