/// A compact prefix form of parsed syntax, e.g. `(= x (+ 1 (* 2 3)))`, so tests and debugging
/// can see exactly how a snippet was grouped.
extension Expr: CustomStringConvertible {
    var description: String {
        switch kind {
        case .number(let x): return Value.format(x)
        case .string(let parts):
            return "\"" + parts.map { part -> String in
                switch part {
                case .text(let t): return t
                case .expr(let e, let format): return "{\(e)\(format.map { ":" + $0 } ?? "")}"
                }
            }.joined() + "\""
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        case .name(let n): return n
        case .list(let items): return "[" + items.map(\.description).joined(separator: " ") + "]"
        case .record(let fields): return "{" + fields.map { "\($0.key): \($0.value)" }.joined(separator: " ") + "}"
        case .unary(let op, let e): return "(\(op) \(e))"
        case .binary(let op, let a, let b): return "(\(op) \(a) \(b))"
        case .call(let name, let args):
            return "(\(name)" + args.map { " " + ($0.label.map { "\($0): " } ?? "") + $0.value.description }.joined() + ")"
        case .field(let e, let name): return "(. \(e) \(name))"
        case .index(let e, let i): return "([] \(e) \(i))"
        case .forIn(let v, let seq, let body): return "(for \(v) \(seq) \(body))"
        case .ifElse(let c, let then, let otherwise):
            return "(if \(c) \(then)" + (otherwise.map { " \($0)" } ?? "") + ")"
        }
    }
}

extension Block: CustomStringConvertible {
    var description: String { "{" + statements.map(\.description).joined(separator: "; ") + "}" }
}

extension Stmt: CustomStringConvertible {
    var description: String {
        switch self {
        case .assign(let name, let value, _): return "(= \(name) \(value))"
        case .expr(let e): return e.description
        case .importFile(let path, let alias, _): return "(import \"\(path)\"" + (alias.map { " as \($0)" } ?? "") + ")"
        }
    }
}
