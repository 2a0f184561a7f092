import Foundation

/// Runs `.rx` recipes and REPL entries: holds the variables, the builtin registry, the
/// `--set` overrides, the `for` arm stack, and the `--plan` / `--keep-going` state.
public final class Interpreter {
    /// How a run behaves.
    public struct Options {
        /// Ask steps what they would do instead of running them.
        public var plan: Bool
        /// When an arm of a `for` fails, record it and go on with the next arm.
        public var keepGoing: Bool

        public init(plan: Bool = false, keepGoing: Bool = false) {
            self.plan = plan
            self.keepGoing = keepGoing
        }
    }

    /// One step's `--plan` answer, with where and in which arm it was asked.
    public struct PlannedStep {
        public let builtin: String
        public let location: SourceLocation
        public let arms: [String]
        public let plan: StepPlan
    }

    /// What a finished run leaves: the arms that failed (with `--keep-going`) and the plan.
    public struct Summary {
        public let failures: [RxError]
        public let plannedSteps: [PlannedStep]
        /// Whether this was a `--plan` run.
        public let planned: Bool
    }

    public let registry: BuiltinRegistry
    public var options: Options
    /// Where `print` and `--plan` lines go (stdout in `runner`).
    public var output: (String) -> Void
    /// Where progress notes go, e.g. "arm … failed, continuing" (stderr in `runner`).
    public var diagnostics: (String) -> Void

    let globals = Scope(parent: nil)
    private(set) var failures: [RxError] = []
    private(set) var plannedSteps: [PlannedStep] = []
    private var overrides: [String: [Override]] = [:]
    private var appliedOverrides: Set<String> = []
    /// Files being imported, outermost first, to report cycles.
    private var importStack: [String] = []
    private var parsed: [String: (source: Source, statements: [Stmt])] = [:]
    private var exportsCache: [String: [(name: String, binding: Scope.Binding)]] = [:]
    /// The recipe file being run (nil in the REPL).
    private(set) var recipe: String?
    /// Labels of the enclosing `for` arms, outermost first.
    var arms: [String] = []
    private var stepCounts: [String: Int] = [:]

    public init(registry: BuiltinRegistry = .standard(), options: Options = Options(),
                output: @escaping (String) -> Void = { Swift.print($0) },
                diagnostics: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.registry = registry
        self.options = options
        self.output = output
        self.diagnostics = diagnostics
    }

    /// Runs a recipe file. Throws the first error, unless `keepGoing` is set and the error is
    /// inside a `for` arm: then it is collected in the summary's `failures` and the run goes on.
    public func run(file: String, overrides: [Override] = []) throws -> Summary {
        let (source, statements) = try parse(file: file, shownAs: file)
        try install(overrides, main: source)
        recipe = file
        let scope = globals
        importStack = [source.path!]
        defer { importStack = [] }
        try execute(statements, in: scope)
        return Summary(failures: failures, plannedSteps: plannedSteps, planned: options.plan)
    }

    /// Evaluates one REPL entry (possibly several lines) against the session's variables and
    /// returns the value of its last expression statement, if it has one. A failing entry
    /// leaves the variables as they were.
    public func evaluate(_ source: Source) throws -> Value? {
        let snapshot = globals.snapshot()
        do {
            let statements = try Parser.parse(source)
            var last: Value? = nil
            for statement in statements {
                last = try execute(statement, in: globals)
            }
            return last
        } catch {
            globals.restore(snapshot)
            throw error
        }
    }

    /// The session's variables and their values (for completion and tests).
    public var variables: [String: Value] { globals.bindings.mapValues(\.value) }

    // MARK: files and imports

    private func parse(file: String, shownAs name: String) throws -> (source: Source, statements: [Stmt]) {
        let key = URL(fileURLWithPath: file).standardizedFileURL.path
        if let cached = parsed[key] { return cached }
        let source = try Source.file(file, shownAs: name)
        let entry = (source, try Parser.parse(source))
        parsed[key] = entry
        return entry
    }

