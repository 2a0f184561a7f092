/// What a builtin may know about the call it serves: where it is, which arm of which `for`
/// it runs in, whether this is a `--plan` pass, the recipe's seed, and where to print.
public final class CallContext {
    public let builtin: String
    public let location: SourceLocation
    /// One entry per enclosing `for` arm, outermost first: `src="wild"`, `seed=2`.
    public let arms: [String]
    /// This call's place in the recipe, stable under edits elsewhere: the arm labels, then the
    /// builtin name with its occurrence count in that arm (`src="wild"/train#0`).
    public let stepPath: String
    public let isPlanning: Bool
    /// The recipe file `runner recipe` was given (as typed), nil in the REPL: the parent run's
    /// name, and where a step can read which table it serves.
    public let recipe: String?
    /// The recipe's top-level `seed` variable, if it declared one.
    public let recipeSeed: UInt64?
    /// The recipe's `preset` variable (a `presets(…)` record or a preset name), if it has one:
    /// the "current preset" of shorthands such as `judge(seed:)`.
    public let recipePreset: Value?
    private let write: (String) -> Void

    init(builtin: String, location: SourceLocation, arms: [String], stepPath: String,
         isPlanning: Bool, recipe: String?, recipeSeed: UInt64?, recipePreset: Value? = nil,
         write: @escaping (String) -> Void) {
        self.builtin = builtin
        self.location = location
        self.arms = arms
        self.stepPath = stepPath
        self.isPlanning = isPlanning
        self.recipe = recipe
        self.recipeSeed = recipeSeed
        self.recipePreset = recipePreset
        self.write = write
    }

    /// Prints a line of the recipe's output.
    public func output(_ line: String) { write(line) }

    /// The seed this call must use: the explicit argument when given, otherwise one derived from
    /// the recipe's `seed` and this call's step path. No declared seed → an error saying how to fix.
    public func seed(explicit: Value?) throws -> UInt64 {
        if case .number(let x)? = explicit {
            guard x == x.rounded(), x >= 0, x < 9e15 else {
                throw BuiltinFailure("a seed must be a whole number ≥ 0, got \(Value.format(x))", argument: "seed")
            }
            return UInt64(x)
        }
        guard let recipeSeed else {
            throw BuiltinFailure("\(builtin) needs randomness but no seed is declared: pass `seed:` or put `seed = 1` at the top of the recipe")
        }
        return Seeds.derive(recipeSeed, path: stepPath)
    }
}
