import Foundation
import Lab
import XCTest
@testable import Rx

/// `runs`, `run`, `presets` and the REPL's `:runs`, `:show`, `:compare` on a real tracker.
final class LabBridgeTests: XCTestCase {
    private var root: URL!
    private var environment: RxEnvironment!
    private var ids: [String] = []

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rx-lab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let presets = root.appendingPathComponent("presets.toml")
        try """
        [smoke]
        world_clips = 64
        model_width = 32
        model_depth = 1
        model_heads = 2
        reference_encoder_depth = 1
        training_steps = 20
        batch_size = 8
        learning_rate = 1e-3
        judge_steps = 20
        prompts_per_dimension = 4
        euler_steps = 4
        seeds = [0, 1]
        """.write(to: presets, atomically: true, encoding: .utf8)
        environment = RxEnvironment(locations: ProjectLocations(environment: ["MOGENLAB_RESULTS": root.path], currentDirectory: root),
                                    presetsFile: presets)
        let tracker = try environment.tracker.tracker()
        for (arm, lr, score) in [("core", "1e-4", 0.41), ("wild", "3e-4", 0.44)] {
            let run = try tracker.startRun(name: "train", experiment: "table5", tags: ["arm": arm], heartbeat: false)
            try run.logParams(["lr": lr, "model": "light"])
            try run.logMetrics(["Motion_Generalizability": score], step: 1)
            try run.finish()
            ids.append(run.shortID)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func testRunsQueriesAndRunFields() throws {
        let interpreter = Interpreter(registry: environment.registry(), output: { _ in }, diagnostics: { _ in })
        let source = Source(name: "repl", path: nil, text: """
        wild = runs("experiment=table5 tag.arm=wild")
        r = run("\(ids[0])")
        all = for x in runs("status=finished") { x.metrics.Motion_Generalizability }
        small = presets("smoke")
        """)
        _ = try interpreter.evaluate(source)
        guard case .list(let wild)? = interpreter.variables["wild"], case .handle(let h)? = wild.first else { return XCTFail() }
        XCTAssertEqual(wild.count, 1)
        XCTAssertEqual(h.field("id"), .string(ids[1]))
        XCTAssertEqual(h.field("params").flatMap { if case .record(let r) = $0 { return r["lr"] } else { return nil } }, .string("3e-4"))
        guard case .handle(let r)? = interpreter.variables["r"] else { return XCTFail() }
        XCTAssertEqual(r.summary, "\(ids[0]) train (finished)")
        XCTAssertEqual(interpreter.variables["all"], .list([.number(0.44), .number(0.41)]), "newest first")
        guard case .record(let preset)? = interpreter.variables["small"] else { return XCTFail() }
        XCTAssertEqual(preset["model_width"], .number(32))
        XCTAssertEqual(preset["learning_rate"], .number(1e-3))
        XCTAssertEqual(preset["seeds"], .list([.number(0), .number(1)]))
    }

    func testQueryAndPresetErrorsPointAtTheCall() {
        let interpreter = Interpreter(registry: environment.registry(), output: { _ in }, diagnostics: { _ in })
        XCTAssertThrowsError(try interpreter.evaluate(Source(name: "repl", path: nil, text: "x = runs(\"stauts=finished\")"))) { error in
            let e = error as? RxError
            XCTAssertEqual(e?.location?.description, "repl:1:10")
            XCTAssertTrue(e?.message.hasPrefix("runs: unknown query key `stauts`; did you mean `status`?") ?? false, e?.message ?? "")
        }
        XCTAssertThrowsError(try interpreter.evaluate(Source(name: "repl", path: nil, text: "p = presets(\"smok\")"))) { error in
            XCTAssertTrue("\(error)".contains("smoke"), "\(error)")
        }
    }

    func testReplTrackerCommandsAndRunIdCompletion() {
        var out: [String] = [], err: [String] = []
        let session = environment.replSession(interpreter: Interpreter(registry: environment.registry(), output: { _ in }, diagnostics: { _ in }),
                                              output: { out.append($0) }, errors: { err.append($0) })
        session.feed(":runs tag.arm=core")
        session.feed(":show \(ids[1])")
        session.feed(":compare \(ids[0]) \(ids[1])")
        XCTAssertEqual(err, [])
        XCTAssertEqual(out[0].split(separator: "\n").count, 2, out[0])
        XCTAssertTrue(out[0].contains("\(ids[0])  train  table5      FINISHED"), out[0])
        XCTAssertTrue(out[1].contains("Motion_Generalizability = 0.44 at step 1"), out[1])
        XCTAssertTrue(out[1].contains("tags:    arm=wild"), out[1])
        let compare = out[2].split(separator: "\n").map(String.init)
        XCTAssertTrue(compare.contains { $0.hasPrefix("param lr") && $0.contains("1e-4") && $0.contains("3e-4") && $0.hasSuffix("*") }, out[2])
        XCTAssertTrue(compare.contains { $0.hasPrefix("(1 param identical)") }, out[2])
        XCTAssertTrue(compare.contains { $0.hasPrefix("metric Motion_Generalizability") && $0.contains("0.41") && $0.hasSuffix("*") }, out[2])
        XCTAssertEqual(Set(session.completions(word: "", line: ":show ")), Set(ids))
        XCTAssertTrue(session.completions(word: String(ids[0].prefix(3)), line: "run(\"").contains(ids[0]))
    }
}

/// `CachePlan` answers `--plan` from Lab's step cache.
final class CachePlanTests: XCTestCase {
    func testCachedRerunWithReasonsAndWillRun() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rx-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = StepCache(root: root)
        let trained = CacheKey(kind: "train", version: "1", params: ["lr": "1e-4", "model": "light"], inputs: ["aaaaaaaa11"])
        try cache.entry(for: trained).publish { dir in try "w".write(to: dir.appendingPathComponent("model.txt"), atomically: true, encoding: .utf8) }

