import Foundation
import Lab
import MBench
import Motion
import MotionWorld
import TextEncoding
import ViMoGen

/// `runner mbench --run ID | --motions DIR`: the whole benchmark on one model through the Lab
/// steps the recipes use — `generate` (cached), the benchmark judge (cached), the `mbench`
/// step (cached, per-prompt JSON in its entry) — then a tracker run in experiment `mbench`
/// (every dimension under its official name, the per-prompt JSON as artifact), and the suite's
/// comparison table and radar chart over every model evaluated on it so far.
struct MBenchEvaluation {
    enum Source {
        case run(String)
        case motions(URL)
        /// A reference row (ARCHITECTURE §9): `oracle` (a clean World clip of each prompt's
        /// action) or `floor` (a clean clip of another action), drawn with the generation seed.
        case reference(String)
    }

    var source: Source
    var suite: String
    var perDimension: Int?
    var judgeRun: String?
    var mode: GenerationMode?
    var seed: UInt64
    var eulerSteps: Int?
    var preset: String?
    var locations: ProjectLocations
    var presetsFile: URL = Presets.defaultFile
    var suitesFolder: URL = Presets.defaultFile.deletingLastPathComponent().appendingPathComponent("mbench")

    /// What one evaluation produced.
    struct Outcome {
        var runID: String
        var model: String
        var suite: String
        var result: BenchmarkResult
        var perPromptFile: URL
        var table: URL
        var chart: URL?
        var chartProblem: String?
        var cached: Bool
    }

    func run() throws -> Outcome {
        let tracker = try Tracker(locations: locations)
        let cache = StepCache(locations: locations)
        let presets = try Presets.load(from: presetsFile)
        let judgeEncoder = try TextEncoderKind.miniLMPooled.make(warnings: .ignore)

        var model: TrackedModel?
        if case .run(let id) = source { model = try TrackedModel(id, tracker: tracker, cache: cache) }
        let preset = try presets.preset(named: preset ?? model?.presetName ?? "smoke")
        let chosen = try MBenchSuiteChoice(suite, perDimension: perDimension, presetPerDimension: preset.promptsPerDimension,
                                           suitesFolder: suitesFolder)

        // The judge and the pose bank: a judge run of a recipe, or the preset's benchmark judge.
        let judge: Judge, judgeKey: String, poses: () throws -> PoseQuality, posesKey: String
        if let judgeRun {
            let tracked = try TrackedJudge(judgeRun, tracker: tracker, cache: cache, textEncoder: judgeEncoder)
            (judge, judgeKey, poses, posesKey) = (tracked.judge, tracked.key, tracked.poses, tracked.posesKey)
        } else {
            let step = WorldJudgeStep.benchmark(preset: preset)
            Output.message("benchmark judge: World seed \(step.worldSeed), \(step.takes) takes, \(step.steps) steps (cached after the first run)")
            let made = try step.run(cache: cache, textEncoder: judgeEncoder, reporting: Self.reporting())
            (judge, judgeKey, poses, posesKey) = (made.judge, made.key, { try step.poseQuality() }, step.sampleKey)
        }

        let active = try tracker.startRun(name: "mbench \(chosen.name)", experiment: "mbench",
                                          environment: RunEnvironment.capture(seed: Int(truncatingIfNeeded: seed), recipeSource: nil),
                                          tags: ["step": "mbench", "suite": chosen.name, "preset": preset.name, "judge": judgeKey])
        return try active.finishing { run in
            let label: String, scored: BenchmarkStep.Scored
            switch source {
            case .run:
                let model = model!
                label = model.label
                let frames = try generate(model, prompts: chosen.prompts, preset: preset, cache: cache, judgeEncoder: judgeEncoder, run: run)
                scored = try BenchmarkStep.run(entries: chosen.entries, prompts: chosen.prompts, frames: frames, judge: judge, judgeKey: judgeKey,
                                               poses: try poses(), posesKey: posesKey, cache: cache,
                                               reporting: StepReporting(metrics: nil, runID: run.shortID))
                try run.setTags(["model": label, "model_run": model.run.shortID, "model_key": model.key])
            case .motions, .reference:
                let motions: [BenchmarkMotion]
                switch source {
                case .motions(let folder):
                    label = "files " + folder.lastPathComponent
                    motions = try PromptMotionFiles.motions(for: chosen.entries, in: folder)
                    try run.setTags(["model": label, "motions": folder.path])
                case .reference(let row):
                    label = row
                    motions = row == "oracle" ? try ReferenceMotions.oracle(for: chosen.entries, seed: seed)
                        : try ReferenceMotions.floor(for: chosen.entries, seed: seed)
                    try run.setTags(["model": label, "reference": row])   // not `row`: that tag belongs to the recipes' table rows
                case .run: preconditionFailure("handled above")
                }
                let result = try Benchmark(judge: judge, poseQuality: try poses()).run(prompts: chosen.entries, motions: motions)
                let file = locations.resultsRoot.appendingPathComponent("mbench/\(Self.slug(chosen.name))/\(Self.slug(label))-\(run.shortID).json")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try MBenchJSON.write(try MBenchJSON.encodeResults(result.perPrompt), to: file)
                scored = BenchmarkStep.Scored(result: result, perPromptFile: file, key: "", wasCached: false)
            }
            try run.logParams(["suite_files": chosen.files.map(\.path).joined(separator: ","), "prompts": String(chosen.entries.count),
                               "per_dimension": perDimension.map(String.init) ?? (MBenchSuiteChoice.names.contains(suite) ? String(preset.promptsPerDimension) : "all")])
            try run.logMetrics(scored.result.byOfficialName, step: 0)
            for (dimension, count) in scored.result.notApplicable where count > 0 {
                try run.logMetric("not_applicable.\(dimension.rawValue)", Double(count), step: 0)
            }
            // The per-prompt export: official layout, under the results root, logged as the run's artifact.
            let export = locations.resultsRoot.appendingPathComponent("mbench/\(Self.slug(chosen.name))/\(Self.slug(label))-\(run.shortID).json")
            if export.standardizedFileURL != scored.perPromptFile.standardizedFileURL {
                try FileManager.default.createDirectory(at: export.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: export)
                try FileManager.default.copyItem(at: scored.perPromptFile, to: export)
            }
            _ = try run.logArtifact(export, resultsRoot: locations.resultsRoot)

            // The comparison: every model evaluated on this suite so far, this one included.
            let comparison = try MBenchComparison.load(suite: chosen.name, tracker: tracker, including: (run.uuid, label, scored.result, preset.name,
                                                                                                         chosen.entries.count))
            let table = locations.resultsRoot.appendingPathComponent("mbench/\(Self.slug(chosen.name)).md")
            try comparison.writeTable(to: table)
            let chart = locations.resultsRoot.appendingPathComponent("plots/mbench-\(Self.slug(chosen.name)).png")
            var chartProblem: String?
            do { try comparison.writeRadar(to: chart) } catch { chartProblem = "\(error)" }
            return Outcome(runID: run.shortID, model: label, suite: chosen.name, result: scored.result, perPromptFile: export,
                           table: table, chart: chartProblem == nil ? chart : nil, chartProblem: chartProblem, cached: scored.wasCached)
        }
    }

