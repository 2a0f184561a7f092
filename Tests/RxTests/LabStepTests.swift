import Foundation
import Lab
import Motion
import XCTest
@testable import Rx

/// Takes for the recipe tests: a figure standing and waving one arm, 3.6 s at 30 fps.
private struct WavingTakes: TakeSource {
    let takesPerSource: Int
    /// Throw after this many takes (an interrupted curate).
    var failAfter: Int? = nil
    var cacheKey: String { "test-waving/\(takesPerSource)" }
    var sourceNames: [String] { ["core", "synthetic"] }
    func takeCount(of name: String) throws -> Int { takesPerSource }

    func forEachTake(of name: String, _ body: (Take) throws -> Void) throws {
        for k in 0..<takesPerSource {
            if let failAfter, k >= failAfter { throw BuiltinFailure("the take generator stopped after \(failAfter) take(s)") }
            let fps = 30.0, frames = 108
            var rotations: [Mat3] = [], roots: [SIMD3<Float>] = []
            for t in 0..<frames {
                let phase = Float(Double(t) / fps) * (3 + Float(k))
                var local = [Mat3](repeating: .identity, count: SMPLJoint.count)
                local[0] = Mat3(axis: SIMD3(1, 0, 0), angle: .pi / 2)
                local[SMPLJoint.rightShoulder.rawValue] = Mat3(axis: SIMD3(0, 0, 1), angle: 0.2 + 0.9 * sin(phase))
                local[SMPLJoint.rightElbow.rawValue] = Mat3(axis: SIMD3(0, 1, 0), angle: 0.5 + 0.4 * sin(2 * phase))
                rotations += local
                roots.append(SIMD3(0.1 * sin(phase / 3), 0, 0.92))
            }
            try body(Take(id: "\(name)\(k)", source: name == "core" ? .opticalMocap : .syntheticVideo,
                          motion: SMPLMotion(fps: fps, rootTranslation: roots, rotations: rotations),
                          segments: [TakeSegment(actionID: k % 2 == 0 ? "wave" : "salute", tier: name, start: 0, end: 3.6,
                                                 captions: k % 2 == 0 ? Captions(motion: "a person waves the right arm \(k)", video: "a man waves hello")
                                                    : Captions(motion: "a person raises the right hand to the brow", video: "a soldier salutes"))]))
        }
    }
}

