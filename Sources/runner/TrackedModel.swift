import Foundation
import Lab
import MBench
import TextEncoding
import ViMoGen

/// A trained model found through the tracker: a `train` or `distill` step run (recipes tag it
/// `step` and `cache_key`) whose checkpoint lives in the step cache.
struct TrackedModel {
    let run: RunRecord
    let details: RunDetails
    /// `cache/<train|distill>/<cache_key>/checkpoint.safetensors`.
    let checkpoint: URL
    /// The checkpoint's cache key (what the generate step keys on).
    let key: String
    let kind: TrainStep.ModelKind
    let encoder: TextEncoderKind
    /// The preset it was trained with (the `preset` tag), for Euler steps and suite sizes.
    let presetName: String

    static let modelSteps = [TrainStep.kind, DistillStep.kind]

    init(_ query: String, tracker: Tracker, cache: StepCache) throws {
        let run = try tracker.run(query), details = try tracker.details(of: run)
        self.run = run; self.details = details
        let step = details.tags["step"] ?? "none"
        guard Self.modelSteps.contains(step) else {
            throw RunnerError("run \(run.shortID) (\(run.name)) is a \(step) step, not a trained model: pass the id of a "
                + "`train` or `distill` step run" + (try Self.modelRunsHint(in: tracker)))
        }
        let hash = try Self.cacheKey(of: run, details: details)
        let folder = cache.root.appendingPathComponent(step).appendingPathComponent(hash)
        checkpoint = folder.appendingPathComponent(TrainStep.checkpointName)
        guard FileManager.default.fileExists(atPath: checkpoint.path) else {
            throw RunnerError("run \(run.shortID): its checkpoint \(checkpoint.path) is not in the cache (removed by `runner cache gc`?); "
                + "run the recipe again to retrain it")
        }
        key = hash
        let modelName = details.params["model"] ?? TrainStep.ModelKind.light.rawValue
        guard let kind = TrainStep.ModelKind(rawValue: modelName) else {
            throw RunnerError("run \(run.shortID): param model = \(modelName) is not one of \(TrainStep.ModelKind.allCases.map(\.rawValue))")
        }
        self.kind = kind
        encoder = try TextEncoderKind(name: details.params["encoder"] ?? TextEncoderKind.miniLMTokens.rawValue)
        presetName = details.tags["preset"] ?? "smoke"
    }

    /// A step run's cache entry key (its `cache_key` tag).
    static func cacheKey(of run: RunRecord, details: RunDetails) throws -> String {
        guard let hash = details.tags["cache_key"], !hash.isEmpty else {
            throw RunnerError("run \(run.shortID): no cache_key tag, so its result cannot be found in the step cache")
        }
        return hash
    }

    /// " (model runs: …)" with the newest few train/distill runs, for errors.
    static func modelRunsHint(in tracker: Tracker) throws -> String {
        let models = try tracker.runs().filter { modelSteps.contains($0.name) }.prefix(5)
        guard !models.isEmpty else { return " (this tracker has none yet)" }
        return " (model runs: " + models.map { "\($0.shortID) \($0.name)" }.joined(separator: ", ") + ")"
    }

    /// How the table names it: `<model> <run short id>` plus the recipe's arm when it has one.
    var label: String {
        let arm = details.tags["arm"].map { " [\($0)]" } ?? ""
        return "\(details.params["model"] ?? kind.rawValue) \(run.shortID)\(arm)"
    }
}

/// A judge found through the tracker (`runner mbench --judge RUN`, `runner generate --gate RUN`):
/// a `judge` step run, with the pose bank drawn from its dataset as the recipes' `mbench` step does.
struct TrackedJudge {
    let judge: Judge
    let key: String
    let poses: () throws -> PoseQuality
    let posesKey: String

    /// The judge file of a tracked `judge` run, and the run's details.
    static func file(_ query: String, tracker: Tracker, cache: StepCache) throws -> (file: URL, run: RunRecord, details: RunDetails) {
        let run = try tracker.run(query)
        let details = try tracker.details(of: run)
        guard details.tags["step"] == JudgeStep.kind else {
            throw RunnerError("run \(run.shortID) (\(run.name)) is not a judge step run (tag step = \(details.tags["step"] ?? "none")); "
                + "pass the id of a recipe's `judge` child run")
        }
        let hash = try TrackedModel.cacheKey(of: run, details: details)
        let file = cache.root.appendingPathComponent(JudgeStep.kind).appendingPathComponent(hash).appendingPathComponent(JudgeStep.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw RunnerError("run \(run.shortID): its judge \(file.path) is not in the cache any more; run its recipe again")
        }
        return (file, run, details)
    }

    init(_ query: String, tracker: Tracker, cache: StepCache, textEncoder: any TextEncoder) throws {
        let (file, run, details) = try Self.file(query, tracker: tracker, cache: cache)
        judge = try Judge.load(from: file, textEncoder: textEncoder)
        key = try TrackedModel.cacheKey(of: run, details: details)
        let seed = UInt64(details.tags["seed"] ?? details.params["seed"] ?? "0") ?? 0
        guard let dataset = details.params["dataset"] else {
            throw RunnerError("judge run \(run.shortID) records no dataset param, so its pose bank cannot be rebuilt")
        }
        let folder = cache.root.appendingPathComponent(CurateStep.kind).appendingPathComponent(dataset)
        let curated = try CuratedDataset(folder: folder, key: dataset)
        poses = { try BenchmarkStep.poseQuality(from: curated, seed: seed) }
        posesKey = BenchmarkStep.posesKey(dataset: curated, seed: seed)
    }
}
