import Foundation

/// The REPL's state and logic, independent of how lines arrive: multi-line entries (continued
/// while brackets are open), `:commands`, echoing values, the entries that succeeded (for
/// `:save`), and completion candidates.
public final class ReplSession {
    public let interpreter: Interpreter
    public private(set) var commands: [ColonCommand]
    /// Entries (one or more lines each) that ran without error, in order.
    public private(set) var effectiveEntries: [String] = []
    /// How many entries failed; a piped session exits non-zero when this is above zero.
    public private(set) var failures = 0
    public private(set) var isFinished = false
    /// Extra completion words (e.g. run ids), asked for on each Tab press.
    public var extraCompletions: () -> [String] = { [] }
    private let write: (String) -> Void
    private let writeError: (String) -> Void
    private var pending: [String] = []
    /// Next line number; errors read `repl:LINE:COL` counted over the whole session.
    private var nextLine = 1

    public init(interpreter: Interpreter, commands: [ColonCommand] = ColonCommand.standard,
                output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
        self.interpreter = interpreter
        self.commands = commands
        self.write = output
        self.writeError = errors
    }

    /// Adds a command (`:runs`, `:plot`, …); a name given twice is a programmer error.
    public func add(_ command: ColonCommand) {
        precondition(!commands.contains { $0.name == command.name }, "REPL command :\(command.name) added twice")
        commands.append(command)
    }

    public func say(_ text: String) { write(text) }
    public func finish() { isFinished = true }

    /// Whether an entry is waiting for more lines (so the prompt should say so).
    public var isContinuing: Bool { !pending.isEmpty }

    /// Reads entries until end of input or `:quit`.
    public func run(reader: LineReader, prompt: String = "rx> ", continuation: String = "... ") {
        while !isFinished, let line = reader.readLine(prompt: isContinuing ? continuation : prompt) {
            if reader.takeInterrupt() { pending = [] }
            if let entry = feed(line) { reader.remember(entry) }
        }
        if isContinuing { _ = complete() }
    }

    /// Takes one physical line; once the entry is complete, runs it and returns its text.
    @discardableResult
    public func feed(_ line: String) -> String? {
        if pending.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
            command(line.trimmingCharacters(in: .whitespaces))
            nextLine += 1
            return line
        }
        pending.append(line)
        guard Self.openBrackets(pending.joined(separator: "\n")) <= 0 else { return nil }
        return complete()
    }

    private func complete() -> String {
        let entry = pending.joined(separator: "\n")
        let first = nextLine
        nextLine += pending.count
        pending = []
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return entry }
        do {
            let value = try interpreter.evaluate(Source(name: "repl", path: nil, text: entry, firstLine: first))
            effectiveEntries.append(entry)
            if let value, !Self.isNothing(value) { write(value.literal) }
        } catch {
            failures += 1
            writeError("\(error)")
        }
        return entry
    }

    private func command(_ line: String) {
        let body = line.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = String(body.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
        guard let command = commands.first(where: { $0.name == name }) else {
            failures += 1
            let hint = Suggest.nearest(name, in: commands.map(\.name)).map { "; did you mean `:\($0)`?" } ?? ""
            writeError("error: unknown command `:\(name)`\(hint) (:help lists them)")
            return
        }
        do {
            try command.run(argument, self)
        } catch {
            failures += 1
            writeError("\(error)")
        }
    }

    /// The session as a recipe: the entries that succeeded, in order, replayable with `runner recipe`.
    public var savedRecipe: String {
        "# Saved from `runner repl` with :save — the entries that succeeded, in order.\n"
            + effectiveEntries.map { $0 + "\n" }.joined()
    }

    /// Tab candidates for the word being typed, given the whole line so far.
    public func completions(word: String, line: String) -> [String] {
        let trimmed = String(line.drop { $0.isWhitespace })
        if trimmed.hasPrefix(":") {
            let parts = trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 1 { return commands.map { ":" + $0.name }.filter { $0.hasPrefix(word) }.sorted() }
            let name = String(parts[0].dropFirst())
            if name == "help" { return (interpreter.registry.names + commands.map(\.name)).filter { $0.hasPrefix(word) }.sorted() }
            return (commands.first { $0.name == name }?.completeArgument() ?? []).filter { $0.hasPrefix(word) }
        }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot]), partial = String(word[word.index(after: dot)...])
            // Only plain name paths are evaluated, so Tab never runs a builtin.
            guard base.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
                  let value = try? interpreter.evaluate(Source(name: "completion", path: nil, text: base)) else { return [] }
            let names: [String]
            switch value {
            case .record(let r): names = r.keys
            case .handle(let h): names = h.fieldNames
            default: names = []
            }
            return names.filter { $0.hasPrefix(partial) }.map { base + "." + $0 }.sorted()
        }
        let words = interpreter.registry.names + interpreter.variables.keys + Keyword.allCases.map(\.rawValue) + extraCompletions()
        return Array(Set(words.filter { $0.hasPrefix(word) })).sorted()
    }

    /// `none`, or a `for` of statements that all gave `none` (e.g. a loop of prints): not echoed.
    static func isNothing(_ value: Value) -> Bool {
        switch value {
        case .none: return true
        case .list(let items): return !items.isEmpty && items.allSatisfy { $0 == .none }
        default: return false
        }
    }

    /// Open `(`, `[`, `{` minus closed ones, ignoring strings and comments.
    static func openBrackets(_ text: String) -> Int {
        var depth = 0, inString = false, escaped = false, inComment = false
        for c in text {
            if inComment { if c == "\n" { inComment = false }; continue }
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" || c == "\n" { inString = false }
                continue
            }
            switch c {
            case "#": inComment = true
            case "\"": inString = true
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        return depth
    }
}
