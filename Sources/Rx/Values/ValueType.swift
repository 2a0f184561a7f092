/// The declared type of a builtin parameter or result, checked before the builtin runs.
public indirect enum ValueType: CustomStringConvertible, Sendable {
    case any
    case number
    /// A number with no fraction (seeds, counts, indices).
    case integer
    case string
    case bool
    case list(ValueType)
    case record
    /// A handle whose `typeName` is this (`Dataset`, `Model`, …).
    case handle(String)
    /// A string from a fixed set, e.g. `model: "vimogen"|"light"|"t2m"|"m2m"`.
    case choice([String])
    case oneOf([ValueType])
    case optional(ValueType)
    case none

    public var description: String {
        switch self {
        case .any: return "any"
        case .number: return "number"
        case .integer: return "whole number"
        case .string: return "string"
        case .bool: return "bool"
        case .list(.any): return "list"
        case .list(let t): return "list of \(t)"
        case .record: return "record"
        case .handle(let name): return name
        case .choice(let options): return options.map { "\"\($0)\"" }.joined(separator: "|")
        case .oneOf(let types): return types.map(\.description).joined(separator: " or ")
        case .optional(let t): return "\(t) or none"
        case .none: return "none"
        }
    }

    /// Why `value` does not fit, or nil when it does. Planned values fit their declared type.
    public func mismatch(_ value: Value) -> String? {
        if case .handle(let h as PlannedValue) = value {
            if h.typeName == "any" { return nil }
            if case .handle(let name) = self, name != h.typeName {
                return "expected \(self), got \(h.typeName) (planned)"
            }
            return nil
        }
        switch (self, value) {
        case (.any, _), (.number, .number), (.string, .string), (.bool, .bool), (.record, .record), (.none, .none):
            return nil
        case (.integer, .number(let x)):
            return x == x.rounded() && x.isFinite ? nil : "expected a whole number, got \(Value.format(x))"
        case (.list(let element), .list(let items)):
            for (i, item) in items.enumerated() {
                if let why = element.mismatch(item) { return "item \(i): \(why)" }
            }
            return nil
        case (.handle(let name), .handle(let h)) where h.typeName == name:
            return nil
        case (.choice(let options), .string(let s)):
            if options.contains(s) { return nil }
            let hint = Suggest.nearest(s, in: options).map { "; did you mean \"\($0)\"?" } ?? ""
            return "expected one of \(self), got \"\(s)\"\(hint)"
        case (.oneOf(let types), _):
            return types.contains { $0.mismatch(value) == nil } ? nil : "expected \(self), got \(value.typeName)"
        case (.optional(let t), _):
            if case .none = value { return nil }
            return t.mismatch(value)
        default:
            return "expected \(self), got \(value.typeName) \(Self.short(value))"
        }
    }

    private static func short(_ value: Value) -> String {
        let text = value.literal
        return text.count > 40 ? String(text.prefix(37)) + "…" : text
    }
}
