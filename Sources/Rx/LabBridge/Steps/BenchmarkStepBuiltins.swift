import Foundation
import Lab
import MBench
import TextEncoding

/// `judge` (a cached step) and `mbench` (a tracked step) of ARCHITECTURE §9.
enum BenchmarkStepBuiltins {
    static func all(environment: RxEnvironment) -> [Builtin] {
        let cache = StepCache(locations: environment.locations)
        let execution = StepExecution(environment: environment)
        return [judge(environment: environment, cache: cache, execution: execution), mbench(environment: environment),
                suite(environment: environment)]
    }

    static func judge(environment: RxEnvironment, cache: StepCache, execution: StepExecution) -> Builtin {
        func step(_ args: Arguments, _ context: CallContext) throws -> (DatasetHandle, JudgeStep) {
            let data = try args.handle("data", as: DatasetHandle.self)
            let preset = try ModelStepBuiltins.preset(args["preset"], named: data.preset, file: environment.presetsFile)
            return (data, JudgeStep(steps: preset.judgeSteps, seed: try context.seed(explicit: args["seed"])))
        }
        let encoder = { try TextEncoderKind.miniLMPooled.make(warnings: .ignore) }
        return Builtin("judge",
            [Parameter("data", .handle("Dataset"), doc: "clean clips from a world the generators never train on"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed"),
             Parameter("preset", .optional(.record), default: Value.none, doc: "judge_steps; default: the data's preset")],
            returns: .handle("Judge"),
            doc: "Trains MBench's text–motion retrieval judge on a dataset (cached; held-out R@1/R@5 in the tracker).",
            step: StepSpec(kind: JudgeStep.kind) { args, context in
                let (data, step) = try step(args, context)
                return try CachePlan.plan(for: step.key(dataset: data.dataset.key), in: cache, runID: StepExecution.producer) { entry in
                    .handle(JudgeHandle(judge: try Judge.load(from: entry.directory.appendingPathComponent(JudgeStep.fileName), textEncoder: try encoder()),
                                        key: entry.hash, dataset: data.dataset, seed: step.seed))
                }
            }) { args, context in
            let (data, step) = try step(args, context)
            let entry = try cache.entry(for: step.key(dataset: data.dataset.key))
            let judge = try execution.run(kind: JudgeStep.kind, context: context, seed: step.seed, preset: data.preset,
                                          params: ["steps": String(step.steps), "dataset": data.dataset.key], entry: entry) { reporting in
                try step.run(data.dataset, cache: cache, textEncoder: try encoder(), reporting: reporting).judge
            }
            return .handle(JudgeHandle(judge: judge, key: entry.hash, dataset: data.dataset, seed: step.seed))
        }
    }

    static func suite(environment: RxEnvironment) -> Builtin {
        Builtin("suite",
            [Parameter("world", .handle("World")),
             Parameter("name", .choice(["temporal", "frame", "consistency", "generalization", "all"]), default: .string("all")),
             Parameter("n", .optional(.integer), default: Value.none, doc: "prompts per dimension; default: the world's preset's prompts_per_dimension"),
             Parameter("seed", .integer, default: .number(0), doc: "the suites' seed (fixed by default, so every model meets the same prompts)")],
            returns: .handle("Suite"),
            doc: "The World's MBench prompt suites in the official format (distractors, rare paraphrases, held-out actions).") { args, _ in
            let world = try args.handle("world", as: WorldHandle.self)
            guard let takes = world.takes as? WorldTakes else { throw BuiltinFailure("this world has no lexicon to build suites from", argument: "world") }
            var n = try ModelStepBuiltins.preset(Value.none, named: world.preset, file: environment.presetsFile).promptsPerDimension
            if case .number = args["n"] { n = try args.integer("n") }
            guard n >= 1 else { throw BuiltinFailure("n must be at least 1, got \(n)", argument: "n") }
            let name = try args.string("name")
            let entries = try WorldSuites.entries(name, world: takes.world, perDimension: n, seed: UInt64(try args.integer("seed")))
            return .handle(SuiteHandle(name: name, entries: entries))
        }
    }

    static func mbench(environment: RxEnvironment) -> Builtin {
        Builtin("mbench",
            [Parameter("motions", .handle("Motions")),
             Parameter("suite", .oneOf([.choice(BenchmarkStep.Suite.allCases.map(\.rawValue)), .handle("Suite")]), default: .string("all"),
                       doc: "a Suite (suite(world): each entry scored on its dimension), or, scoring each motion against its own prompt: quality (the seven physical dimensions), consistency, generalization, all"),
             Parameter("judge", .handle("Judge"))],
            returns: .handle("Scores"),
            doc: "MBench on motions, each scored against its own prompt: dimension → value under the official names.",
            step: StepSpec(kind: "mbench") { _, _ in StepPlan(.willRun, reasons: ["scores are recomputed (seconds)"]) }) { args, context in
            let motions = try args.handle("motions", as: MotionsHandle.self)
            let judge = try args.handle("judge", as: JudgeHandle.self)
            let given = try? args.handle("suite", as: SuiteHandle.self)
            let suiteName = try given.map { "world:" + $0.name } ?? args.string("suite")
            let run = try environment.recipeRun.startStep(kind: "mbench", context: context, seed: judge.seed,
                                                          tags: ["table": StepExecution.table(of: context.recipe), "suite": suiteName])
            return try run.finishing { run in
                try run.logParams(["suite": suiteName, "motions": String(motions.frames.count), "judge": judge.key])
                let poses = try BenchmarkStep.poseQuality(from: judge.dataset, seed: judge.seed)
                let result: BenchmarkResult
                if let given {
                    result = try BenchmarkStep.run(entries: given.entries, prompts: motions.prompts, frames: motions.frames,
                                                   judge: judge.judge, poses: poses)
                } else {
                    let step = BenchmarkStep(suite: BenchmarkStep.Suite(rawValue: suiteName)!, seed: judge.seed)
                    result = try step.run(prompts: motions.prompts, frames: motions.frames, judge: judge.judge, poses: poses)
                }
                try run.logMetrics(result.byOfficialName, step: 0)
                for (dimension, count) in result.notApplicable where count > 0 {
                    try run.logMetric("not_applicable.\(dimension.rawValue)", Double(count), step: 0)
                }
                return .handle(ScoresHandle(result: result, suite: suiteName))
            }
        }
    }
}