        let hit = try CachePlan.plan(for: trained, in: cache, runID: { _ in "42" }, value: { _ in .string("model") })
        XCTAssertEqual(hit.description, "cached: run 42")
        XCTAssertEqual(hit.value, .string("model"))

        var changed = trained
        changed.params["lr"] = "3e-4"
        changed.version = "2"
        changed.inputs = ["bbbbbbbb22"]
        XCTAssertEqual(try CachePlan.plan(for: changed, in: cache).description,
                       "will re-run (version changed 1 → 2; lr changed 1e-4 → 3e-4; input 1 changed (aaaaaaaa → bbbbbbbb))")

        let other = CacheKey(kind: "curate", version: "1")
        XCTAssertEqual(try CachePlan.plan(for: other, in: cache).description, "will run (nothing cached for curate yet)")
    }
}

/// A recipe's steps become child runs of one parent run, tagged with their arm and step.
final class RecipeRunTests: XCTestCase {
    func testStepsAreChildRunsOfTheRecipeRun() throws {
        let h = Harness()
        let environment = RxEnvironment(locations: ProjectLocations(environment: ["MOGENLAB_RESULTS": h.directory.path],
                                                                    currentDirectory: h.directory))
        h.registry = environment.registry()
        h.registry.register(Builtin("score", [Parameter("x", .number), Parameter("seed", .optional(.integer), default: Value.none)],
                                    returns: .number, doc: "A test step that logs its input.",
                                    step: StepSpec(kind: "score") { _, _ in StepPlan(.willRun) }) { args, context in
            let seed = try context.seed(explicit: args["seed"])
            let run = try environment.recipeRun.startStep(kind: "score", context: context, seed: seed, tags: ["table": "5"])
            return try run.finishing { run in
                let x = try args.number("x")
                try run.logMetrics(["value": x * 2], step: 0)
                return .number(x * 2)
            }
        })
        h.write("table5.rx", "")
        environment.beginRecipe(file: h.directory.appendingPathComponent("table5.rx").path, overrides: [try Override.parse("n=2")])
        try h.run("seed = 3\nn = 1\nys = for src in [\"core\", \"wild\"] { score(n, seed: 9) }\n", overrides: ["n=2"])
        try environment.recipeRun.finish(succeeded: true)
        XCTAssertEqual(h.value("ys"), .list([.number(4), .number(4)]))

        let tracker = try environment.tracker.tracker()
        let parents = try tracker.runs(experiment: "table5").filter { $0.parentUUID == nil }
        XCTAssertEqual(parents.count, 1)
        XCTAssertEqual(parents[0].status, .finished)
        XCTAssertEqual(try tracker.details(of: parents[0]).params, ["set.n": "2"])
        let children = try tracker.runs(parent: parents[0].uuid).sorted { $0.startTime < $1.startTime }
        let tags = try children.map { try tracker.details(of: $0).tags }
        XCTAssertEqual(tags.map { $0["arm"] }, ["src=\"core\"", "src=\"wild\""])
        XCTAssertEqual(tags.map { $0["step"] }, ["score", "score"])
        XCTAssertEqual(tags.map { $0["seed"] }, ["9", "9"])
        XCTAssertEqual(tags.map { $0["table"] }, ["5", "5"])
        XCTAssertEqual(tags.map { $0["step_path"] }, ["src=\"core\"/score#0", "src=\"wild\"/score#0"])
        XCTAssertEqual(try children.map { try tracker.details(of: $0).metrics.first?.last }, [4, 4])
    }

    func testPureRecipesNeverOpenTheTracker() throws {
        let h = Harness()
        let environment = RxEnvironment(locations: ProjectLocations(environment: ["MOGENLAB_RESULTS": h.directory.appendingPathComponent("Results").path],
                                                                    currentDirectory: h.directory))
        h.registry = environment.registry()
        environment.beginRecipe(file: "main.rx", overrides: [])
        try h.run("x = mean([1, 2])")
        try environment.recipeRun.finish(succeeded: true)
        XCTAssertFalse(environment.recipeRun.wasStarted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: environment.locations.tracker.path))
    }
}
