import Foundation
import Lab
import MBench
import TextEncoding

/// `judge` (a cached step) and `mbench` (a tracked step) of ARCHITECTURE §9.
enum BenchmarkStepBuiltins {
    static func all(environment: RxEnvironment) -> [Builtin] {
        let cache = StepCache(locations: environment.locations)
        let execution = StepExecution(environment: environment)
        return [judge(environment: environment, cache: cache, execution: execution), mbench(environment: environment)]
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

    static func mbench(environment: RxEnvironment) -> Builtin {
        Builtin("mbench",
            [Parameter("motions", .handle("Motions")),
             Parameter("suite", .choice(BenchmarkStep.Suite.allCases.map(\.rawValue)), default: .string("all"),
                       doc: "quality (the seven physical dimensions), consistency, generalization, or all nine"),
             Parameter("judge", .handle("Judge"))],
            returns: .handle("Scores"),
            doc: "MBench on motions, each scored against its own prompt: dimension → value under the official names.",
            step: StepSpec(kind: "mbench") { _, _ in StepPlan(.willRun, reasons: ["scores are recomputed (seconds)"]) }) { args, context in
            let motions = try args.handle("motions", as: MotionsHandle.self)
            let judge = try args.handle("judge", as: JudgeHandle.self)
            let suite = BenchmarkStep.Suite(rawValue: try args.string("suite"))!
            let run = try environment.recipeRun.startStep(kind: "mbench", context: context, seed: judge.seed,
                                                          tags: ["table": StepExecution.table(of: context.recipe), "suite": suite.rawValue])
            return try run.finishing { run in
                try run.logParams(["suite": suite.rawValue, "motions": String(motions.frames.count), "judge": judge.key])
                let step = BenchmarkStep(suite: suite, seed: judge.seed)
                let poses = try BenchmarkStep.poseQuality(from: judge.dataset, seed: judge.seed)
                let result = try step.run(prompts: motions.prompts, frames: motions.frames, judge: judge.judge, poses: poses)
                try run.logMetrics(result.byOfficialName, step: 0)
                return .handle(ScoresHandle(result: result, suite: suite.rawValue))
            }
        }
    }
}
