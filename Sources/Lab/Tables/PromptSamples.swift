import Foundation
import MBench

/// What the bootstrap resamples: per row, per seed, the logged value of each metric and,
/// when the run's per-prompt artifact (MBench JSON) is there, the score of every prompt.
struct PromptSamples {
    /// One seed's evidence for one row.
    struct Seed {
        var seed: String
        /// Metric key → the run's logged value.
        var values: [String: Double]
        /// Metric key → prompt key (`id`) → score, from the per-prompt artifact (empty without one).
        var prompts: [String: [String: Double]]
    }

    /// Row id → seeds in seed order.
    var rows: [String: [Seed]]

    /// Reads every chosen run's per-prompt artifact (only for tables with claims). A run whose
    /// artifact is missing is noted, and the bootstrap falls back to seeds alone for it.
    static func load(selection: TableRunSelection, spec: TableSpec, resultsRoot: URL, notes: inout [String]) throws -> PromptSamples {
        var rows: [String: [Seed]] = [:]
        let wantsPrompts = !spec.claims.isEmpty && spec.step == "mbench"
        var withoutDetail: [String] = []
        for (row, runs) in selection.runs {
            rows[row] = try runs.map { run in
                var prompts: [String: [String: Double]] = [:]
                if wantsPrompts {
                    if let found = try perPrompt(run: run, resultsRoot: resultsRoot) { prompts = found }
                    else { withoutDetail.append(run.record.shortID) }
                }
                return Seed(seed: run.seed, values: run.metrics, prompts: prompts)
            }
        }
        if !withoutDetail.isEmpty {
            notes.append("no per-prompt MBench artifact for run(s) \(withoutDetail.sorted().joined(separator: ", ")); "
                + "their claims are bootstrapped over seeds only")
        }
        return PromptSamples(rows: rows)
    }

    /// The first `.json` artifact of the run that holds MBench per-prompt results, as
    /// dimension → prompt id → score (scored prompts only). Nil when the run has none or the
    /// file is gone; JSON artifacts that exist but none of which is MBench JSON are an error.
    static func perPrompt(run: TableRun, resultsRoot: URL) throws -> [String: [String: Double]]? {
        var firstFailure: TableError?
        for artifact in run.artifacts where artifact.path.hasSuffix(".json") {
            let url = artifact.path.hasPrefix("/") ? URL(fileURLWithPath: artifact.path)
                : resultsRoot.appendingPathComponent(artifact.path)
            guard let data = try? Data(contentsOf: url) else { continue }
            let results: [MBenchPromptResult]
            do { results = try MBenchJSON.decodeResults(data, fileName: url.path) } catch {
                firstFailure = firstFailure ?? TableError.unreadableArtifact(run: run.record.shortID, path: url.path, reason: "\(error)")
                continue
            }
            var scores: [String: [String: Double]] = [:]
            for result in results where result.status == .scored {
                guard let score = result.score, score.isFinite else { continue }
                scores[result.entry.dimension.rawValue, default: [:]][result.entry.id.description] = score
            }
            return scores
        }
        if let firstFailure { throw firstFailure }
        return nil
    }
}
