import Foundation
import Lab

/// The tracker side of one recipe invocation (ARCHITECTURE.md §9, "Tracker layout"): a parent
/// run, started when the first step runs (a recipe of pure builtins never touches the
/// tracker), and a child run per step tagged `step`, `arm`, `seed` and `step_path`, plus what
/// the step adds (`table`, `preset`).
public final class RecipeRun {
    /// "recipe Recipes/ablations/table5.rx", or "repl".
    public let name: String
    /// The recipe file's stem (`table5`), or `repl`.
    public let experiment: String
    private let tracker: TrackerAccess
    private let recipeSource: String?
    private let overrides: [String: String]
    private var parent: ActiveRun?

    public init(tracker: TrackerAccess, name: String, experiment: String, recipeSource: String? = nil,
                overrides: [Override] = []) {
        self.tracker = tracker
        self.name = name
        self.experiment = experiment
        self.recipeSource = recipeSource
        self.overrides = Dictionary(overrides.map { ("set." + $0.key, $0.text) }, uniquingKeysWith: { $1 })
    }

    /// For `runner recipe FILE`: named after the file, with its text hashed into the environment.
    public convenience init(tracker: TrackerAccess, recipe file: String, overrides: [Override]) {
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        self.init(tracker: tracker, name: "recipe \(file)", experiment: stem.isEmpty ? "recipes" : stem,
                  recipeSource: try? String(contentsOfFile: file, encoding: .utf8), overrides: overrides)
    }

    /// Whether any step ran (so there is a parent run to finish).
    public var wasStarted: Bool { parent != nil }

    /// The parent run, started on first use with the `--set` overrides as params.
    public func parentRun() throws -> ActiveRun {
        if let parent { return parent }
        let run = try tracker.tracker().startRun(name: name, experiment: experiment,
                                                 environment: .capture(recipeSource: recipeSource))
        if !overrides.isEmpty { try run.logParams(overrides) }
        parent = run
        return run
    }

    /// A child run for the step this call runs; the step logs into it and finishes it
    /// (`ActiveRun.finishing` ends it FAILED with the error if the step throws).
    public func startStep(kind: String, context: CallContext, seed: UInt64? = nil,
                          tags extra: [String: String] = [:]) throws -> ActiveRun {
        var tags = ["step": kind, "step_path": context.stepPath]
        if !context.arms.isEmpty { tags["arm"] = context.arms.joined(separator: " / ") }
        if let seed { tags["seed"] = String(seed) }
        tags.merge(extra) { $1 }
        let environment = seed.map { RunEnvironment.capture(seed: Int(truncatingIfNeeded: $0), recipeSource: recipeSource) }
        return try parentRun().startChild(name: kind, environment: environment, tags: tags)
    }

    /// Ends the parent run, if one was started: FINISHED, or FAILED when the recipe failed.
    public func finish(succeeded: Bool) throws {
        guard let parent else { return }
        try parent.finish(succeeded ? .finished : .failed)
        self.parent = nil
    }
}
