/// Arithmetic, comparison and indexing, strictly typed: no implicit conversions.
enum Operators {
    static func planned(at location: SourceLocation) -> Value {
        .handle(PlannedValue(typeName: "any", producer: "an expression at \(location)"))
    }

    static func unary(_ op: String, _ value: Value, at location: SourceLocation) throws -> Value {
        if value.isPlanned { return planned(at: location) }
        switch (op, value) {
        case ("-", .number(let x)): return .number(-x)
        case ("not", .bool(let b)): return .bool(!b)
        default:
            throw RxError(.type, "`\(op)` needs a \(op == "-" ? "number" : "bool"), got \(value.typeName)", at: location)
        }
    }

    static func binary(_ op: String, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        if a.isPlanned || b.isPlanned { return planned(at: location) }
        switch op {
        case "==": return .bool(a == b)
        case "!=": return .bool(a != b)
        case "<", "<=", ">", ">=": return .bool(try compare(op, a, b, at: location))
        default: break
        }
        switch (op, a, b) {
        case ("+", .number(let x), .number(let y)): return .number(x + y)
        case ("+", .string(let x), .string(let y)): return .string(x + y)
        case ("+", .list(let x), .list(let y)): return .list(x + y)
        case ("-", .number(let x), .number(let y)): return .number(x - y)
        case ("*", .number(let x), .number(let y)): return .number(x * y)
        case ("/", .number(let x), .number(let y)), ("%", .number(let x), .number(let y)):
            guard y != 0 else { throw RxError(.value, "division by zero", at: location) }
            return .number(op == "/" ? x / y : x.truncatingRemainder(dividingBy: y))
        case ("+", .string, _), ("+", _, .string):
            throw RxError(.type, "cannot add \(a.typeName) and \(b.typeName); write a string with interpolation: \"…{x}…\"", at: location)
        default:
            throw RxError(.type, "`\(op)` is not defined for \(a.typeName) and \(b.typeName)", at: location)
        }
    }

    private static func compare(_ op: String, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Bool {
        let order: Int
        switch (a, b) {
        case (.number(let x), .number(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        default: throw RxError(.type, "`\(op)` compares two numbers or two strings, got \(a.typeName) and \(b.typeName)", at: location)
        }
        switch op {
        case "<": return order < 0
        case "<=": return order <= 0
        case ">": return order > 0
        default: return order >= 0
        }
    }

    static func index(_ base: Value, _ index: Value, at location: SourceLocation) throws -> Value {
        if base.isPlanned || index.isPlanned { return planned(at: location) }
        switch (base, index) {
        case (.list(let items), .number(let x)):
            guard x == x.rounded(), x >= 0, x < Double(items.count) else {
                throw RxError(.value, "index \(Value.format(x)) is outside the list (valid: 0…\(items.count - 1))", at: location)
            }
            return items[Int(x)]
        case (.record(let record), .string(let key)):
            guard let value = record[key] else {
                throw RxError(.unknownName, "the record has no field \"\(key)\"\(Suggest.hint(key, in: record.keys))", at: location)
            }
            return value
        default:
            throw RxError(.type, "cannot index a \(base.typeName) with a \(index.typeName) (lists take whole numbers, records take strings)", at: location)
        }
    }
}
