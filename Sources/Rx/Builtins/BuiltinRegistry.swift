import Foundation

/// The set of builtins a recipe can call. Declared once here, a builtin gets argument checking,
/// did-you-mean, completion and `:help` for free; Lab steps are added with `register`.
public final class BuiltinRegistry {
    private var table: [String: Builtin] = [:]

    public init() {}

    /// The pure builtins every interpreter has (printing, lists, statistics, strings, records).
    public static func standard() -> BuiltinRegistry {
        let registry = BuiltinRegistry()
        for builtin in CoreBuiltins.all + StatisticsBuiltins.all + TextBuiltins.all {
            registry.register(builtin)
        }
        return registry
    }

    /// Adds a builtin. Registering a name twice is a programmer error.
    public func register(_ builtin: Builtin) {
        precondition(table[builtin.name] == nil, "builtin `\(builtin.name)` registered twice")
        precondition(Keyword(rawValue: builtin.name) == nil, "builtin `\(builtin.name)` is a keyword")
        table[builtin.name] = builtin
    }

    public subscript(name: String) -> Builtin? { table[name] }

    /// All names, sorted (for completion and the `:help` index).
    public var names: [String] { table.keys.sorted() }

    /// The nearest builtin name to a misspelling, if any is close.
    public func suggestion(for name: String) -> String? { Suggest.nearest(name, in: names) }

    /// `:help` with no name: one line per builtin, steps marked.
    public var index: String {
        names.map { name in
            let b = table[name]!
            let firstSentence = b.doc.split(separator: ".", maxSplits: 1).first.map(String.init) ?? b.doc
            return "  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(b.step != nil ? "[step] " : "")\(firstSentence)"
        }.joined(separator: "\n")
    }
}
