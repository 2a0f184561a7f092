/// Variables of a file or a block. Blocks see enclosing scopes but cannot rebind their names;
/// a file's scope may reassign its own variables.
final class Scope {
    /// A variable's value and where it was defined.
    struct Binding {
        var value: Value
        /// Where the name was (first) assigned.
        let location: SourceLocation
    }

    let parent: Scope?
    private(set) var bindings: [String: Binding] = [:]
    /// Names in the order first assigned, so `import … as m` builds its record in written order.
    private(set) var order: [String] = []
    /// Names that came in by `import`; a file exports only what it assigns itself.
    private(set) var imported: Set<String> = []

    init(parent: Scope?) { self.parent = parent }

    var isFileScope: Bool { parent == nil }

    func lookup(_ name: String) -> Binding? { bindings[name] ?? parent?.lookup(name) }

    /// The binding of `name` in an enclosing scope (not this one), if any.
    func outer(_ name: String) -> Binding? { parent?.lookup(name) }

    func local(_ name: String) -> Binding? { bindings[name] }

    func set(_ name: String, _ value: Value, at location: SourceLocation, imported isImport: Bool = false) {
        if bindings[name] == nil { order.append(name) }
        bindings[name] = Binding(value: value, location: bindings[name]?.location ?? location)
        if isImport { imported.insert(name) } else { imported.remove(name) }
    }

    /// What this file offers its importers: its own assignments, in order.
    var exports: [(name: String, binding: Binding)] {
        order.filter { !imported.contains($0) }.map { ($0, bindings[$0]!) }
    }

    /// All names visible from here (for did-you-mean and completion).
    var visibleNames: [String] { Array(bindings.keys) + (parent?.visibleNames ?? []) }

    /// A REPL entry that fails is undone: bindings are restored from this copy.
    func snapshot() -> (bindings: [String: Binding], order: [String], imported: Set<String>) { (bindings, order, imported) }

    func restore(_ s: (bindings: [String: Binding], order: [String], imported: Set<String>)) {
        bindings = s.bindings
        order = s.order
        imported = s.imported
    }
}
