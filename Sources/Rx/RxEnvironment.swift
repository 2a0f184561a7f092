import Foundation

/// What `runner recipe` and `runner repl` share: the full builtin registry (the pure builtins
/// plus the bridges into Lab), the REPL's commands, and the results folder.
public enum RxEnvironment {
    /// `$MOGENLAB_RESULTS`, or `./Results`.
    public static var resultsRoot: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["MOGENLAB_RESULTS"] ?? "Results")
    }

    /// Every builtin a recipe can call.
    public static func registry() -> BuiltinRegistry {
        BuiltinRegistry.standard()
    }

    /// A REPL session with the standard commands and `:plot`.
    public static func replSession(interpreter: Interpreter, output: @escaping (String) -> Void,
                                   errors: @escaping (String) -> Void) -> ReplSession {
        ReplSession(interpreter: interpreter, commands: ColonCommand.standard + [.plot], output: output, errors: errors)
    }
}
