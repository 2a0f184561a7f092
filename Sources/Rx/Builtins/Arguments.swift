/// A call's arguments after binding to the builtin's parameters and checking their types:
/// every parameter has a value (given or default), so accessors only fail on programmer error.
public struct Arguments {
    public let builtin: String
    private let values: [String: Value]
    private let given: Set<String>

    init(builtin: String, values: [String: Value], given: Set<String>) {
        self.builtin = builtin
        self.values = values
        self.given = given
    }

    /// Arguments built directly (tests and other builtins calling a builtin's body).
    public init(builtin: String, _ values: [String: Value]) {
        self.init(builtin: builtin, values: values, given: Set(values.keys))
    }

    public subscript(name: String) -> Value { values[name] ?? .none }

    /// Whether the caller wrote this argument (rather than taking the default).
    public func wasGiven(_ name: String) -> Bool { given.contains(name) }

    /// All bound values, by parameter name (for step keys and `--plan` comparisons).
    public var all: [String: Value] { values }

    public func number(_ name: String) throws -> Double {
        guard case .number(let x) = self[name] else { throw wrong(name, "number") }
        return x
    }

    public func integer(_ name: String) throws -> Int {
        let x = try number(name)
        guard x == x.rounded(), abs(x) < 9e15 else { throw BuiltinFailure("expected a whole number, got \(Value.format(x))", argument: name) }
        return Int(x)
    }

    public func string(_ name: String) throws -> String {
        guard case .string(let s) = self[name] else { throw wrong(name, "string") }
        return s
    }

    public func bool(_ name: String) throws -> Bool {
        guard case .bool(let b) = self[name] else { throw wrong(name, "bool") }
        return b
    }

    public func list(_ name: String) throws -> [Value] {
        guard case .list(let items) = self[name] else { throw wrong(name, "list") }
        return items
    }

    /// A list whose items must all be numbers.
    public func numbers(_ name: String) throws -> [Double] {
        try list(name).enumerated().map { i, v in
            guard case .number(let x) = v else {
                throw BuiltinFailure("item \(i) of `\(name)` is a \(v.typeName), not a number", argument: name)
            }
            return x
        }
    }

    public func record(_ name: String) throws -> Record {
        guard case .record(let r) = self[name] else { throw wrong(name, "record") }
        return r
    }

    /// The handle, cast to the Lab type a step expects.
    public func handle<T>(_ name: String, as type: T.Type) throws -> T {
        guard case .handle(let h) = self[name], let t = h as? T else { throw wrong(name, "\(T.self)") }
        return t
    }

    private func wrong(_ name: String, _ expected: String) -> BuiltinFailure {
        BuiltinFailure("internal: `\(name)` read as \(expected) but holds \(self[name].typeName)", argument: name)
    }
}
