import ArgumentParser
import Foundation
import Rx

/// `runner recipe FILE [--set k=v]… [--plan] [--keep-going]`: runs a `.rx` recipe.
struct RecipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipe",
        abstract: "Run a .rx recipe (see Sources/Rx/README.md for the language).",
        discussion: "Prints the recipe's output on stdout and errors (file:line:col) on stderr; exits non-zero on any error or failed arm.")

    @OptionGroup var trackerOptions: TrackerOptions

    @Argument(help: "The recipe file, e.g. Recipes/quickstart.rx.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a top-level assignment: --set lr=3e-4, --set cfg.steps=10 (typed by the value it replaces).", valueName: "key=value"))
    var overrides: [String] = []

    @Flag(help: "Print which steps would run, which are cached and why; run nothing heavy.")
    var plan = false

    @Flag(name: .customLong("keep-going"), help: "When an arm of a `for` fails, record it, run the remaining arms, and list all failures at the end.")
    var keepGoing = false

    func run() throws {
        let environment = RxEnvironment(locations: trackerOptions.locations)
        let interpreter = Interpreter(registry: environment.registry(),
                                      options: Interpreter.Options(plan: plan, keepGoing: keepGoing))
        let summary: Interpreter.Summary
        do {
            let parsed = try overrides.map(Override.parse)
            environment.beginRecipe(file: file, overrides: parsed)
            summary = try interpreter.run(file: file, overrides: parsed)
        } catch let error as RxError {
            try? environment.recipeRun.finish(succeeded: false)
            RxConsole.err(error.description)
            throw ExitCode.failure
        }
        try environment.recipeRun.finish(succeeded: summary.failures.isEmpty)
        let report = summary.report
        if !report.isEmpty { (summary.failures.isEmpty ? RxConsole.out : RxConsole.err)(report) }
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}

/// Where `recipe` and `repl` print: results on stdout, errors and notes on stderr.
enum RxConsole {
    static func out(_ text: String) { print(text) }
    static func err(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
