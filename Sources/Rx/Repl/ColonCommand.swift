import Foundation

/// A `:name …` command of the REPL (a "colon command", as distinct from `runner` subcommands). Commands that need the tracker or the plotter are added by
/// whoever builds the session (see `runner repl`), the same way builtins are registered.
public struct ColonCommand {
    public let name: String
    /// `:show ID`.
    public let usage: String
    public let doc: String
    /// What Tab offers after the command name (e.g. run ids); empty by default.
    public let completeArgument: () -> [String]
    /// Runs with the text after the name; prints through the session.
    public let run: (_ argument: String, _ session: ReplSession) throws -> Void

    public init(_ name: String, usage: String, doc: String, completeArgument: @escaping () -> [String] = { [] },
                run: @escaping (_ argument: String, _ session: ReplSession) throws -> Void) {
        self.name = name
        self.usage = usage
        self.doc = doc
        self.completeArgument = completeArgument
        self.run = run
    }

    /// `:help`, `:vars`, `:save FILE`, `:quit`: the commands every session has.
    public static var standard: [ColonCommand] { [help, vars, save, quit] }

    static let help = ColonCommand("help", usage: ":help [name]", doc: "Lists builtins and commands, or explains one.") { argument, session in
        let name = argument.trimmingCharacters(in: .whitespaces)
        let registry = session.interpreter.registry
        if name.isEmpty {
            session.say("Builtins (:help NAME for details):\n" + registry.index + "\nCommands:\n"
                        + session.commands.map { "  \($0.usage.padding(toLength: 22, withPad: " ", startingAt: 0)) \($0.doc)" }.joined(separator: "\n"))
            return
        }
        let bare = name.hasPrefix(":") ? String(name.dropFirst()) : name
        if let builtin = registry[bare] { session.say(builtin.help); return }
        if let command = session.commands.first(where: { $0.name == bare }) { session.say("\(command.usage)\n  \(command.doc)"); return }
        let all = registry.names + session.commands.map(\.name)
        throw RxError(.unknownName, "no builtin or command `\(bare)`\(Suggest.hint(bare, in: all))")
    }

    static let vars = ColonCommand("vars", usage: ":vars", doc: "Lists the session's variables and their values.") { _, session in
        let lines = session.interpreter.variables.sorted { $0.key < $1.key }.map { "  \($0.key) = \(Interpreter.short($0.value.literal))" }
        session.say(lines.isEmpty ? "(no variables yet)" : lines.joined(separator: "\n"))
    }

    static let save = ColonCommand("save", usage: ":save FILE", doc: "Writes the lines that succeeded as a replayable .rx recipe.") { argument, session in
        let path = argument.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { throw RxError(.value, ":save needs a file name, e.g. :save session.rx") }
        let text = session.savedRecipe
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw RxError(.value, ":save could not write `\(path)`: \(error.localizedDescription)")
        }
        session.say("saved \(session.effectiveEntries.count) entr\(session.effectiveEntries.count == 1 ? "y" : "ies") to \(path)")
    }

    static let quit = ColonCommand("quit", usage: ":quit", doc: "Leaves the REPL (so does Ctrl-D).") { _, session in
        session.finish()
    }
}
