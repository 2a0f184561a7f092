import ArgumentParser
import Foundation
import Lab

/// `runner`: MoGenLab's command line. Each subcommand lives in its own `<Name>Command.swift`.
@main
struct Runner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runner",
        abstract: "MoGenLab: text-to-motion experiments on a CPU — tracker, step cache, plots, benchmarks.",
        discussion: """
            Results land under MOGENLAB_RESULTS (default ./Results); the tracker is \
            Results/tracker.sqlite unless --tracker or MOGENLAB_TRACKER says otherwise.
            """,
        version: MoGenLab.version,
        subcommands: [RecipeCommand.self, ReplCommand.self, RunsCommand.self, PlotCommand.self, CacheCommand.self,
                      BenchCommand.self, MotionCommand.self, MBenchCommand.self, WorldCommand.self, VersionCommand.self,
                      LogMetricsCommand.self, TablesCommand.self, GenerateCommand.self])

    /// Parses and runs, first catching mistyped subcommand names so the error can suggest the
    /// nearest valid one (ArgumentParser already does this for flags).
    static func main() {
        // Line-buffered stdout: in a log that also gets stderr's progress lines, results are
        // whole lines (block buffering split them mid-line).
        setvbuf(stdout, nil, _IOLBF, 0)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = SubcommandSuggestion.check(arguments, root: Runner.self) {
            FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// "Did you mean …?" for a word where a subcommand name is expected.
enum SubcommandSuggestion {
    static func check(_ arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [name(of: root)]
        for word in arguments {
            let children = command.configuration.subcommands
            guard !children.isEmpty, !word.hasPrefix("-") else { return nil }
            if let child = children.first(where: { name(of: $0) == word || $0.configuration.aliases.contains(word) }) {
                command = child
                path.append(word)
                continue
            }
            if word == "help" { return nil }
            let visible = children.filter { $0.configuration.shouldDisplay }.map(name(of:))
            let hint = NearestName.suggest(for: word, among: visible).map { "Did you mean '\($0)'? " } ?? ""
            return "unknown command '\(path.joined(separator: " ")) \(word)'. \(hint)"
                + "(valid: \(visible.joined(separator: ", ")); see '\(path.joined(separator: " ")) --help')"
        }
        return nil
    }

    static func name(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }
}
