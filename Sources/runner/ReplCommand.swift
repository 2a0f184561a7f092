import ArgumentParser
import Foundation
import Rx

/// `runner repl`: the recipe language interactively (readline on a terminal, plain lines from a pipe).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The recipe language interactively: :help, :runs, :show ID, :compare A B, :plot …, :save FILE, :quit.",
        discussion: "On a terminal: line editing, history across sessions (in the results folder) and Tab completion. From a pipe: reads lines without prompts and exits non-zero if any entry failed.")

    @OptionGroup var trackerOptions: TrackerOptions

    func run() throws {
        let environment = RxEnvironment(locations: trackerOptions.locations)
        let interpreter = Interpreter(registry: environment.registry())
        let session = environment.replSession(interpreter: interpreter, output: RxConsole.out, errors: RxConsole.err)
        if isatty(STDIN_FILENO) != 0 {
            RxConsole.out("MoGenLab recipe REPL: :help lists builtins and commands, :quit or Ctrl-D leaves.")
            session.run(reader: ReadlineLineReader(historyFile: environment.historyFile, complete: session.completions(word:line:)))
            try environment.recipeRun.finish(succeeded: true)
            return
        }
        session.run(reader: PlainLineReader())
        try environment.recipeRun.finish(succeeded: session.failures == 0)
        if session.failures > 0 { throw ExitCode.failure }
    }
}
