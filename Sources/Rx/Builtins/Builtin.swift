/// One builtin function, declared once: its signature drives argument binding, type checks,
/// did-you-mean, completion and `:help`. Heavy builtins also carry a `StepSpec`.
public struct Builtin {
    public let name: String
    public let parameters: [Parameter]
    public let returns: ValueType
    /// One or two sentences for `:help`.
    public let doc: String
    /// Non-nil for a heavy, cached step (train, curate, …): `--plan` asks it instead of running.
    public let step: StepSpec?
    /// Whether the builtin may run on `--plan`'s placeholders (e.g. `print`, `len`); other
    /// builtins given a planned argument return a planned result without running.
    public let acceptsPlanned: Bool
    let body: (Arguments, CallContext) throws -> Value

    public init(_ name: String, _ parameters: [Parameter] = [], returns: ValueType, doc: String,
                step: StepSpec? = nil, acceptsPlanned: Bool = false,
                body: @escaping (Arguments, CallContext) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.doc = doc
        self.step = step
        self.acceptsPlanned = acceptsPlanned
        self.body = body
    }

    /// `train(data: Dataset, model: "vimogen"|"light" = "light", seed: whole number) -> Model`.
    public var signature: String {
        let params = parameters.map { p -> String in
            var s = (p.variadic ? "…" : "") + "\(p.name): \(p.type)"
            if let d = p.defaultValue { s += " = \(d.literal)" }
            return s
        }
        return "\(name)(\(params.joined(separator: ", "))) -> \(returns)"
    }

    /// The text `:help name` prints.
    public var help: String {
        var lines = [signature, "  " + doc]
        if step != nil { lines.append("  (a cached step: `--plan` shows whether it will run)") }
        for p in parameters where !p.doc.isEmpty { lines.append("  \(p.name): \(p.doc)") }
        return lines.joined(separator: "\n")
    }
}

/// A declared parameter: required when `defaultValue` is nil (and not variadic).
public struct Parameter {
    public let name: String
    public let type: ValueType
    public let defaultValue: Value?
    /// Collects all remaining positional arguments into a list (`print(a, b, c)`).
    public let variadic: Bool
    public let doc: String

    public init(_ name: String, _ type: ValueType, default defaultValue: Value? = nil, variadic: Bool = false, doc: String = "") {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.variadic = variadic
        self.doc = doc
    }
}

/// What a heavy step adds to a builtin: its kind (as the cache and tracker name it) and how it
/// answers `--plan` without running.
public struct StepSpec {
    public let kind: String
    /// Called instead of the body under `--plan`, with the same checked arguments. It must be
    /// cheap: look up the step's cache key and compare parameters with the cached run.
    public let plan: (Arguments, CallContext) throws -> StepPlan

    public init(kind: String, plan: @escaping (Arguments, CallContext) throws -> StepPlan) {
        self.kind = kind
        self.plan = plan
    }
}

/// A step's answer to `--plan`.
public struct StepPlan: CustomStringConvertible {
    /// What the step would do.
    public enum Status: Equatable {
        /// Nothing cached under this key or a similar one.
        case willRun
        /// A finished result exists; `run` is the tracker's run id when the step recorded one.
        case cached(run: String?)
        /// A similar earlier run exists but its parameters differ (the reasons say how).
        case rerun
    }

    public let status: Status
    /// "lr changed 1e-4 → 3e-4", "input Dataset is new".
    public let reasons: [String]
    /// For `cached`: the cached result (cheap to load), so later steps can plan exactly.
    public let value: Value?

    public init(_ status: Status, reasons: [String] = [], value: Value? = nil) {
        self.status = status
        self.reasons = reasons
        self.value = value
    }

    /// Reasons for a re-run from the parameters of an earlier run at the same step path and
    /// now: `["lr changed 0.0001 → 0.0003", "encoder added: \"bow\""]`, in key order.
    public static func changes(from old: [String: Value], to new: [String: Value]) -> [String] {
        changes(from: old.mapValues(\.literal), to: new.mapValues(\.literal))
    }

    /// The same for parameters already written as text (as cache keys and the tracker store them).
    public static func changes(from old: [String: String], to new: [String: String]) -> [String] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            switch (old[key], new[key]) {
            case (let a?, let b?) where a != b: return "\(key) changed \(a) → \(b)"
            case (nil, let b?): return "\(key) added: \(b)"
            case (let a?, nil): return "\(key) removed (was \(a))"
            default: return nil
            }
        }
    }

    public var description: String {
        let why = reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"
        switch status {
        case .willRun: return "will run" + why
        case .cached(let run?): return "cached: run \(run)" + why
        case .cached(nil): return "cached" + why
        case .rerun: return "will re-run" + why
        }
    }
}

/// A builtin's complaint about its input; the interpreter points it at the named argument (or
/// at the call) and adds the step and arm context.
public struct BuiltinFailure: Error, CustomStringConvertible {
    public let message: String
    public let argument: String?

    public init(_ message: String, argument: String? = nil) {
        self.message = message
        self.argument = argument
    }

    public var description: String { message }
}
