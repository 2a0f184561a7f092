import Foundation
import Lab

/// What `runner recipe` and `runner repl` share: the full builtin registry (the pure builtins
/// plus the bridges into Lab), the REPL's commands, and where results live.
public final class RxEnvironment {
    public let locations: ProjectLocations
    /// The tracker, opened on first use.
    public let tracker: TrackerAccess
    /// `Experiments/presets.toml` of the checkout (or of the current folder).
    public var presetsFile: URL
    /// The tracker runs of the recipe or REPL session being run; steps start their child runs here.
    public var recipeRun: RecipeRun

    public init(locations: ProjectLocations = ProjectLocations(), presetsFile: URL? = nil) {
        self.locations = locations
        self.tracker = TrackerAccess(locations: locations)
        self.presetsFile = presetsFile ?? Presets.defaultFile
        self.recipeRun = RecipeRun(tracker: tracker, name: "repl", experiment: "repl")
    }

    /// Before `runner recipe FILE` runs: its steps become children of a run named after the file.
    public func beginRecipe(file: String, overrides: [Override]) {
        recipeRun = RecipeRun(tracker: tracker, recipe: file, overrides: overrides)
    }

    /// Every builtin a recipe can call.
    public func registry() -> BuiltinRegistry {
        let registry = BuiltinRegistry.standard()
        let presetsFile = self.presetsFile
        for builtin in LabBuiltins.all(tracker: tracker, presetsFile: { presetsFile }) { registry.register(builtin) }
        for builtin in StepBuiltins.all(environment: self) { registry.register(builtin) }
        registry.register(PlotBuiltin.builtin(resultsRoot: locations.resultsRoot))
        registry.register(TableBuiltin.builtin(environment: self))
        return registry
    }

    /// A REPL session with the standard commands, `:plot`, the tracker commands, and run ids
    /// among the Tab completions.
    public func replSession(interpreter: Interpreter, output: @escaping (String) -> Void,
                            errors: @escaping (String) -> Void) -> ReplSession {
        let session = ReplSession(interpreter: interpreter, commands: ColonCommand.standard + [.plot] + RunCommands.all(tracker: tracker),
                                  output: output, errors: errors)
        let tracker = self.tracker
        session.extraCompletions = { tracker.recentIDs() }
        return session
    }

    /// The REPL's history file: `<results root>/repl_history`.
    public var historyFile: String { locations.resultsRoot.appendingPathComponent("repl_history").path }
}
