import Foundation
import Lab
import MBench

/// `mbench(motions, suite:, judge:, table:, row:)`: MBench as a cached step (`BenchmarkStep`'s
/// cached form: the entry holds the per-prompt results in the official layout,
/// `per-prompt.json`, written by MBench's `MBenchJSON`); every
/// call — a cache hit too — makes a child run tagged `table`, `row`, `seed`, `preset` with the
/// dimensions as metrics and `per-prompt.json` as its artifact, so each recipe invocation leaves
/// its table's full set of rows in the tracker (`runner tables` reads them).
enum MBenchBuiltin {
    static let kind = BenchmarkStep.kind

    /// What one call scores: the entries (a `Suite`'s, or built from the motions' own prompts),
    /// keyed as MBench's cached `BenchmarkStep` keys them (motions by content, judge, pose bank).
    struct Request {
        let motions: MotionsHandle
        let judge: JudgeHandle
        let suiteName: String
        let given: SuiteHandle?

        func key() throws -> CacheKey {
            if let given {
                return try BenchmarkStep.key(entries: given.entries, prompts: given.entryTitles(motions.prompts), frames: motions.frames,
                                             judgeKey: judge.key, posesKey: judge.posesKey)
            }
            let step = BenchmarkStep(suite: BenchmarkStep.Suite(rawValue: suiteName)!, seed: judge.seed)
            let entries = try step.entries(prompts: motions.prompts, judge: judge.judge)
            let perEntry = entries.indices.map { motions.frames[$0 / step.suite.dimensions.count] }
            return try BenchmarkStep.key(entries: entries, prompts: entries.map(\.prompt), frames: perEntry,
                                         judgeKey: judge.key, posesKey: judge.posesKey)
        }

        func score(cache: StepCache, reporting: StepReporting) throws -> BenchmarkStep.Scored {
            if let given {
                return try BenchmarkStep.run(entries: given.entries, prompts: given.entryTitles(motions.prompts), frames: motions.frames,
                                             judge: judge.judge, judgeKey: judge.key, poses: try judge.poses(), posesKey: judge.posesKey,
                                             cache: cache, reporting: reporting)
            }
            return try BenchmarkStep(suite: BenchmarkStep.Suite(rawValue: suiteName)!, seed: judge.seed)
                .run(prompts: motions.prompts, frames: motions.frames, judge: judge.judge, judgeKey: judge.key,
                     poses: try judge.poses(), posesKey: judge.posesKey, cache: cache, reporting: reporting)
        }
    }

    static func request(_ args: Arguments) throws -> Request {
        let given = try? args.handle("suite", as: SuiteHandle.self)
        return Request(motions: try args.handle("motions", as: MotionsHandle.self), judge: try args.handle("judge", as: JudgeHandle.self),
                       suiteName: try given.map { "world:" + $0.name } ?? args.string("suite"), given: given)
    }

    static func load(_ folder: URL) throws -> BenchmarkResult {
        let url = folder.appendingPathComponent(BenchmarkStep.perPromptName)
        return BenchmarkResult(perPrompt: try MBenchJSON.decodeResults(try Data(contentsOf: url), fileName: url.path))
    }

    static func builtin(environment: RxEnvironment, cache: StepCache, execution: StepExecution) -> Builtin {
        Builtin("mbench",
            [Parameter("motions", .handle("Motions")),
             Parameter("suite", .oneOf([.choice(BenchmarkStep.Suite.allCases.map(\.rawValue)), .handle("Suite")]), default: .string("all"),
                       doc: "a Suite (suite(world): each entry scored on its dimension), or, scoring each motion against its own prompt: quality (the seven physical dimensions), consistency, generalization, all"),
             Parameter("judge", .handle("Judge")),
             Parameter("table", .optional(.string), default: Value.none, doc: "the `table` tag (e.g. \"table5\"); default: the recipe's file stem"),
             Parameter("row", .optional(.string), default: Value.none, doc: "the `row` tag: the row id of the table spec (Experiments/tables/tableN.json)"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "the `seed` tag; default: the seed of the arm that made the motions")],
            returns: .handle("Scores"),
            doc: "MBench on motions: dimension → value under the official names (cached; every call logs a tagged run with the per-prompt JSON).",
            step: StepSpec(kind: kind) { args, _ in
                let request = try request(args)
                return try CachePlan.plan(for: try request.key(), in: cache, runID: StepExecution.producer) { entry in
                    .handle(ScoresHandle(result: try load(entry.directory), suite: request.suiteName))
                }
            }) { args, context in
            let request = try request(args)
            var tags = ["suite": request.suiteName]
            if case .string(let table) = args["table"] { tags["table"] = table }
            if case .string(let row) = args["row"] { tags["row"] = row }
            let seed: UInt64
            if case .number = args["seed"] { seed = try context.seed(explicit: args["seed"]) } else { seed = request.motions.seed ?? request.judge.seed }
            let entry = try cache.entry(for: try request.key())
            let params = ["suite": request.suiteName, "motions": String(request.motions.frames.count), "judge": request.judge.key,
                          "motions_key": request.motions.key]
            let result = try execution.run(kind: kind, context: context, seed: seed, preset: request.judge.preset, params: params,
                                           entry: entry, tags: tags) { reporting, run in
                let scored = try request.score(cache: cache, reporting: reporting)
                try run.logMetrics(scored.result.byOfficialName, step: 0)
                for (dimension, count) in scored.result.notApplicable where count > 0 {
                    try run.logMetric("not_applicable.\(dimension.rawValue)", Double(count), step: 0)
                }
                try run.logArtifact(scored.perPromptFile, resultsRoot: environment.locations.resultsRoot)
                return scored.result
            }
            return .handle(ScoresHandle(result: result, suite: request.suiteName))
        }
    }
}
