import Foundation

/// A `--set key=value` from the command line. It replaces the value of a top-level assignment
/// (`lr = 1e-4`) the first time it runs; a dotted key (`cfg.train.steps=10`) replaces a field of a
/// record. The new value must have the old value's type.
public struct Override: CustomStringConvertible {
    /// The dotted path: `["cfg", "train", "steps"]`.
    public let path: [String]
    /// The text after `=`, read according to the type of the value it replaces.
    public let text: String

    public init(path: [String], text: String) {
        self.path = path
        self.text = text
    }

    /// Reads `key=value`; a missing `=` or empty key is an error.
    public static func parse(_ argument: String) throws -> Override {
        guard let eq = argument.firstIndex(of: "=") else {
            throw RxError(.override, "--set \(argument): expected key=value")
        }
        let key = String(argument[..<eq]).trimmingCharacters(in: .whitespaces)
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
            throw RxError(.override, "--set \(argument): the key before `=` must be a name like lr or cfg.steps")
        }
        return Override(path: path, text: String(argument[argument.index(after: eq)...]))
    }

    public var key: String { path.joined(separator: ".") }
    public var description: String { "--set \(key)=\(text)" }

    /// The assigned value with this override applied, or an error naming the key and the types.
    func apply(to value: Value, assignedAt location: SourceLocation) throws -> Value {
        do {
            return try replace(in: value, at: path.dropFirst(), reached: path[0])
        } catch var error as RxError {
            // Point at the assignment the override replaces.
            error.location = location
            throw error
        }
    }

    private func replace(in value: Value, at rest: ArraySlice<String>, reached: String) throws -> Value {
        guard let field = rest.first else { return try convert(like: value, key: reached) }
        guard case .record(var record) = value else {
            throw RxError(.override, "\(self): `\(reached)` is a \(value.typeName), not a record, so it has no field `\(field)`")
        }
        guard let inner = record[field] else {
            throw RxError(.override, "\(self): `\(reached)` has no field `\(field)`\(Suggest.hint(field, in: record.keys))",
                          notes: ["its fields: " + record.keys.joined(separator: ", ")])
        }
        record[field] = try replace(in: inner, at: rest.dropFirst(), reached: reached + "." + field)
        return .record(record)
    }

    private func convert(like old: Value, key: String) throws -> Value {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func mismatch(_ what: String) -> RxError {
            RxError(.override, "\(self): `\(key)` is a \(old.typeName) (now \(old.literal)), and \"\(text)\" is not \(what)")
        }
        switch old {
        case .number:
            guard let x = Double(trimmed.replacingOccurrences(of: "_", with: "")) else { throw mismatch("a number") }
            return .number(x)
        case .string:
            if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") { return .string(String(trimmed.dropFirst().dropLast())) }
            return .string(text)
        case .bool:
            guard trimmed == "true" || trimmed == "false" else { throw mismatch("true or false") }
            return .bool(trimmed == "true")
        case .handle(let h):
            throw RxError(.override, "\(self): `\(key)` holds a \(h.typeName) made by the recipe, which --set cannot replace")
        case .none, .list, .record:
            let new: Value
            do { new = try LiteralReader.read(trimmed) } catch { throw mismatch("a literal \(old.typeName) (\(error))") }
            if case .none = old { return new }
            guard new.typeName == old.typeName else { throw mismatch("a \(old.typeName)") }
            if case .list(let olds) = old, case .list(let news) = new, let first = olds.first,
               olds.allSatisfy({ $0.typeName == first.typeName }),
               let bad = news.first(where: { $0.typeName != first.typeName }) {
                throw RxError(.override, "\(self): `\(key)` is a list of \(first.typeName)s, but \(bad.literal) is a \(bad.typeName)")
            }
            return new
        }
    }
}

/// Reads a value written as an `.rx` literal (numbers, strings without interpolation, bools,
/// none, lists, records), as `--set` needs for lists and records.
enum LiteralReader {
    static func read(_ text: String) throws -> Value {
        let source = Source(name: "--set", path: nil, text: text)
        var lexer = Lexer(source: source)
        var parser = Parser(source: source, tokens: try lexer.tokenize())
        let statements = try parser.program()
        guard statements.count == 1, case .expr(let expr) = statements[0] else {
            throw RxError(.syntax, "expected one literal value")
        }
        return try value(of: expr)
    }

    private static func value(of expr: Expr) throws -> Value {
        switch expr.kind {
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .string(let parts):
            return .string(try parts.map { part -> String in
                guard case .text(let t) = part else { throw RxError(.syntax, "no interpolation in --set values") }
                return t
            }.joined())
        case .unary("-", let inner):
            guard case .number(let x) = try value(of: inner) else { throw RxError(.syntax, "`-` needs a number") }
            return .number(-x)
        case .list(let items): return .list(try items.map(value(of:)))
        case .record(let fields): return .record(Record(try fields.map { ($0.key, try value(of: $0.value)) }))
        default: throw RxError(.syntax, "only literal values (numbers, strings, bools, lists, records)")
        }
    }
}
