/// An expression node and where it was written.
struct Expr {
    /// The node's shape.
    indirect enum Kind {
        case number(Double)
        case string([TemplatePart])
        case bool(Bool)
        case none
        case name(String)
        case list([Expr])
        case record([(key: String, value: Expr)])
        case unary(String, Expr)
        case binary(String, Expr, Expr)
        /// Only builtins are callable, so the callee is a name.
        case call(name: String, arguments: [Argument])
        case field(Expr, String)
        case index(Expr, Expr)
        /// `for name in sequence { body }` evaluates to the list of the body's values.
        case forIn(variable: String, sequence: Expr, body: Block)
        /// `if c { … } else { … }` evaluates to the taken branch's value (`none` without `else`).
        case ifElse(condition: Expr, then: Block, otherwise: Block?)
    }

    let kind: Kind
    /// Where errors about this node point: the start of most nodes, the operator of a binary one.
    let location: SourceLocation

    /// The whole written extent on its first line, for pointing at an argument.
    var span: SourceLocation {
        switch kind {
        case .binary(_, let left, let right): return left.span.spanning(to: right.span)
        default: return location
        }
    }
}

/// A part of an interpolated string: text, or a parsed expression with an optional format.
enum TemplatePart {
    case text(String)
    case expr(Expr, format: String?)
}

/// One argument of a call: positional (`label` nil) or named.
struct Argument {
    let label: String?
    let value: Expr
    let location: SourceLocation
}

/// A statement.
enum Stmt {
    /// `name = value`; `location` points at the name.
    case assign(name: String, value: Expr, location: SourceLocation)
    case expr(Expr)
    /// `import "file.rx"` (names merged) or `import "file.rx" as name` (one record).
    case importFile(path: String, alias: String?, location: SourceLocation)

    var location: SourceLocation {
        switch self {
        case .assign(_, _, let l), .importFile(_, _, let l): return l
        case .expr(let e): return e.location
        }
    }
}

/// A braced list of statements; its value is the value of its last expression statement.
struct Block {
    let statements: [Stmt]
    let location: SourceLocation
}
