import Autograd
/// Printing, lists, records, checks and seeded shuffling.
enum CoreBuiltins {
    static var all: [Builtin] {
        [print, len, range, keys, has, merge, sort, reverse, flatten, zip, contains, assert, type, shuffle, sample]
    }

    static let print = Builtin("print", [Parameter("values", .any, variadic: true, doc: "printed with spaces between")],
                               returns: .none, doc: "Prints values on one line.", acceptsPlanned: true) { args, context in
        context.output(try args.list("values").map(\.description).joined(separator: " "))
        return .none
    }

    static let len = Builtin("len", [Parameter("value", .oneOf([.list(.any), .string, .record]))],
                             returns: .integer, doc: "Number of items of a list, characters of a string or fields of a record.",
                             acceptsPlanned: true) { args, _ in
        switch args["value"] {
        case .list(let items): return .number(Double(items.count))
        case .string(let s): return .number(Double(s.count))
        case .record(let r): return .number(Double(r.fields.count))
        default: throw BuiltinFailure("len of a planned value is unknown until it runs", argument: "value")
        }
    }

    static let range = Builtin("range", [Parameter("start", .integer, doc: "the end when it is the only argument"),
                                         Parameter("end", .optional(.integer), default: Value.none),
                                         Parameter("step", .integer, default: .number(1))],
                               returns: .list(.integer), doc: "Whole numbers from start (inclusive) to end (exclusive): range(3) is [0, 1, 2].") { args, _ in
        var start = try args.integer("start"), end = 0
        if case .none = args["end"] { end = start; start = 0 } else { end = try args.integer("end") }
        let step = try args.integer("step")
        guard step != 0 else { throw BuiltinFailure("step must not be 0", argument: "step") }
        guard abs(end - start) / abs(step) <= 1_000_000 else { throw BuiltinFailure("range of more than a million numbers") }
        return .list(Swift.stride(from: start, to: end, by: step).map { .number(Double($0)) })
    }

    static let keys = Builtin("keys", [Parameter("record", .record)], returns: .list(.string),
                              doc: "The record's keys in written order.") { args, _ in
        .list(try args.record("record").keys.map { .string($0) })
    }

    static let has = Builtin("has", [Parameter("record", .record), Parameter("key", .string)], returns: .bool,
                             doc: "Whether the record has the key.") { args, _ in
        .bool(try args.record("record")[try args.string("key")] != nil)
    }

    static let merge = Builtin("merge", [Parameter("base", .record), Parameter("changes", .record)], returns: .record,
                               doc: "A copy of base with the fields of changes added or replaced.") { args, _ in
        var result = try args.record("base")
        for (key, value) in try args.record("changes").fields { result[key] = value }
        return .record(result)
    }

    static let sort = Builtin("sort", [Parameter("items", .list(.any)),
                                       Parameter("by", .optional(.string), default: Value.none, doc: "sort records by this field"),
                                       Parameter("descending", .bool, default: .bool(false))],
                              returns: .list(.any), doc: "The items sorted (numbers or strings; records by a field).") { args, _ in
        let items = try args.list("items")
        let by: String? = { if case .string(let s) = args["by"] { return s } else { return nil } }()
        let sortKeys = try items.enumerated().map { i, item -> Value in
            guard let by else { return item }
            guard case .record(let r) = item else { throw BuiltinFailure("item \(i) is a \(item.typeName), not a record", argument: "items") }
            guard let v = r[by] else {
                throw BuiltinFailure("item \(i) has no field `\(by)`\(Suggest.hint(by, in: r.keys))", argument: "by")
            }
            return v
        }
        let order = try sortedOrder(sortKeys)
        let sorted = order.map { items[$0] }
        return .list(try args.bool("descending") ? sorted.reversed() : sorted)
    }

