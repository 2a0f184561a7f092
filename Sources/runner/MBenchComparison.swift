import Foundation
import Lab
import MBench
import Plot

/// The models evaluated on one suite so far, read back from the tracker (experiment `mbench`,
/// tag `suite`): the newest finished run per model, preset and prompt count, plus the run being written. Writes the
/// suite's Markdown table and radar chart (paper C.3 normalisation).
struct MBenchComparison {
    struct Row {
        var model: String
        var run: String
        var preset: String
        var prompts: Int
        var scores: [String: Double]
        var notApplicable: [String: Int]
    }

    let suite: String
    let rows: [Row]

    /// Rows of the suite's finished `mbench` runs (newest per model), with `current` (the run
    /// in progress: uuid, model label, result, preset, prompt count) in place of its model's older runs.
    static func load(suite: String, tracker: Tracker,
                     including current: (uuid: String, model: String, result: BenchmarkResult, preset: String, prompts: Int)? = nil) throws -> MBenchComparison {
        var rows: [Row] = []
        var seen = Set<String>()
        if let current {
            seen.insert("\(current.model)|\(current.preset)|\(current.prompts)")
            rows.append(Row(model: current.model, run: String(current.uuid.prefix(8)), preset: current.preset, prompts: current.prompts,
                            scores: current.result.byOfficialName,
                            notApplicable: Dictionary(uniqueKeysWithValues: current.result.notApplicable.map { ($0.key.rawValue, $0.value) })))
        }
        for record in try tracker.runs(experiment: "mbench", status: .finished) {   // newest first
            let details = try tracker.details(of: record)
            let prompts = Int(details.params["prompts"] ?? "") ?? 0
            guard details.tags["suite"] == suite, let model = details.tags["model"],
                  seen.insert("\(model)|\(details.tags["preset"] ?? "")|\(prompts)").inserted else { continue }
            var scores: [String: Double] = [:], skipped: [String: Int] = [:]
            for metric in details.metrics {
                if MBenchDimension(rawValue: metric.key) != nil { scores[metric.key] = metric.last }
                if metric.key.hasPrefix("not_applicable.") { skipped[String(metric.key.dropFirst(15))] = Int(metric.last) }
            }
            rows.append(Row(model: model, run: record.shortID, preset: details.tags["preset"] ?? "?",
                            prompts: prompts, scores: scores, notApplicable: skipped))
        }
        return MBenchComparison(suite: suite, rows: rows.sorted { ($0.model, $0.preset, $0.prompts) < ($1.model, $1.preset, $1.prompts) })
    }

    /// The dimensions any row scored, in the official order.
    var dimensions: [MBenchDimension] { MBenchDimension.allCases.filter { d in rows.contains { $0.scores[d.rawValue] != nil } } }

    /// The Markdown table: one row per model, a column per dimension (↓ lower is better, ↑ higher).
    func markdown() -> String {
        let columns = dimensions
        var lines = ["# MBench: suite `\(suite)`", "",
                     "Every model evaluated on this suite so far (`runner mbench --run ID --suite \(suite)`), the newest run per model, read back from the tracker (experiment `mbench`).", "",
                     "| model | run | preset | prompts | " + columns.map { "\($0.rawValue.replacingOccurrences(of: "_", with: " ")) \($0.lowerIsBetter ? "↓" : "↑")" }.joined(separator: " | ") + " |",
                     "|---|---|---|---|" + String(repeating: "---|", count: columns.count)]
        for row in rows {
            let cells = columns.map { d -> String in
                guard let value = row.scores[d.rawValue] else { return "—" }
                let skipped = row.notApplicable[d.rawValue].map { " (\($0) n/a)" } ?? ""
                return (d.needsJudge ? String(format: "%.3f", value) : String(format: "%.4g", value)) + skipped
            }
            lines.append("| \(row.model) | \(row.run) | \(row.preset) | \(row.prompts) | " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "Stand-ins: the judge dimensions use MBench's contrastive retrieval judge (trained on a World sample drawn with its own seed, clean clips plus degraded copies) in place of Gemini; Body Penetration uses capsules, Pose Quality a clean-pose bank. \"n/a\": prompts whose action the judge cannot know (ARCHITECTURE §6). Models generate 100-frame clips whatever `motion_duration` asks."]
        return lines.joined(separator: "\n") + "\n"
    }

    func writeTable(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do { try Data(markdown().utf8).write(to: url, options: .atomic) } catch {
            throw RunnerError("\(url.path): cannot write the table (\(error.localizedDescription))")
        }
    }

    /// Whether rows come from more than one preset or suite size (then labels carry them).
    var mixedPresets: Bool { Set(rows.map { "\($0.preset)|\($0.prompts)" }).count > 1 }

    /// The radar over the dimensions every model scored (needs at least 3).
    func radar() throws -> RadarChart {
        let axes = MBenchDimension.allCases.filter { d in rows.allSatisfy { $0.scores[d.rawValue] != nil } }
        guard axes.count >= 3 else {
            throw RunnerError("the radar needs at least 3 dimensions scored by every model; \(axes.count) are")
        }
        return RadarChart(title: "MBench, suite \(suite)", axes: axes.map { RadarAxis($0.rawValue, higherIsBetter: !$0.lowerIsBetter) },
                          series: rows.map { row in
                              RadarSeries(name: mixedPresets ? "\(row.model) (\(row.preset), \(row.prompts))" : row.model, values: axes.map { row.scores[$0.rawValue]! })
                          })
    }

    func writeRadar(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try radar().write(to: url)
    }
}
