import Foundation
import Lab
import MBench
import Motion
import MotionWorld
import TextEncoding

/// `judge` (a cached step) and `suite` of ARCHITECTURE §9; `mbench`, `reference` and
/// `humanml3d` join them from their own files.
enum BenchmarkStepBuiltins {
    static func all(environment: RxEnvironment) -> [Builtin] {
        let cache = StepCache(locations: environment.locations)
        let execution = StepExecution(environment: environment)
        return [judge(environment: environment, cache: cache, execution: execution),
                MBenchBuiltin.builtin(environment: environment, cache: cache, execution: execution),
                suite(environment: environment), ReferenceBuiltins.reference(), ReferenceBuiltins.select(),
                HumanML3DBuiltin.builtin(environment: environment, cache: cache, execution: execution)]
    }

    static func judge(environment: RxEnvironment, cache: StepCache, execution: StepExecution) -> Builtin {
        func preset(_ args: Arguments, _ context: CallContext, fallback: String?) throws -> Preset {
            if case .string(let name) = args["preset"] {
                return try ModelStepBuiltins.preset(Value.none, named: name, file: environment.presetsFile)
            }
            if case .record = args["preset"] { return try ModelStepBuiltins.preset(args["preset"], named: "smoke", file: environment.presetsFile) }
            if let fallback { return try ModelStepBuiltins.preset(Value.none, named: fallback, file: environment.presetsFile) }
            switch context.recipePreset {
            case .string(let name)?: return try ModelStepBuiltins.preset(Value.none, named: name, file: environment.presetsFile)
            case .record?: return try ModelStepBuiltins.preset(context.recipePreset!, named: "smoke", file: environment.presetsFile)
            default:
                throw BuiltinFailure("judge(seed:) draws a World at the current preset, but the recipe has none: pass preset: "
                                     + "or assign `preset = presets(\"smoke\")` first", argument: "seed")
            }
        }
        let encoder = { try TextEncoderKind.miniLMPooled.make(warnings: .ignore) }
        func datasetHandle(_ judge: Judge, key: String, data: DatasetHandle, seed: UInt64) -> JudgeHandle {
            JudgeHandle(judge: judge, key: key, source: "\(data.dataset.clipCount) clips", seed: seed, preset: data.preset,
                        poses: { try BenchmarkStep.poseQuality(from: data.dataset, seed: seed) },
                        posesKey: BenchmarkStep.posesKey(dataset: data.dataset, seed: seed))
        }
        func worldHandle(_ judge: Judge, key: String, step: WorldJudgeStep, preset: String) -> JudgeHandle {
            JudgeHandle(judge: judge, key: key, source: "World \(step.worldSeed) sample (\(step.takes) takes)", seed: step.seed, preset: preset,
                        poses: { try step.poseQuality() }, posesKey: step.sampleKey)
        }
        return Builtin("judge",
            [Parameter("data", .optional(.handle("Dataset")), default: Value.none,
                       doc: "clean clips from a world the generators never train on; none: the clean sample of a World drawn with `seed` (MBench's JudgeTrainingSet)"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "the judge's seed (and its World's, without data:); default: derived from the recipe's seed"),
             Parameter("preset", .optional(.oneOf([.string, .record])), default: Value.none,
                       doc: "judge_steps (and world_clips, without data:); default: the data's preset, else the recipe's `preset`")],
            returns: .handle("Judge"),
            doc: "Trains MBench's text–motion retrieval judge (cached; held-out R@1/R@5 in the tracker). judge(seed: 1001) learns from its own World's clean sample.",
            step: StepSpec(kind: JudgeStep.kind) { args, context in
                let seed = try context.seed(explicit: args["seed"])
                let data = try? args.handle("data", as: DatasetHandle.self)
                let settings = try preset(args, context, fallback: data?.preset)
                guard let data else {
                    let step = WorldJudgeStep(worldSeed: seed, takes: settings.worldClips, steps: settings.judgeSteps, seed: seed)
                    return try CachePlan.plan(for: step.key, in: cache, runID: StepExecution.producer) { entry in
                        .handle(worldHandle(try Judge.load(from: entry.directory.appendingPathComponent(JudgeStep.fileName), textEncoder: try encoder()),
                                            key: entry.hash, step: step, preset: settings.name))
                    }
                }
                let step = JudgeStep(steps: settings.judgeSteps, seed: seed)
                return try CachePlan.plan(for: step.key(dataset: data.dataset.key), in: cache, runID: StepExecution.producer) { entry in
                    .handle(datasetHandle(try Judge.load(from: entry.directory.appendingPathComponent(JudgeStep.fileName), textEncoder: try encoder()),
                                          key: entry.hash, data: data, seed: seed))
                }
            }) { args, context in
            let seed = try context.seed(explicit: args["seed"])
            let data = try? args.handle("data", as: DatasetHandle.self)
            let settings = try preset(args, context, fallback: data?.preset)
            guard let data else {
                let step = WorldJudgeStep(worldSeed: seed, takes: settings.worldClips, steps: settings.judgeSteps, seed: seed)
                let entry = try cache.entry(for: step.key)
                let judge = try execution.run(kind: JudgeStep.kind, context: context, seed: seed, preset: settings.name,
                                              params: ["steps": String(step.steps), "world_seed": String(step.worldSeed), "takes": String(step.takes)],
                                              entry: entry) { reporting in
                    try step.run(cache: cache, textEncoder: try encoder(), reporting: reporting).judge
                }
                return .handle(worldHandle(judge, key: entry.hash, step: step, preset: settings.name))
            }
            let step = JudgeStep(steps: settings.judgeSteps, seed: seed)
            let entry = try cache.entry(for: step.key(dataset: data.dataset.key))
            let judge = try execution.run(kind: JudgeStep.kind, context: context, seed: step.seed, preset: data.preset,
                                          params: ["steps": String(step.steps), "dataset": data.dataset.key], entry: entry) { reporting in
                try step.run(data.dataset, cache: cache, textEncoder: try encoder(), reporting: reporting).judge
            }
            return .handle(datasetHandle(judge, key: entry.hash, data: data, seed: seed))
        }
    }

