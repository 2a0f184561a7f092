import Foundation
import Lab
import MBench

/// `reference(suite, kind:)`: the two reference rows every table carries (ARCHITECTURE §9),
/// from MBench's `ReferenceMotions` — the oracle (a clean World clip of each prompt's own
/// action: the judge's ceiling) and the floor (a clean clip of another action); and
/// `select(motions, …)`: some of a set of motions, e.g. those the gate sent to one branch.
enum ReferenceBuiltins {
    static func reference() -> Builtin {
        Builtin("reference",
            [Parameter("suite", .handle("Suite"), doc: "the World's suite whose prompts the reference motions answer"),
             Parameter("kind", .choice(["oracle", "floor"]), doc: "oracle: each prompt's own action; floor: another, random action"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "the draws (and the `seed` tag of the scoring run); default: derived from the recipe's seed")],
            returns: .handle("Motions"),
            doc: "Reference motions for a suite's prompts: the oracle (clean clips of each prompt's action) or the floor (clean clips of other actions).") { args, context in
            let suite = try args.handle("suite", as: SuiteHandle.self)
            let kind = try args.string("kind")
            let seed = try context.seed(explicit: args["seed"])
            var firstEntry: [String: MBench.MBenchPrompt] = [:]
            for entry in suite.entries where firstEntry[entry.prompt] == nil { firstEntry[entry.prompt] = entry }
            let prompts = suite.entryPrompts
            let entries = prompts.map { firstEntry[$0]! }
            if let missing = entries.first(where: { $0.actionID == nil }) {
                throw BuiltinFailure("the suite's prompt \"\(missing.prompt)\" has no World action (reference rows need the World's suites)", argument: "suite")
            }
            let motions = kind == "oracle" ? try ReferenceMotions.oracle(for: entries, seed: seed, lexicon: suite.lexicon)
                : try ReferenceMotions.floor(for: entries, seed: seed, lexicon: suite.lexicon)
            return .handle(try MotionsHandle(frames: motions.map(\.frames), prompts: suite.prompts, origin: "\(kind) of suite \(suite.name)",
                                             key: String(SHA256.hex("reference:\(kind):\(seed):" + suite.identity).prefix(32)), seed: seed))
        }
    }

    static func select() -> Builtin {
        Builtin("select",
            [Parameter("motions", .handle("Motions")),
             Parameter("branch", .optional(.choice(["text", "motion", "video"])), default: Value.none,
                       doc: "only the motions this branch made (the gate's choice in adaptive mode; video: the prior's own motion)"),
             Parameter("indices", .optional(.list(.integer)), default: Value.none, doc: "only these positions (from 0)"),
             Parameter("n", .optional(.integer), default: Value.none, doc: "at most this many (the first ones)")],
            returns: .handle("Motions"),
            doc: "Some of a set of motions, by the branch that made them, by position, or the first n.") { args, _ in
            let motions = try args.handle("motions", as: MotionsHandle.self)
            var positions = Array(motions.items.indices)
            if case .list(let wanted) = args["indices"] {
                positions = try wanted.map { value in
                    guard case .number(let x) = value, let i = Int(exactly: x), motions.items.indices.contains(i) else {
                        throw BuiltinFailure("index \(value) is out of range 0..<\(motions.items.count)", argument: "indices")
                    }
                    return i
                }
            }
            if case .string(let branch) = args["branch"] {
                guard !motions.branches.isEmpty else { throw BuiltinFailure("these motions record no branches (only generated ones do)", argument: "branch") }
                let wanted: String? = branch == "video" ? nil : branch
                positions = positions.filter { motions.branches[$0] == wanted }
            }
            if case .number = args["n"] { positions = Array(positions.prefix(max(0, try args.integer("n")))) }
            return .handle(try motions.selecting(positions))
        }
    }
}
