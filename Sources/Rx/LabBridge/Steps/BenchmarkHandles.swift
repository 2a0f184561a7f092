import Foundation
import Lab
import MBench
import MotionWorld

/// A trained MBench judge (`judge(data, seed:)`, or `judge(seed:)` on a World sample of its
/// own) and where Pose Quality's bank of clean poses comes from (the same data).
public struct JudgeHandle: Handle {
    public let judge: Judge
    public let key: String
    /// What it learned from, for the summary: "1,234 clips" or "World 1001 sample".
    public let source: String
    public let seed: UInt64
    /// The preset of the data it learned from: the `preset` tag of the runs it scores.
    public let preset: String
    /// Pose Quality's bank (built when first scored) and its cache key.
    public let poses: () throws -> PoseQuality
    public let posesKey: String

    public var typeName: String { "Judge" }
    public var summary: String {
        let r = judge.report.map { String(format: ", held-out R@1 %.2f", $0.recallAt1) } ?? ""
        return "judge seed \(seed) on \(source)\(r) (cache \(key.prefix(8)))"
    }
    public var identity: String { key }
    public var fieldNames: [String] { ["seed", "threshold", "recall_at_1", "recall_at_5", "key"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "seed": return .number(Double(seed))
        case "threshold": return .number(Double(judge.threshold))
        case "recall_at_1": return judge.report.map { .number($0.recallAt1) } ?? Value.none
        case "recall_at_5": return judge.report.map { .number($0.recallAt5) } ?? Value.none
        case "key": return .string(key)
        default: return nil
        }
    }
}

/// MBench scores: each scored dimension under its official name (`scores.Jitter_Degree`),
/// plus `detail` (one record per prompt and dimension) and `not_applicable` counts.
public struct ScoresHandle: Handle {
    public let result: BenchmarkResult
    public let suite: String

    public var typeName: String { "Scores" }
    public var summary: String {
        "MBench \(suite): " + result.byOfficialName.sorted { $0.key < $1.key }.map { "\($0.key) \(Value.format($0.value))" }.joined(separator: ", ")
    }
    public var identity: String { summary }
    public var fieldNames: [String] { result.byOfficialName.keys.sorted() + ["detail", "not_applicable", "dimensions"] }
    public func field(_ name: String) -> Value? {
        if let score = result.byOfficialName[name] { return .number(score) }
        switch name {
        case "dimensions": return .record(Record(result.byOfficialName.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }))
        case "not_applicable":
            return .record(Record(result.notApplicable.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .number(Double($0.value))) }))
        case "detail":
            return .list(result.perPrompt.map { r in
                .record(Record([("prompt", .string(r.entry.prompt)), ("dimension", .string(r.entry.dimension.rawValue)),
                                ("score", r.score.map { .number($0) } ?? Value.none), ("status", .string(r.status.rawValue))]))
            })
        default: return nil
        }
    }
}

/// MBench prompt entries from the World's suites (`suite(world, name:)`): generate its `prompts`,
/// then `mbench(motions, suite: it, judge:)` scores each entry's dimension.
public struct SuiteHandle: Handle {
    public let name: String
    public let entries: [MBench.MBenchPrompt]
    /// The World's lexicon the entries' `action_id`s refer to (for `reference(suite, …)`).
    public let lexicon: Lexicon
    /// Entry prompt → the text given to the model, when the prompts are restyled
    /// (`captions: "video"`); scoring still reads the entry's own prompt.
    public let shown: [String: String]

    public init(name: String, entries: [MBench.MBenchPrompt], lexicon: Lexicon, shown: [String: String] = [:]) {
        self.name = name; self.entries = entries; self.lexicon = lexicon; self.shown = shown
    }

    /// The distinct entry prompts, in first-use order.
    public var entryPrompts: [String] {
        var seen = Set<String>()
        return entries.map(\.prompt).filter { seen.insert($0).inserted }
    }

    /// The distinct prompts to generate, in first-use order (restyled when the suite is).
    public var prompts: [String] { entryPrompts.map { shown[$0] ?? $0 } }

    /// Motions generated from `prompts` titled back with the entries' prompts, for scoring.
    public func entryTitles(_ generated: [String]) -> [String] {
        let back = Dictionary(shown.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return generated.map { back[$0] ?? $0 }
    }

    public var typeName: String { "Suite" }
    public var summary: String { "MBench suite \(name): \(entries.count) entries, \(prompts.count) prompts" }
    public var identity: String {
        "suite:\(name):" + entries.map { "\($0.dimension.rawValue)|\($0.prompt)|\(shown[$0.prompt] ?? "")" }.joined(separator: "\n")
    }
    public var fieldNames: [String] { ["name", "prompts", "entries", "dimensions"] }
    public func field(_ field: String) -> Value? {
        switch field {
        case "name": return .string(name)
        case "prompts": return .list(prompts.map { .string($0) })
        case "entries": return .number(Double(entries.count))
        case "dimensions": return .list(Array(Set(entries.map(\.dimension.rawValue))).sorted().map { .string($0) })
        default: return nil
        }
    }
}
