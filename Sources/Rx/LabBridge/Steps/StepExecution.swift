import Foundation
import Lab

/// Runs one Lab step as a child run of the recipe's parent run (ARCHITECTURE §9, "Tracker
/// layout"): tagged `table`, `arm`, `seed`, `preset` and `step`, with the step's params; the
/// step's metrics and progress go to the run and a progress bar. A step whose cache entry is
/// already published still gets a (short) child run, tagged `cached` with the run that made it,
/// so every invocation's tree shows every step.
struct StepExecution {
    let environment: RxEnvironment

    func run<T>(kind: String, context: CallContext, seed: UInt64?, preset: String?, params: [String: String],
                entry: CacheEntry, _ body: (StepReporting) throws -> T) throws -> T {
        var tags = ["table": Self.table(of: context.recipe)]
        if let preset { tags["preset"] = preset }
        tags["cache_key"] = entry.hash
        if entry.isPublished { tags["cached"] = StepProducer.read(from: entry.directory)?.run ?? "yes" }
        let run = try environment.recipeRun.startStep(kind: kind, context: context, seed: seed, tags: tags)
        try run.logParams(params)
        let reporting = StepReporting(metrics: run, runID: run.shortID) { label, total, unit in
            ProgressBar(label, total: total, unit: unit)
        }
        return try run.finishing { _ in try body(reporting) }
    }

    /// The `table` tag: `5` for `…/table5.rx`, else the recipe's file stem, `repl` in the REPL.
    static func table(of recipe: String?) -> String {
        guard let recipe else { return "repl" }
        let stem = URL(fileURLWithPath: recipe).deletingPathExtension().lastPathComponent
        if stem.hasPrefix("table"), let n = Int(stem.dropFirst(5)) { return String(n) }
        return stem
    }

    /// The run that made a published entry, for `--plan`'s "cached: run N".
    static func producer(_ entry: CacheEntry) -> String? { StepProducer.read(from: entry.directory)?.run }
}
