import Foundation
import Lab

/// Runs one Lab step as a child run of the recipe's parent run (ARCHITECTURE §9, "Tracker
/// layout"): tagged `table`, `arm`, `seed`, `preset` and `step`, with the step's params; the
/// step's metrics and progress go to the run and a progress bar. A step whose cache entry is
/// already published still gets a (short) child run, tagged `cached` = `true` and `cached_run` =
/// the run that made it,
/// so every invocation's tree shows every step.
struct StepExecution {
    let environment: RxEnvironment

    func run<T>(kind: String, context: CallContext, seed: UInt64?, preset: String?, params: [String: String],
                entry: CacheEntry, tags extra: [String: String] = [:], _ body: (StepReporting, ActiveRun) throws -> T) throws -> T {
        var tags = ["table": Self.table(of: context.recipe)]
        tags.merge(extra) { $1 }
        if let preset { tags["preset"] = preset }
        tags["cache_key"] = entry.hash
        if entry.isPublished {
            tags["cached"] = "true"
            if let producer = StepProducer.read(from: entry.directory)?.run { tags["cached_run"] = producer }
        }
        let run = try environment.recipeRun.startStep(kind: kind, context: context, seed: seed, tags: tags)
        try run.logParams(params)
        let reporting = StepReporting(metrics: run, runID: run.shortID) { label, total, unit in
            ProgressBar(label, total: total, unit: unit)
        }
        return try run.finishing { run in try body(reporting, run) }
    }

    func run<T>(kind: String, context: CallContext, seed: UInt64?, preset: String?, params: [String: String],
                entry: CacheEntry, tags: [String: String] = [:], _ body: (StepReporting) throws -> T) throws -> T {
        try run(kind: kind, context: context, seed: seed, preset: preset, params: params, entry: entry, tags: tags) { reporting, _ in
            try body(reporting)
        }
    }

    /// The default `table` tag: the recipe's file stem (`table5` for `…/table5.rx`), `repl` in
    /// the REPL. `mbench(…, table:)` overrides it (all.rx runs every table's arms).
    static func table(of recipe: String?) -> String {
        guard let recipe else { return "repl" }
        return URL(fileURLWithPath: recipe).deletingPathExtension().lastPathComponent
    }

    /// The run that made a published entry, for `--plan`'s "cached: run N".
    static func producer(_ entry: CacheEntry) -> String? { StepProducer.read(from: entry.directory)?.run }
}
