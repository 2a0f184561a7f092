import Foundation

/// Conversions between strings and numbers, number formatting, joining and splitting.
enum TextBuiltins {
    static var all: [Builtin] { [str, num, format, join, split, upper, lower] }

    static let str = Builtin("str", [Parameter("value", .any)], returns: .string,
                             doc: "The value as it prints.", acceptsPlanned: true) { args, _ in
        .string(args["value"].description)
    }

    static let num = Builtin("num", [Parameter("value", .oneOf([.string, .number, .bool]))], returns: .number,
                             doc: "A number from a string (\"3e-4\"), a number, or a bool (1 or 0).") { args, _ in
        switch args["value"] {
        case .number(let x): return .number(x)
        case .bool(let b): return .number(b ? 1 : 0)
        case .string(let s):
            guard let x = Double(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) else {
                throw BuiltinFailure("\"\(s)\" is not a number", argument: "value")
            }
            return .number(x)
        default: return .none
        }
    }

    static let format = Builtin("format", [Parameter("value", .number), Parameter("spec", .string, doc: "\".3\" fixed, \".2e\" scientific, \".1%\" percent")],
                                returns: .string, doc: "A number formatted by a spec, the same as `{value:spec}` in a string.") { args, _ in
        .string(try NumberFormat.apply(try args.string("spec"), to: try args.number("value")))
    }

    static let join = Builtin("join", [Parameter("items", .list(.any)), Parameter("separator", .string, default: .string(", "))],
                              returns: .string, doc: "The items as they print, joined by the separator.") { args, _ in
        .string(try args.list("items").map(\.description).joined(separator: try args.string("separator")))
    }

    static let split = Builtin("split", [Parameter("text", .string), Parameter("separator", .string, default: .string(" "))],
                               returns: .list(.string), doc: "The text cut at each separator.") { args, _ in
        let separator = try args.string("separator")
        guard !separator.isEmpty else { throw BuiltinFailure("separator must not be empty", argument: "separator") }
        return .list(try args.string("text").components(separatedBy: separator).map { .string($0) })
    }

    static let upper = Builtin("upper", [Parameter("text", .string)], returns: .string, doc: "The text in upper case.") { args, _ in
        .string(try args.string("text").uppercased())
    }

    static let lower = Builtin("lower", [Parameter("text", .string)], returns: .string, doc: "The text in lower case.") { args, _ in
        .string(try args.string("text").lowercased())
    }
}

/// Number format specs shared by `format(x, spec)` and `{x:spec}` in strings:
/// `.N` fixed with N decimals, `.Ne` scientific, `.N%` percent.
enum NumberFormat {
    static func apply(_ spec: String, to x: Double) throws -> String {
        let body = spec.trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix(".") else { throw BuiltinFailure("format spec `\(spec)` must start with `.` (e.g. .3, .2e, .1%)", argument: "spec") }
        var digits = String(body.dropFirst())
        var style: Character = "f"
        if let last = digits.last, last == "e" || last == "%" { style = last; digits.removeLast() }
        guard let n = Int(digits), (0...17).contains(n) else {
            throw BuiltinFailure("format spec `\(spec)` needs a digit count 0–17 after `.` (e.g. .3, .2e, .1%)", argument: "spec")
        }
        switch style {
        case "e": return String(format: "%.\(n)e", x)
        case "%": return String(format: "%.\(n)f%%", x * 100)
        default: return String(format: "%.\(n)f", x)
        }
    }
}
