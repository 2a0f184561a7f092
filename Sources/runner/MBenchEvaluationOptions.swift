import ArgumentParser
import Foundation
import Lab
import MBench
import ViMoGen

/// The options of `runner mbench --run ID | --motions DIR`.
struct MBenchEvaluationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A trained model: the id of a `train` or `distill` step run.", valueName: "id")) var run: String?
    @Option(name: .long, help: ArgumentHelp("Motion files made elsewhere, one per prompt (D_I.<ext> or I.<ext>).", valueName: "dir")) var motions: String?
    @Option(name: .long, help: ArgumentHelp("A reference row instead of a model: oracle (a clean World clip of each prompt's action) or floor (another action's).",
                                            valueName: "oracle|floor")) var reference: String?
    @Option(name: .long, help: ArgumentHelp("A suite name (all, consistency, frame, generalization, temporal) or an MBench JSON file.", valueName: "name|file"))
    var suite = "all"
    @Option(name: .long, help: "Prompts per dimension (default: the preset's prompts_per_dimension for a named suite, every prompt of a file).")
    var perDimension: Int?
    @Option(name: .long, help: ArgumentHelp("Score with the judge of this `judge` step run instead of the benchmark judge.", valueName: "run")) var judge: String?
    @Option(name: .long, help: "Generation mode (t2m, m2m, adaptive, video); default t2m (m2m for an m2m-only model).") var mode: String?
    @Option(name: .long, help: "Generation seed.") var seed: UInt64 = 0
    @Option(name: .long, help: "Euler steps (default: the preset's euler_steps).") var eulerSteps: Int?
    @Option(name: .long, help: "Preset for suite size, Euler steps and the benchmark judge (default: the model run's preset tag, else smoke).")
    var preset: String?
    @OptionGroup var trackerOptions: TrackerOptions
    @Flag(name: .long, help: "Print one JSON object: the official dimension names, not_applicable, run, files.") var json = false

    func validate() throws {
        if [run, motions, reference].compactMap({ $0 }).count > 1 {
            throw ValidationError("give one of --run ID, --motions DIR, --reference oracle|floor")
        }
        if let reference, !["oracle", "floor"].contains(reference) {
            throw ValidationError("--reference \(reference): expected oracle or floor")
        }
        if let mode, GenerationMode(rawValue: mode) == nil {
            throw ValidationError("--mode \(mode): expected one of \(GenerationMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let eulerSteps, eulerSteps < 1 { throw ValidationError("--euler-steps must be at least 1") }
    }

    func evaluation() throws -> MBenchEvaluation {
        let source: MBenchEvaluation.Source
        if let run { source = .run(run) } else if let reference { source = .reference(reference) } else if let motions {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: motions, isDirectory: &isFolder), isFolder.boolValue else {
                throw RunnerError("--motions \(motions): not a folder")
            }
            source = .motions(URL(fileURLWithPath: motions))
        } else {
            throw RunnerError("say what to evaluate: --run ID (a train/distill step run; see `runner runs list`), --motions DIR or --reference oracle|floor; "
                + "or use a subcommand (metrics, run) — see `runner mbench --help`")
        }
        return MBenchEvaluation(source: source, suite: suite, perDimension: perDimension, judgeRun: judge,
                                mode: mode.flatMap(GenerationMode.init(rawValue:)), seed: seed, eulerSteps: eulerSteps, preset: preset,
                                locations: trackerOptions.locations)
    }

    func render(_ outcome: MBenchEvaluation.Outcome) throws -> String {
        let scores = outcome.result.scores, skipped = outcome.result.notApplicable
        if json {
            var object: [String: Any] = ["run": outcome.runID, "model": outcome.model, "suite": outcome.suite,
                                         "prompts": outcome.result.perPrompt.count, "per_prompt": outcome.perPromptFile.path,
                                         "table": outcome.table.path, "cached": outcome.cached]
            for (dimension, value) in scores { object[dimension.rawValue] = value }
            object["not_applicable"] = Dictionary(uniqueKeysWithValues: skipped.map { ($0.key.rawValue, $0.value) })
            if let chart = outcome.chart { object["chart"] = chart.path }
            if let problem = outcome.chartProblem { object["chart_problem"] = problem }
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        var lines = ["MBench \(outcome.suite) on \(outcome.model): tracker run \(outcome.runID)\(outcome.cached ? " (scores cached)" : "")",
                     "dimension\tscore\tscored\tnot_applicable"]
        for dimension in MBenchDimension.allCases {
            let scored = outcome.result.perPrompt.filter { $0.entry.dimension == dimension && $0.status == .scored }.count
            guard scored > 0 || skipped[dimension] != nil else { continue }
            lines.append("\(dimension.rawValue)\t\(scores[dimension].map { String(format: "%.6g", $0) } ?? "-")\t\(scored)\t\(skipped[dimension] ?? 0)")
        }
        lines.append("per-prompt results: \(outcome.perPromptFile.path)")
        lines.append("table: \(outcome.table.path)")
        lines.append(outcome.chart.map { "radar: \($0.path)" } ?? "radar: not drawn (\(outcome.chartProblem ?? "?"))")
        return lines.joined(separator: "\n")
    }
}