    /// Indices that sort the keys; all numbers or all strings, else an error.
    static func sortedOrder(_ keys: [Value]) throws -> [Int] {
        if keys.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
            let xs = keys.map { if case .number(let x) = $0 { return x } else { return 0 } }
            return xs.indices.sorted { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }
        }
        if keys.allSatisfy({ if case .string = $0 { return true } else { return false } }) {
            let ss = keys.map(\.description)
            return ss.indices.sorted { ss[$0] < ss[$1] || (ss[$0] == ss[$1] && $0 < $1) }
        }
        let kinds = Set(keys.map(\.typeName)).sorted().joined(separator: ", ")
        throw BuiltinFailure("can only sort all numbers or all strings, got \(kinds)")
    }

    static let reverse = Builtin("reverse", [Parameter("items", .list(.any))], returns: .list(.any),
                                 doc: "The items in reverse order.") { args, _ in
        .list(try args.list("items").reversed())
    }

    static let flatten = Builtin("flatten", [Parameter("lists", .list(.any), doc: "a list whose items are lists (or single values)")],
                                 returns: .list(.any), doc: "One level of nesting removed: flatten([[1, 2], [3]]) is [1, 2, 3] (e.g. the rows of every seed's arms).") { args, _ in
        .list(try args.list("lists").flatMap { item -> [Value] in
            if case .list(let inner) = item { return inner }
            return [item]
        })
    }

    static let zip = Builtin("zip", [Parameter("first", .list(.any)), Parameter("second", .list(.any))],
                             returns: .list(.list(.any)), doc: "Pairs [a, b] of items at the same index; both lists must have equal length.") { args, _ in
        let a = try args.list("first"), b = try args.list("second")
        guard a.count == b.count else { throw BuiltinFailure("lengths differ: \(a.count) and \(b.count)", argument: "second") }
        return .list(Swift.zip(a, b).map { .list([$0, $1]) })
    }

    static let contains = Builtin("contains", [Parameter("collection", .oneOf([.list(.any), .string])), Parameter("item", .any)],
                                  returns: .bool, doc: "Whether a list holds the item, or a string holds the substring.") { args, _ in
        switch (args["collection"], args["item"]) {
        case (.list(let items), let item): return .bool(items.contains(item))
        case (.string(let s), .string(let t)): return .bool(s.contains(t))
        case (_, let item): throw BuiltinFailure("a string can only contain a string, got \(item.typeName)", argument: "item")
        }
    }

    static let assert = Builtin("assert", [Parameter("condition", .bool), Parameter("message", .string, default: .string("condition is false"))],
                                returns: .none, doc: "Stops the recipe with the message when the condition is false.") { args, _ in
        guard try args.bool("condition") else { throw AssertionFailure(message: try args.string("message")) }
        return .none
    }

    static let type = Builtin("type", [Parameter("value", .any)], returns: .string,
                              doc: "The value's type name: number, string, bool, list, record, none, or a handle's type.",
                              acceptsPlanned: true) { args, _ in
        .string(args["value"].typeName)
    }

    static let shuffle = Builtin("shuffle", [Parameter("items", .list(.any)),
                                             Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed")],
                                 returns: .list(.any), doc: "The items in a seeded random order.") { args, context in
        var generator = RandomGenerator(seed: try context.seed(explicit: args["seed"]))
        return .list(try args.list("items").shuffled(using: &generator))
    }

    static let sample = Builtin("sample", [Parameter("items", .list(.any)), Parameter("n", .integer),
                                           Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed")],
                                returns: .list(.any), doc: "n distinct items drawn in a seeded random order.") { args, context in
        let items = try args.list("items"), n = try args.integer("n")
        guard (0...items.count).contains(n) else { throw BuiltinFailure("n must be between 0 and \(items.count), got \(n)", argument: "n") }
        var generator = RandomGenerator(seed: try context.seed(explicit: args["seed"]))
        return .list(Array(items.shuffled(using: &generator).prefix(n)))
    }
}

/// Thrown by `assert`; reported as an assertion failure at the call.
struct AssertionFailure: Error { let message: String }
