/// Evaluation of expressions: names, literals, operators, fields, indexing, `for` and `if`.
extension Interpreter {
    func evaluate(_ expr: Expr, in scope: Scope) throws -> Value {
        switch expr.kind {
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .string(let parts): return try interpolate(parts, in: scope)
        case .name(let name): return try lookup(name, at: expr.location, in: scope)
        case .list(let items): return .list(try items.map { try evaluate($0, in: scope) })
        case .record(let fields):
            return .record(Record(try fields.map { ($0.key, try evaluate($0.value, in: scope)) }))
        case .unary(let op, let operand):
            return try Operators.unary(op, try evaluate(operand, in: scope), at: expr.location)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, at: expr.location, in: scope)
        case .call(let name, let arguments):
            return try call(name, arguments, at: expr.location, in: scope)
        case .field(let base, let name):
            return try field(name, of: try evaluate(base, in: scope), at: expr.location)
        case .index(let base, let index):
            return try Operators.index(try evaluate(base, in: scope), try evaluate(index, in: scope), at: expr.location)
        case .forIn(let variable, let sequence, let body):
            return try forLoop(variable, sequence, body, at: expr.location, in: scope)
        case .ifElse(let condition, let then, let otherwise):
            return try ifElse(condition, then, otherwise, in: scope)
        }
    }

    private func lookup(_ name: String, at location: SourceLocation, in scope: Scope) throws -> Value {
        if let binding = scope.lookup(name) { return binding.value }
        if registry[name] != nil {
            throw RxError(.unknownName, "`\(name)` is a builtin, not a value; call it: \(name)(…)", at: location,
                          notes: [registry[name]!.signature])
        }
        let candidates = scope.visibleNames + registry.names
        throw RxError(.unknownName, "unknown name `\(name)`\(Suggest.hint(name, in: candidates))", at: location)
    }

    private func interpolate(_ parts: [TemplatePart], in scope: Scope) throws -> Value {
        var text = ""
        for part in parts {
            switch part {
            case .text(let t): text += t
            case .expr(let expr, let format):
                let value = try evaluate(expr, in: scope)
                guard let format else { text += value.description; continue }
                guard case .number(let x) = value else {
                    if value.isPlanned { text += value.description; continue }
                    throw RxError(.type, "format `:\(format)` needs a number, got \(value.typeName)", at: expr.location)
                }
                do { text += try NumberFormat.apply(format, to: x) } catch let failure as BuiltinFailure {
                    throw RxError(.value, failure.message, at: expr.location)
                }
            }
        }
        return .string(text)
    }

    private func binary(_ op: String, _ left: Expr, _ right: Expr, at location: SourceLocation, in scope: Scope) throws -> Value {
        let a = try evaluate(left, in: scope)
        if op == "and" || op == "or" {
            if a.isPlanned { _ = try evaluate(right, in: scope); return Operators.planned(at: location) }
            guard case .bool(let x) = a else {
                throw RxError(.type, "`\(op)` needs bools, got \(a.typeName) on the left", at: left.location)
            }
            if op == "and" && !x { return .bool(false) }
            if op == "or" && x { return .bool(true) }
            let b = try evaluate(right, in: scope)
            if b.isPlanned { return Operators.planned(at: location) }
            guard case .bool(let y) = b else {
                throw RxError(.type, "`\(op)` needs bools, got \(b.typeName) on the right", at: right.location)
            }
            return .bool(y)
        }
        return try Operators.binary(op, a, try evaluate(right, in: scope), at: location)
    }

    private func field(_ name: String, of base: Value, at location: SourceLocation) throws -> Value {
        switch base {
        case .record(let record):
            if let value = record[name] { return value }
            throw RxError(.unknownName, "the record has no field `\(name)`\(Suggest.hint(name, in: record.keys))", at: location,
                          notes: record.keys.isEmpty ? [] : ["its fields: " + record.keys.joined(separator: ", ")])
        case .handle(let handle):
            if let value = handle.field(name) { return value }
            throw RxError(.unknownName, "a \(handle.typeName) has no field `\(name)`\(Suggest.hint(name, in: handle.fieldNames))",
                          at: location, notes: handle.fieldNames.isEmpty ? [] : ["its fields: " + handle.fieldNames.joined(separator: ", ")])
        default:
            throw RxError(.type, "a \(base.typeName) has no fields (reading `.\(name)`)", at: location)
        }
    }

    private func forLoop(_ variable: String, _ sequenceExpr: Expr, _ body: Block,
                         at location: SourceLocation, in scope: Scope) throws -> Value {
        let sequence = try evaluate(sequenceExpr, in: scope)
        if sequence.isPlanned, case .handle = sequence {
            output("[plan] \(location) for \(variable): its arms are known only after the steps before it run")
            return Operators.planned(at: location)
        }
        guard case .list(let items) = sequence else {
            let hint = sequence.typeName == "record" ? "; loop over keys(…) to visit a record's fields" : ""
            throw RxError(.type, "`for` needs a list, got \(sequence.typeName)\(hint)", at: sequenceExpr.location)
        }
        var results: [Value] = []
        for item in items {
            let label = "\(variable)=\(Self.short(item.literal))"
            let value = try runArm(label, forAt: location) {
                let armScope = Scope(parent: scope)
                armScope.set(variable, item, at: location)
                return try self.run(body, in: armScope)
            }
            if let value { results.append(value) }
        }
        return .list(results)
    }

    private func ifElse(_ conditionExpr: Expr, _ then: Block, _ otherwise: Block?, in scope: Scope) throws -> Value {
        let condition = try evaluate(conditionExpr, in: scope)
        if condition.isPlanned {
            _ = try run(then, in: Scope(parent: scope))
            if let otherwise { _ = try run(otherwise, in: Scope(parent: scope)) }
            return Operators.planned(at: conditionExpr.location)
        }
        guard case .bool(let taken) = condition else {
            throw RxError(.type, "an `if` condition must be a bool, got \(condition.typeName) \(Self.short(condition.literal))",
                          at: conditionExpr.location)
        }
        if taken { return try run(then, in: Scope(parent: scope)) }
        if let otherwise { return try run(otherwise, in: Scope(parent: scope)) }
        return .none
    }

    /// A block's value is its last statement's value when that is an expression, else `none`.
    func run(_ block: Block, in scope: Scope) throws -> Value {
        var last: Value = .none
        for statement in block.statements {
            last = try execute(statement, in: scope) ?? .none
        }
        return last
    }

    static func short(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(37)) + "…" : text
    }
}