    /// Checks each `--set` key against the names the recipe (and what it imports) assigns at
    /// top level, before anything runs, so a typo fails fast with a suggestion.
    private func install(_ list: [Override], main: Source) throws {
        guard !list.isEmpty else { return }
        var names: [String] = []
        var seen: Set<String> = []
        func collect(_ source: Source, _ statements: [Stmt]) {
            guard let path = source.path, seen.insert(path).inserted else { return }
            for statement in statements {
                switch statement {
                case .assign(let name, _, _): names.append(name)
                case .importFile(let file, _, _):
                    if let resolved = try? resolve(file, from: source), let (s, st) = try? parse(file: resolved, shownAs: file) {
                        collect(s, st)
                    }
                case .expr: break
                }
            }
        }
        collect(main, parsed[main.path!]!.statements)
        for override in list {
            let root = override.path[0]
            guard names.contains(root) else {
                throw RxError(.override, "\(override): the recipe assigns no top-level `\(root)`\(Suggest.hint(root, in: names))",
                              notes: names.isEmpty ? [] : ["top-level names: " + Array(Set(names)).sorted().joined(separator: ", ")])
            }
            overrides[root, default: []].append(override)
        }
    }

    private func resolve(_ file: String, from source: Source) throws -> String {
        let base = source.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return URL(fileURLWithPath: file, relativeTo: base).standardizedFileURL.path
    }

    private func importFile(_ file: String, alias: String?, at location: SourceLocation, into scope: Scope) throws {
        guard scope.isFileScope else {
            throw RxError(.syntax, "`import` belongs at the top level of a file, not inside a block", at: location)
        }
        let path = try resolve(file, from: location.source)
        if let start = importStack.firstIndex(of: path) {
            let chain = (importStack[start...] + [path]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw RxError(.importFailure, "import cycle: " + chain.joined(separator: " → "), at: location)
        }
        let exports: [(name: String, binding: Scope.Binding)]
        if let cached = exportsCache[path] {
            exports = cached
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw RxError(.importFailure, "cannot find `\(file)` (looked for \(path))", at: location)
            }
            let directory = (location.source.name as NSString).deletingLastPathComponent
            let shown = location.source.path == nil || directory.isEmpty || file.hasPrefix("/") ? file
                : ((directory as NSString).appendingPathComponent(file) as NSString).standardizingPath
            let statements: [Stmt]
            do {
                statements = try parse(file: path, shownAs: shown).statements
            } catch var error as RxError where error.location == nil {
                error.location = location
                throw error
            }
            let moduleScope = Scope(parent: nil)
            importStack.append(path)
            defer { importStack.removeLast() }
            do {
                try execute(statements, in: moduleScope)
            } catch var error as RxError {
                error.context.append("imported at \(location)")
                throw error
            }
            exports = moduleScope.exports
            exportsCache[path] = exports
        }
        if let alias {
            try bind(alias, .record(Record(exports.map { ($0.name, $0.binding.value) })), at: location, in: scope)
            return
        }
        for (name, binding) in exports {
            if let existing = scope.local(name) {
                if existing.location.description == binding.location.description { continue }
                throw RxError(.importFailure, "`\(name)` from \(file) (\(binding.location)) clashes with `\(name)` defined at \(existing.location)",
                              at: location, notes: ["import it with `as` to keep both: import \"\(file)\" as settings"])
            }
            scope.set(name, binding.value, at: binding.location, imported: true)
        }
    }

    // MARK: statements

    func execute(_ statements: [Stmt], in scope: Scope) throws {
        for statement in statements { _ = try execute(statement, in: scope) }
    }

