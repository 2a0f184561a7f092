import Foundation
import Lab
import MBench
import TextEncoding
import ViMoGen

/// A trained model found through the tracker: a `train` or `distill` step run (recipes tag it
/// `step` and `cache_key`) whose checkpoint lives in the step cache.
struct MBenchTrackedModel {
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
                + "`train` or `distill` step run (runner runs list shows them; the recipe's child runs named train/distill)")
        }
        guard let hash = details.tags["cache_key"] else {
            throw RunnerError("run \(run.shortID): no cache_key tag, so its checkpoint cannot be found in the step cache")
        }
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

    /// How the table names it: `<model> <run short id>` plus the recipe's arm when it has one.
    var label: String {
        let arm = details.tags["arm"].map { " [\($0)]" } ?? ""
        return "\(details.params["model"] ?? kind.rawValue) \(run.shortID)\(arm)"
    }
}

/// A judge found through the tracker (`--judge RUN`): a `judge` step run, with the pose bank
/// drawn from its dataset as the recipes' `mbench` step does.
struct MBenchTrackedJudge {
    let judge: Judge
    let key: String
    let poses: () throws -> PoseQuality
    let posesKey: String

    init(_ query: String, tracker: Tracker, cache: StepCache, textEncoder: any TextEncoder) throws {
        let run = try tracker.run(query)
        let details = try tracker.details(of: run)
        guard details.tags["step"] == JudgeStep.kind, let hash = details.tags["cache_key"] else {
            throw RunnerError("run \(run.shortID) (\(run.name)) is not a judge step run (tag step = \(details.tags["step"] ?? "none")); "
                + "pass the id of a recipe's `judge` child run, or leave --judge out for the benchmark judge")
        }
        let file = cache.root.appendingPathComponent(JudgeStep.kind).appendingPathComponent(hash).appendingPathComponent(JudgeStep.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw RunnerError("run \(run.shortID): its judge \(file.path) is not in the cache any more; run its recipe again")
        }
        judge = try Judge.load(from: file, textEncoder: textEncoder)
        key = hash
        let seed = UInt64(details.tags["seed"] ?? details.params["seed"] ?? "0") ?? 0
        if let dataset = details.params["dataset"] {
            let folder = cache.root.appendingPathComponent(CurateStep.kind).appendingPathComponent(dataset)
            let curated = try CuratedDataset(folder: folder, key: dataset)
            poses = { try BenchmarkStep.poseQuality(from: curated, seed: seed) }
            posesKey = BenchmarkStep.posesKey(dataset: curated, seed: seed)
        } else {
            throw RunnerError("judge run \(run.shortID) records no dataset param, so its pose bank cannot be rebuilt")
        }
    }
}