    /// The model's motions for the prompts through the cached `generate` step, in the model's
    /// natural mode unless `--mode` says otherwise (references from the World's video prior;
    /// adaptive mode's gate is the preset's gate judge, another World seed than the benchmark's).
    func generate(_ model: TrackedModel, prompts: [String], preset: Preset, cache: StepCache, judgeEncoder: any TextEncoder,
                  run: ActiveRun) throws -> [FeatureFrames] {
        let mode = mode ?? (model.kind == .m2m ? .m2m : .t2m)
        if model.kind == .m2m && mode == .t2m { throw RunnerError("run \(model.run.shortID) is an m2m-only model: it cannot generate in t2m mode (use --mode m2m)") }
        if model.kind.branches == .textOnly && (mode == .m2m || mode == .adaptive) {
            throw RunnerError("run \(model.run.shortID) is a \(model.kind.rawValue) (text-only) model: mode \(mode.rawValue) needs the motion branch")
        }
        var prior: VideoPrior?, gate: Judge?, priorKey: String?, gateKey: String?
        if mode != .t2m {
            guard let embedder = MiniLMPhraseEmbedder.installed() else { throw RunnerError("mode \(mode.rawValue) needs MiniLM for the video prior") }
            prior = try VideoPrior(lexicon: .standard, embedder: embedder)
            priorKey = "video-prior-lexicon\(Lexicon.standard.actions.count)"
        }
        if mode == .adaptive {
            let made = try WorldJudgeStep.gate(preset: preset).run(cache: cache, textEncoder: judgeEncoder, reporting: Self.reporting())
            (gate, gateKey) = (made.judge, made.key)
        }
        let steps = eulerSteps ?? preset.eulerSteps
        let step = GenerateStep(prompts: prompts, mode: mode, eulerSteps: steps, seed: seed, priorKey: priorKey, gateKey: gateKey)
        try run.logParams(["mode": mode.rawValue, "euler_steps": String(steps), "generation_seed": String(seed), "checkpoint": model.checkpoint.path])
        let made = try step.run(checkpoint: model.checkpoint, modelKey: model.key, textEncoder: { try model.encoder.make(warnings: .ignore) },
                                cache: cache, prior: prior, gate: gate, reporting: Self.reporting())
        if made.wasCached { Output.message("generated motions: cached (\(prompts.count) prompts)") }
        return made.motions
    }

    /// Progress bars on stderr, no tracker metrics (the steps' own runs belong to recipes).
    static func reporting() -> StepReporting {
        StepReporting(metrics: nil, runID: nil) { label, total, unit in ProgressBar(label, total: total, unit: unit) }
    }

    /// A file-name-safe form of a label.
    static func slug(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let mapped = String(text.map { allowed.contains($0) ? $0 : "-" })
        return mapped.split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
    }
}