    /// Runs one statement; returns the value of an expression statement.
    @discardableResult
    func execute(_ statement: Stmt, in scope: Scope) throws -> Value? {
        switch statement {
        case .assign(let name, let expr, let location):
            var value = try evaluate(expr, in: scope)
            if scope.isFileScope, let list = overrides[name], !appliedOverrides.contains(name) {
                appliedOverrides.insert(name)
                let before = value
                for override in list { value = try override.apply(to: value, assignedAt: location) }
                if options.plan { output("[plan] \(location) \(name) = \(value.literal) (--set; recipe says \(before.literal))") }
            }
            try bind(name, value, at: location, in: scope)
            return nil
        case .expr(let expr):
            return try evaluate(expr, in: scope)
        case .importFile(let file, let alias, let location):
            try importFile(file, alias: alias, at: location, into: scope)
            return nil
        }
    }

    private func bind(_ name: String, _ value: Value, at location: SourceLocation, in scope: Scope) throws {
        if registry[name] != nil {
            throw RxError(.value, "`\(name)` names a builtin; choose another variable name", at: location)
        }
        if let outer = scope.outer(name) {
            throw RxError(.value, "`\(name)` is already defined at \(outer.location); a block cannot reassign an outer variable",
                          at: location, notes: ["use another name here, or make the value the block's result: \(name) = if … { … } else { … }"])
        }
        scope.set(name, value, at: location)
    }

    // MARK: arms and steps

    /// Runs one arm of a `for`; with `keepGoing`, a failure is recorded and nil is returned.
    func runArm(_ label: String, forAt location: SourceLocation, _ body: () throws -> Value) throws -> Value? {
        arms.append(label)
        defer { arms.removeLast() }
        do {
            return try body()
        } catch var error as RxError {
            error.context.append("in arm \(label) (for at \(location))")
            guard options.keepGoing else { throw error }
            failures.append(error)
            diagnostics("arm \(arms.joined(separator: " / ")) failed (\(error.location.map(\.description) ?? "?")): \(error.message); continuing (--keep-going)")
            return nil
        }
    }

    /// `src="wild"/train#0`: the arm labels and the call's occurrence count within its arm.
    func nextStepPath(for builtin: String) -> String {
        let armPath = arms.joined(separator: "/")
        let key = armPath + "\u{0}" + builtin
        let count = stepCounts[key, default: 0]
        stepCounts[key] = count + 1
        return (arms + ["\(builtin)#\(count)"]).joined(separator: "/")
    }

    func recordPlan(_ plan: StepPlan, builtin: String, at location: SourceLocation) {
        plannedSteps.append(PlannedStep(builtin: builtin, location: location, arms: arms, plan: plan))
        let arm = arms.isEmpty ? "" : " [\(arms.joined(separator: ", "))]"
        output("[plan] \(location) \(builtin)\(arm): \(plan)")
    }

    /// The recipe's declared seed: the `seed` variable, when it is a whole number.
    func recipeSeed(in scope: Scope) -> UInt64? {
        guard case .number(let x)? = scope.lookup("seed")?.value ?? globals.lookup("seed")?.value,
              x >= 0, x == x.rounded(), x < 9e15 else { return nil }
        return UInt64(x)
    }
}

extension Interpreter.Summary {
    /// The closing lines of a run: plan counts under `--plan`, and every failed arm under
    /// `--keep-going`. Empty when there is nothing to add.
    public var report: String {
        var lines: [String] = []
        if planned && plannedSteps.isEmpty { lines.append("plan: the recipe calls no steps") }
        if !plannedSteps.isEmpty {
            let run = plannedSteps.filter { $0.plan.status == .willRun }.count
            let rerun = plannedSteps.filter { $0.plan.status == .rerun }.count
            let cached = plannedSteps.count - run - rerun
            lines.append("plan: \(plannedSteps.count) step\(plannedSteps.count == 1 ? "" : "s"): \(run) will run, \(rerun) will re-run, \(cached) cached")
        }
        if !failures.isEmpty {
            lines.append("\(failures.count) arm\(failures.count == 1 ? "" : "s") failed:")
            lines += failures.map(\.description)
        }
        return lines.joined(separator: "\n")
    }
}