final class LabStepTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rx-steps-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// A harness whose registry has the Lab steps plus `test_world()`; the recipe runs as `table5.rx`.
    private func harness(plan: Bool = false) -> (Harness, RxEnvironment) {
        let h = Harness()
        let environment = RxEnvironment(locations: ProjectLocations(environment: ["MOGENLAB_RESULTS": root.path], currentDirectory: root))
        h.registry = environment.registry()
        h.registry.register(Builtin("test_world", [], returns: .handle("World"), doc: "A tiny test world.") { _, _ in
            .handle(WorldHandle(takes: WavingTakes(takesPerSource: 2), seed: 4, preset: "smoke", takeCount: 4))
        })
        h.options = Interpreter.Options(plan: plan)
        environment.beginRecipe(file: "table5.rx", overrides: [])
        return (h, environment)
    }

    private let recipe = """
        w = test_world()
        data = curate(w, sources: ["synthetic", "core"], captions: "motion")
        print("{data.clips} clips of {data.action_ids}")
        """

    func testCuratingTwiceHitsTheCacheAndThePlanSaysCached() throws {
        let (first, _) = harness(plan: true)
        try first.run(recipe, name: "table5.rx")
        XCTAssertEqual(first.printed.first, "[plan] table5.rx:2:8 curate: will run (nothing cached for curate yet)")

        let (real, env2) = harness()
        try real.run(recipe, name: "table5.rx")
        try env2.recipeRun.finish(succeeded: true)
        XCTAssertEqual(real.printed, ["4 clips of [\"salute\", \"wave\"]"])

        let tracker = try env2.tracker.tracker()
        let child = try XCTUnwrap(tracker.runs(experiment: "table5").first { $0.parentUUID != nil })
        let (again, env3) = harness(plan: true)
        try again.run(recipe, name: "table5.rx")
        XCTAssertEqual(again.printed.first, "[plan] table5.rx:2:8 curate: cached: run \(child.shortID)")
        XCTAssertEqual(again.printed.last, "4 clips of [\"salute\", \"wave\"]", "the cached dataset is handed on under --plan")
        XCTAssertFalse(env3.recipeRun.wasStarted, "--plan starts no run")

        // Another caption style is a view of the same entry.
        let (other, _) = harness(plan: true)
        try other.run(recipe.replacingOccurrences(of: "\"motion\"", with: "\"video\""), name: "table5.rx")
        XCTAssertEqual(other.printed.first, "[plan] table5.rx:2:8 curate: cached: run \(child.shortID)")
        let (fewer, _) = harness(plan: true)
        try fewer.run(recipe.replacingOccurrences(of: "\"synthetic\", ", with: ""), name: "table5.rx")
        XCTAssertEqual(fewer.printed.first, "[plan] table5.rx:2:8 curate: will re-run (sources changed core+synthetic → core)")
    }

    func testStepRunsCarryTheTagsParamsAndMetrics() throws {
        let (h, environment) = harness()
        try h.run("seed = 1\n" + recipe + "\nfeats = encode(data, encoder: \"bow\")\nfor n in [1] { curate(w, sources: [\"core\"]) }\nagain = curate(w, sources: [\"core\", \"synthetic\"])\n", name: "table5.rx")
        try environment.recipeRun.finish(succeeded: true)
        let tracker = try environment.tracker.tracker()
        let parent = try XCTUnwrap(tracker.runs(experiment: "table5").first { $0.parentUUID == nil })
        XCTAssertEqual(parent.name, "recipe table5.rx")
        let children = try tracker.runs(parent: parent.uuid).sorted { $0.startTime < $1.startTime }
        XCTAssertEqual(children.map(\.name), ["curate", "curate", "curate"])
        let third = try tracker.details(of: children[2])
        XCTAssertEqual(third.tags["cached"], "true")
        XCTAssertEqual(third.tags["cached_run"], children[0].shortID, "a cache hit names the run that made the entry")
        XCTAssertEqual(third.tags["cache_key"], try tracker.details(of: children[0]).tags["cache_key"])
        XCTAssertTrue(third.metrics.isEmpty)
        let first = try tracker.details(of: children[0]), second = try tracker.details(of: children[1])
        XCTAssertEqual(first.tags["table"], "table5")
        XCTAssertEqual(first.tags["step"], "curate")
        XCTAssertEqual(first.tags["preset"], "smoke")
        XCTAssertEqual(first.tags["seed"], "4")
        XCTAssertNil(first.tags["arm"])
        XCTAssertEqual(second.tags["arm"], "n=1")
        XCTAssertEqual(first.params["sources"], "core+synthetic")
        XCTAssertEqual(first.params["captions"], "motion")
        XCTAssertEqual(first.metrics.first { $0.key == "clips" }?.last, 4)
        XCTAssertEqual(first.metrics.first { $0.key == "clips.synthetic" }?.last, 2)
        XCTAssertEqual(second.run.status, .finished)
    }

    func testAnInterruptedCurateIsAFailedRunWithNoEntryAndRunsAgain() throws {
        let (h, environment) = harness()
        h.registry.register(Builtin("broken_world", [], returns: .handle("World"), doc: "A world that fails midway.") { _, _ in
            .handle(WorldHandle(takes: WavingTakes(takesPerSource: 3, failAfter: 1), seed: 4, preset: "smoke", takeCount: 6))
        })
        let error = h.error("for s in [\"core\"] { curate(broken_world(), sources: [s]) }\n")
        try environment.recipeRun.finish(succeeded: false)
        let text = error?.description ?? ""
        XCTAssertTrue(text.contains("curate failed: "), text)
        XCTAssertTrue(text.contains("stopped after 1 take(s)"), text)
        XCTAssertTrue(text.contains("in step curate at main.rx:1:21"), text)
        XCTAssertTrue(text.contains("in arm s=\"core\""), text)
        XCTAssertEqual(try StepCache(root: root.appendingPathComponent("cache")).entries(kind: "curate").count, 0)
        XCTAssertEqual(try StepCache(root: root.appendingPathComponent("cache")).partials().count, 0)
        let tracker = try environment.tracker.tracker()
        let step = try XCTUnwrap(tracker.runs(experiment: "table5").first { $0.name == "curate" })
        XCTAssertEqual(step.status, .failed)
        XCTAssertTrue(try tracker.details(of: step).tags["mogenlab.error"]?.contains("stopped after 1") ?? false)

        let (plan, _) = harness(plan: true)
        plan.registry.register(Builtin("broken_world", [], returns: .handle("World"), doc: "The same world, mended.") { _, _ in
            .handle(WorldHandle(takes: WavingTakes(takesPerSource: 3), seed: 4, preset: "smoke", takeCount: 6))
        })
        try plan.run("for s in [\"core\"] { curate(broken_world(), sources: [s]) }\n")
        XCTAssertTrue(plan.printed.first?.hasSuffix("curate [s=\"core\"]: will run (nothing cached for curate yet)") ?? false, "\(plan.printed)")
    }

    func testAFailingStepNamesTheStepAndArm() throws {
        let (h, _) = harness()
        let error = h.error("w = test_world()\nfor s in [\"core\", \"wlid\"] { curate(w, sources: [s]) }\n")
        XCTAssertEqual(error?.description.split(separator: "\n").first.map(String.init),
                       "main.rx:2:48: error: curate: unknown source `wlid` (sources: core, synthetic)")
        XCTAssertTrue(error?.description.contains("in arm s=\"wlid\"") ?? false, error?.description ?? "")
        XCTAssertTrue(error?.description.contains("in step curate") ?? false)
    }
}