    /// The suites depend only on the lexicon, the size and the seed: built once per process.
    static let suites = ProcessMemo<[MBench.MBenchPrompt]>()

    static func suite(environment: RxEnvironment) -> Builtin {
        Builtin("suite",
            [Parameter("world", .handle("World")),
             Parameter("name", .choice(["temporal", "frame", "consistency", "generalization", "all"]), default: .string("all")),
             Parameter("n", .optional(.integer), default: Value.none, doc: "prompts per dimension; default: the world's preset's prompts_per_dimension"),
             Parameter("seed", .integer, default: .number(0), doc: "the suites' seed (fixed by default, so every model meets the same prompts)"),
             Parameter("captions", .choice(CaptionStyle.allCases.map(\.rawValue)), default: .string("motion"),
                       doc: "the style of the prompts given to the model: motion (the suites' own, concise) or video (each rewritten as a video description; scored against the original)")],
            returns: .handle("Suite"),
            doc: "The World's MBench prompt suites in the official format (distractors, rare paraphrases, held-out actions).") { args, _ in
            let world = try args.handle("world", as: WorldHandle.self)
            guard let takes = world.takes as? WorldTakes else { throw BuiltinFailure("this world has no lexicon to build suites from", argument: "world") }
            var n = try ModelStepBuiltins.preset(Value.none, named: world.preset, file: environment.presetsFile).promptsPerDimension
            if case .number = args["n"] { n = try args.integer("n") }
            guard n >= 1 else { throw BuiltinFailure("n must be at least 1, got \(n)", argument: "n") }
            let name = try args.string("name"), seed = UInt64(try args.integer("seed"))
            let entries = try suites.value("\(name)/\(n)/\(seed)/lexicon\(takes.world.lexicon.actions.count)") {
                try WorldSuites.entries(name, world: takes.world, perDimension: n, seed: seed)
            }
            let style = CaptionStyle(rawValue: try args.string("captions"))!
            let shown = style == .video ? VideoStylePrompts(lexicon: takes.world.lexicon, seed: seed).rewrite(entries.map(\.prompt)) : [:]
            return .handle(SuiteHandle(name: name, entries: entries, lexicon: takes.world.lexicon, shown: shown))
        }
    }
}
