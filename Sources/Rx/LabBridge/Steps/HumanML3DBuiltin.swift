import Foundation
import Lab
import MBench

/// `humanml3d(motions, real:, judge:, repeats:)`: Table 8's HumanML3D-style metrics on the
/// judge's embeddings (MBench's `HumanML3DEvaluation`: R-precision in groups of 32, MM-Dist, FID,
/// Diversity, MultiModality; 20 repetitions, mean ± 1.96·std/√20), logged as a child run tagged
/// `step` = `humanml3d`, `table`, `row`, `seed`, `preset` with each metric and its `.ci95`.
/// Recomputed on every call (seconds); the generations it reads are cached by `generate`.
enum HumanML3DBuiltin {
    static func builtin(environment: RxEnvironment, cache: StepCache, execution: StepExecution) -> Builtin {
        Builtin("humanml3d",
            [Parameter("motions", .handle("Motions"), doc: "one generation per text (at least 32, for R-precision's groups)"),
             Parameter("real", .handle("Motions"), doc: "ground-truth motions (e.g. clips(test_data, n:)) for FID"),
             Parameter("judge", .handle("Judge"), doc: "whose embeddings the metrics are computed on"),
             Parameter("repeats", .optional(.handle("Motions")), default: Value.none,
                       doc: "several generations of some texts (the paper: 10 each), grouped by prompt, for MultiModality"),
             Parameter("prompts", .optional(.list(.string)), default: Value.none,
                       doc: "the texts the motions answer, when not their own titles (a floor row: other motions under the same texts)"),
             Parameter("table", .optional(.string), default: Value.none, doc: "the `table` tag; default: the recipe's file stem"),
             Parameter("row", .optional(.string), default: Value.none, doc: "the `row` tag: the row id of the table spec"),
             Parameter("repetitions", .integer, default: .number(20), doc: "evaluation repetitions (the protocol's 20)"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "the repetitions' draws and the `seed` tag; default: the motions' seed")],
            returns: .record,
            doc: "HumanML3D-style metrics (Table 8) as {name: {mean, ci95}}: R_precision_top1..3, MM_Dist, FID, Diversity, MultiModality.",
            step: StepSpec(kind: "humanml3d") { _, _ in StepPlan(.willRun, reasons: ["recomputed from cached generations (seconds)"]) }) { args, context in
            let motions = try args.handle("motions", as: MotionsHandle.self)
            let real = try args.handle("real", as: MotionsHandle.self)
            let judge = try args.handle("judge", as: JudgeHandle.self)
            let repeats = try? args.handle("repeats", as: MotionsHandle.self)
            let repetitions = try args.integer("repetitions")
            guard repetitions >= 2 else { throw BuiltinFailure("needs at least 2 repetitions for an interval, got \(repetitions)", argument: "repetitions") }
            let seed: UInt64
            if case .number = args["seed"] { seed = try context.seed(explicit: args["seed"]) } else { seed = try motions.seed ?? context.seed(explicit: Value.none) }
            var texts = motions.prompts
            if case .list(let given) = args["prompts"] {
                texts = given.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
                guard texts.count == motions.frames.count else {
                    throw BuiltinFailure("\(texts.count) prompts for \(motions.frames.count) motions", argument: "prompts")
                }
            }
            var evaluation = HumanML3DEvaluation()
            evaluation.repetitions = repetitions
            evaluation.seed = seed
            guard motions.frames.count >= evaluation.groupSize else {
                throw BuiltinFailure("R-precision needs at least \(evaluation.groupSize) motions, got \(motions.frames.count)", argument: "motions")
            }
            var groups: [String: [Int]] = [:], order: [String] = []
            for (i, prompt) in (repeats?.prompts ?? []).enumerated() {
                if groups[prompt] == nil { order.append(prompt) }
                groups[prompt, default: []].append(i)
            }
            let sets = order.map { groups[$0]!.map { repeats!.frames[$0] } }
            var tags = ["table": StepExecution.table(of: context.recipe), "preset": judge.preset]
            if case .string(let table) = args["table"] { tags["table"] = table }
            if case .string(let row) = args["row"] { tags["row"] = row }
            let run = try environment.recipeRun.startStep(kind: "humanml3d", context: context, seed: seed, tags: tags)
            return try run.finishing { run in
                try run.logParams(["motions": String(motions.frames.count), "real": String(real.frames.count), "judge": judge.key,
                                   "repetitions": String(repetitions), "multimodality_texts": String(sets.count)])
                let scores = try evaluation.evaluate(judge: judge.judge, prompts: texts, generated: motions.frames,
                                                     real: real.frames, generationsPerText: sets)
                var named: [(String, Interval)] = [("R_precision_top1", scores.rPrecision[0]), ("R_precision_top2", scores.rPrecision[1]),
                                                   ("R_precision_top3", scores.rPrecision[2]), ("MM_Dist", scores.multimodalDistance),
                                                   ("FID", scores.fid), ("Diversity", scores.diversity)]
                if let mm = scores.multimodality { named.append(("MultiModality", mm)) }
                var metrics: [String: Double] = [:]
                for (name, interval) in named {
                    metrics[name] = interval.mean
                    metrics[name + ".ci95"] = interval.halfWidth
                }
                try run.logMetrics(metrics, step: 0)
                return .record(Record(named.map { name, interval in
                    (name, .record(Record([("mean", .number(interval.mean)), ("ci95", .number(interval.halfWidth))])))
                }))
            }
        }
    }
}
