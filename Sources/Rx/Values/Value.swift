import Foundation

/// A value of the language. Numbers are doubles; records keep their keys in written order;
/// handles are opaque objects that builtins return (datasets, models, judges, motions, scores).
public enum Value: CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Value])
    case record(Record)
    case handle(any Handle)
    case none

    /// The type's name as messages show it: `number`, `string`, `bool`, `list`, `record`,
    /// `none`, or the handle's own type name (`Dataset`, `Model`, …).
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .bool: return "bool"
        case .list: return "list"
        case .record: return "record"
        case .handle(let h): return h.typeName
        case .none: return "none"
        }
    }

    /// How a value prints: numbers without a needless `.0`, strings bare at top level.
    public var description: String {
        if case .string(let s) = self { return s }
        return literal
    }

    /// The value written as `.rx` source where possible (strings quoted); handles print as
    /// `<Type summary>`, which is not valid source.
    public var literal: String {
        switch self {
        case .number(let x): return Value.format(x)
        case .string(let s): return Value.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        case .list(let items): return "[" + items.map(\.literal).joined(separator: ", ") + "]"
        case .record(let r):
            return "{" + r.fields.map { "\(Value.key($0.key)): \($0.value.literal)" }.joined(separator: ", ") + "}"
        case .handle(let h): return "<\(h.typeName) \(h.summary)>"
        }
    }

    /// Whole numbers print without a fraction; others with 15 significant digits, which hides
    /// binary rounding noise (`0.1 + 0.2` prints `0.3`, `3 * 1e-4` prints `0.0003`).
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.15g", x)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "{": out += "\\{"
            case "}": out += "\\}"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    static func key(_ k: String) -> String {
        let isName = k.first.map { $0.isLetter || $0 == "_" } ?? false
            && k.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && Keyword(rawValue: k) == nil
        return isName ? k : quote(k)
    }

    /// True when this value (or anything inside it) stands for a step that `--plan` did not run.
    public var isPlanned: Bool {
        switch self {
        case .handle(let h): return h is PlannedValue
        case .list(let items): return items.contains { $0.isPlanned }
        case .record(let r): return r.fields.contains { $0.value.isPlanned }
        default: return false
        }
    }
}

extension Value: Equatable {
    /// Structural equality; handles are equal when their identities are.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.none, .none): return true
        case (.list(let x), .list(let y)): return x == y
        case (.record(let x), .record(let y)): return x == y
        case (.handle(let x), .handle(let y)): return x.typeName == y.typeName && x.identity == y.identity
        default: return false
        }
    }
}

/// A record: string keys in the order written, each with a value.
public struct Record: Equatable {
    public private(set) var fields: [(key: String, value: Value)]

    public init(_ fields: [(key: String, value: Value)] = []) { self.fields = fields }

    public var keys: [String] { fields.map(\.key) }

    public subscript(key: String) -> Value? {
        get { fields.first { $0.key == key }?.value }
        set {
            if let i = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[i].value = newValue } else { fields.remove(at: i) }
            } else if let newValue {
                fields.append((key, newValue))
            }
        }
    }

    public static func == (a: Record, b: Record) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
