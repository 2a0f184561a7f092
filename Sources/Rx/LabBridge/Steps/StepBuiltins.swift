import Lab

/// Every Lab step a recipe can call (ARCHITECTURE §9, "Recipe builtins"), registered by
/// `RxEnvironment.registry()`.
enum StepBuiltins {
    static func all(environment: RxEnvironment) -> [Builtin] {
        WorldBuiltin.all(environment: environment) + DataStepBuiltins.all(environment: environment) + ModelStepBuiltins.all(environment: environment)
            + BenchmarkStepBuiltins.all(environment: environment)
    }
}