final class ModelStepTests: XCTestCase {
    func testTrainGenerateAndRenderAtATinySize() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rx-model-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let h = Harness()
        let environment = RxEnvironment(locations: ProjectLocations(environment: ["MOGENLAB_RESULTS": root.path], currentDirectory: root))
        h.registry = environment.registry()
        h.registry.register(Builtin("test_world", [], returns: .handle("World"), doc: "A tiny test world.") { _, _ in
            .handle(WorldHandle(takes: WavingTakes(takesPerSource: 2), seed: 4, preset: "smoke", takeCount: 4))
        })
        environment.beginRecipe(file: "quick.rx", overrides: [])
        try h.run("""
            seed = 2
            p = merge(presets("smoke"), {training_steps: 3, batch_size: 2, euler_steps: 2})
            data = curate(test_world(), sources: ["core"])
            model = train(data, model: "light", encoder: "bow", preset: p)
            motions = generate(model, ["a man waves hello", "someone waves"])
            files = render(motions, file: "quick", frames: 2)
            student = distill(model, ["a soldier salutes smartly", "someone waves twice"], data, encoder: "bow", preset: p)
            j = judge(data, seed: 1, preset: merge(p, {judge_steps: 4}))
            scores = mbench(motions, suite: "quality", judge: j)
            print(model.kind, model.preset, motions.count, len(keys(scores.dimensions)), scores.Jitter_Degree > 0, student.kind)
            """, name: "quick.rx")
        try environment.recipeRun.finish(succeeded: true)
        XCTAssertEqual(h.printed, ["light smoke 2 7 true light"])
        for file in ["renders/quick.gif", "renders/quick-filmstrip.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), file)
        }
        let tracker = try environment.tracker.tracker()
        let train = try XCTUnwrap(tracker.runs(experiment: "quick").first { $0.name == "train" })
        let details = try tracker.details(of: train)
        XCTAssertEqual(details.params["steps"], "3")
        XCTAssertEqual(details.params["encoder"], "bow")
        XCTAssertEqual(details.metrics.first { $0.key == "loss" }?.count, 3)
        XCTAssertEqual(details.tags["table"], "quick")
        XCTAssertEqual(try StepCache(root: root.appendingPathComponent("cache")).entries(kind: "train").count, 1)
        let distill = try XCTUnwrap(tracker.runs(experiment: "quick").first { $0.name == "distill" })
        let distilled = try tracker.details(of: distill)
        XCTAssertEqual(distilled.metrics.first { $0.key == "teacher_clips" }?.last, 2)
        XCTAssertEqual(distilled.metrics.first { $0.key == "clips" }?.last, 4, "2 curated clips + 2 teacher clips")

        // Modes that refine a reference need the World's video prior.
        let error = h.error("m = generate(model, [\"a wave\"], mode: \"m2m\")")
        XCTAssertEqual(error?.message, "generate: mode \"m2m\" needs the video prior: pass prior: a World, e.g. prior: world()")
    }
}
