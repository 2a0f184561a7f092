import Foundation
import MBench
import XCTest
@testable import Lab

/// A results root with a tracker filled the way TABLES-CONTRACT.md says the recipes fill it:
/// `mbench` child runs tagged table/row/seed/preset, metrics under the official names, and a
/// per-prompt MBench JSON artifact each.
struct TablesFixture {
    let root: URL
    let specs: URL
    let tracker: Tracker
    let parent: ActiveRun

    /// A spec with two metrics, three arms and the reference rows, and claims in all three states.
    static let spec = """
    {
      "title": "Table X — fixture",
      "caption": "Table X: a caption.",
      "recipe": "Recipes/ablations/tablex.rx",
      "step": "mbench",
      "columns": [
        {"key": "Motion_Condition_Consistency", "name": "Consistency", "better": "higher", "decimals": 2},
        {"key": "Jitter_Degree", "name": "Jitter", "better": "lower", "decimals": 4}
      ],
      "rows": [
        {"id": "a", "label": "arm A", "paper_label": "Paper A", "paper": {"Motion_Condition_Consistency": 0.53, "Jitter_Degree": 0.0108}},
        {"id": "b", "label": "arm B", "paper_label": "Paper B", "paper": {"Motion_Condition_Consistency": 0.46}},
        {"id": "c", "label": "arm C"},
        {"id": "paper:p", "kind": "paper", "label": "(no counterpart here)", "paper_label": "Paper P", "paper": {"Jitter_Degree": 0.02}},
        {"id": "oracle", "kind": "reference", "label": "Oracle"},
        {"id": "floor", "kind": "reference", "label": "Floor"}
      ],
      "footnote": ["Data: the World stands in for the data."],
      "claims": [
        {"id": "a-beats-b", "text": "A beats B on consistency",
         "comparisons": [{"metric": "Motion_Condition_Consistency", "better": "a", "worse": "b"}],
         "by_construction": "partly: built into the fixture"},
        {"id": "b-beats-a", "text": "B beats A on consistency",
         "comparisons": [{"metric": "Motion_Condition_Consistency", "better": "b", "worse": "a"}]},
        {"id": "a-smoother", "text": "A jitters less than B",
         "comparisons": [{"metric": "Jitter_Degree", "better": "a", "worse": "b"}]},
        {"id": "gain", "text": "A's gain over B exceeds B's over C",
         "comparisons": [{"metric": "Motion_Condition_Consistency", "better": {"from": "b", "to": "a"}, "worse": {"from": "c", "to": "b"}}]}
      ]
    }
    """

    init(_ test: XCTestCase) throws {
        root = try makeTemporaryFolder(test)
        specs = root.appendingPathComponent("specs")
        try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        try Data(Self.spec.utf8).write(to: specs.appendingPathComponent("tablex.json"))
        tracker = try Tracker(path: root.appendingPathComponent("tracker.sqlite"))
        parent = try tracker.startRun(name: "tablex", experiment: "tablex", heartbeat: false)
    }

    /// Consistency (0/1 per prompt) with `correct` of 20 prompts right, and per-prompt jitter
    /// `jitter[i]`, as one finished mbench child run with its per-prompt artifact.
    @discardableResult
    func logArm(row: String?, seed: Int, preset: String = "small", correct: Int, jitter: [Double],
                status: RunStatus = .finished, cached: Bool = false, table: String = "tablex") throws -> ActiveRun {
        var tags = ["step": "mbench", "table": table, "seed": String(seed), "preset": preset]
        if let row { tags["row"] = row }
        if cached { tags["cached"] = "true" }
        let run = try parent.startChild(name: "mbench", tags: tags, heartbeat: false)
        var results: [MBenchPromptResult] = []
        for i in 0..<20 {
            let consistency = MBenchPrompt(prompt: "action \(i)", dimension: .motionConditionConsistency, id: .number(i),
                                           auxiliaryInfo: (1...9).map { "other \($0)" })
            results.append(MBenchPromptResult(entry: consistency, score: i < correct ? 1 : 0))
            let quality = MBenchPrompt(prompt: "action \(i)", dimension: .jitterDegree, id: .number(i))
            results.append(MBenchPromptResult(entry: quality, score: jitter[i]))
        }
        let unscored = MBenchPrompt(prompt: "unknown verb", dimension: .motionConditionConsistency, id: .number(99),
                                    auxiliaryInfo: (1...9).map { "other \($0)" })
        results.append(MBenchPromptResult(entry: unscored, score: nil, status: .notApplicable))
        let scores = BenchmarkResult(perPrompt: results).byOfficialName
        try run.logMetrics(scores, step: 0)
        let file = root.appendingPathComponent("mbench/\(run.shortID)/per_prompt.json")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try MBenchJSON.write(try MBenchJSON.encodeResults(results), to: file)
        try run.logArtifact(file, resultsRoot: root)
        try run.finish(status)
        return run
    }

    /// Twenty jitter values 0.010 … 0.0195, rotated by `shift` (same mean, other pairing).
    static func jitter(shift: Int = 0, offset: Double = 0) -> [Double] {
        (0..<20).map { 0.010 + 0.0005 * Double(($0 + shift) % 20) + offset }
    }

    var options: TableReport.Options { TableReport.Options(specFolder: specs, resamples: 2000, bootstrapSeed: 7, drawChart: false) }
}
