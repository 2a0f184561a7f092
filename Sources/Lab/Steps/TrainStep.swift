import Autograd
import Foundation
import Motion
import TextEncoding
import ViMoGen

/// The `train` step: ViMoGen's `Trainer` on a curated dataset, its progress forwarded to the
/// tracker and a progress bar, the EMA checkpoint published as `cache/train/<hash>/checkpoint.safetensors`.
public struct TrainStep: Sendable {
    public static let kind = "train"
    // 2: checkpoint keys follow Autograd's shared TransformerBlock (reference encoder `mlp.*`).
    // 3: the EMA decay ramps up (`EMAWarmup`); before, a short run's EMA kept the initialisation.
    public static let version = "3"

    /// The model kinds of ARCHITECTURE §9: the dual-branch ViMoGen, ViMoGen-light (T2M only),
    /// and Table 7's separately trained single-branch models.
    public enum ModelKind: String, CaseIterable, Sendable {
        case vimogen, light, t2m, m2m
        public var branches: BranchSet {
            switch self {
            case .vimogen: return .both
            case .light, .t2m: return .textOnly
            case .m2m: return .motionOnly
            }
        }
    }

    public var model: ModelKind
    public var encoder: TextEncoderKind
    public var style: CaptionStyle
    public var preset: Preset
    public var seed: UInt64

    public init(model: ModelKind, encoder: TextEncoderKind, style: CaptionStyle, preset: Preset, seed: UInt64) {
        self.model = model; self.encoder = encoder; self.style = style; self.preset = preset; self.seed = seed
    }

    /// The training settings the preset gives.
    public var settings: TrainingSettings {
        var s = TrainingSettings(steps: preset.trainingSteps, batchSize: preset.batchSize, learningRate: Float(preset.learningRate))
        s.warmupSteps = min(preset.warmupSteps, max(0, preset.trainingSteps / 10))
        s.emaDecay = Float(preset.emaDecay)
        s.textDropout = Float(preset.textDropout)
        s.seed = seed
        s.checkpointInterval = TrainingResume.interval(steps: preset.trainingSteps)   // so an interrupted run resumes
        return s
    }

    /// Every value that changes the trained weights.
    /// The later training keys (EMA decay, warm-up, text dropout) appear only when they differ
    /// from §5's defaults, so entries trained before the keys existed keep their cache keys.
    public var params: [String: String] {
        var params = ["model": model.rawValue, "encoder": encoder.rawValue, "captions": style.rawValue, "seed": String(seed),
                      "width": String(preset.modelWidth), "depth": String(preset.modelDepth), "heads": String(preset.modelHeads),
                      "reference_depth": String(preset.referenceEncoderDepth), "steps": String(preset.trainingSteps),
                      "batch": String(preset.batchSize), "lr": String(preset.learningRate)]
        let defaults = TrainingSettings(steps: 0, batchSize: 1, learningRate: 1)
        let used = settings
        if used.emaDecay != defaults.emaDecay { params["ema_decay"] = String(preset.emaDecay) }
        if used.warmupSteps != min(defaults.warmupSteps, max(0, preset.trainingSteps / 10)) { params["warmup"] = String(used.warmupSteps) }
        if used.textDropout != defaults.textDropout { params["text_dropout"] = String(preset.textDropout) }
        return params
    }

    public func key(dataset: String) -> CacheKey {
        CacheKey(kind: Self.kind, version: Self.version, params: params, inputs: [dataset])
    }

    /// The network's configuration for a text encoder of `featureWidth` (0 for `bow`).
    func configuration(textEncoder: any TextEncoder) -> ViMoGenConfiguration {
        let text: TextInputKind = encoder == .bagOfWords
            ? .tokenIDs(vocabularySize: textEncoder.vocabularySize, embeddingWidth: preset.modelWidth)
            : .features(width: textEncoder.featureSize)
        return ViMoGenConfiguration(width: preset.modelWidth, depth: preset.modelDepth, heads: preset.modelHeads,
                                    referenceEncoderDepth: preset.referenceEncoderDepth, text: text, branches: model.branches)
    }

    /// The trained model's entry, from the cache or trained now. `textEncoder` builds the
    /// encoder (the `encode` step's cached features in front of MiniLM, or bag-of-words).
    public func run(_ dataset: CuratedDataset, cache: StepCache, textEncoder: () throws -> any TextEncoder,
                    reporting: StepReporting = .silent) throws -> (checkpoint: URL, wasCached: Bool) {
        let entry = try cache.entry(for: key(dataset: dataset.key))
        let (folder, wasCached) = try entry.resolve { folder in
            let resume = TrainingResume.adopt(for: entry, cache: cache, into: folder, name: Self.checkpointName)
            try train(on: try ShardedTrainingData(dataset, style: style), textEncoder: try textEncoder(), into: folder, resumingFrom: resume,
                      reporting: reporting)
        }
        return (folder.appendingPathComponent(Self.checkpointName), wasCached)
    }

    /// Trains a fresh network on `data` and writes its checkpoint (and producer) into `folder`.
    /// With `resumingFrom`, continues that checkpoint (an interrupted run of this entry); one
    /// that cannot be read is dropped and training starts afresh.
    func train(on data: TrainingDataset, textEncoder encoder: any TextEncoder, into folder: URL, resumingFrom checkpoint: URL? = nil,
               reporting: StepReporting) throws {
        let started = Date()
        var rng = RandomGenerator(seed: seed)
        var network = try ViMoGenModel(configuration(textEncoder: encoder), rng: &rng)
        var trainer = try Trainer(model: network, dataset: data, textEncoder: encoder, settings: settings, checkpointDirectory: folder)
        if let checkpoint {
            do {
                try trainer.resume(from: checkpoint)
                try reporting.metrics?.record("resumed_from_step", Double(trainer.step), step: trainer.step)
            } catch {
                try? FileManager.default.removeItem(at: checkpoint)
                var fresh = RandomGenerator(seed: seed)
                network = try ViMoGenModel(configuration(textEncoder: encoder), rng: &fresh)
                trainer = try Trainer(model: network, dataset: data, textEncoder: encoder, settings: settings, checkpointDirectory: folder)
            }
        }
        let observer = TrainingReporter(reporting: reporting, total: settings.steps)
        try trainer.run(observer: observer)
        observer.bar?.finish()
        if trainer.lastCheckpoint == nil { try trainer.writeCheckpoint(to: folder.appendingPathComponent(Self.checkpointName)) }
        let seconds = Date().timeIntervalSince(started)
        try StepProducer(run: reporting.runID, seconds: seconds).write(to: folder)
        try reporting.metrics?.record(["seconds": seconds, "parameters": Double(network.parameterCount), "clips": Double(data.count)],
                                      step: settings.steps)
    }

    public static let checkpointName = "checkpoint.safetensors"
}

/// Forwards the trainer's progress to the tracker (loss, learning rate, gradient norm, speed;
/// every step for short runs, every 10th otherwise) and to a progress bar.
final class TrainingReporter: TrainerObserver {
    let metrics: MetricSink?
    let bar: ProgressBar?
    let every: Int

    init(reporting: StepReporting, total: Int) {
        metrics = reporting.metrics
        bar = reporting.bar("train", total: total, unit: "steps")
        every = total <= 100 ? 1 : 10
    }

    func trainer(didFinish p: TrainingProgress) {
        bar?.progress(completed: p.step, total: p.totalSteps)
        guard p.step % every == 0 || p.step == p.totalSteps else { return }
        // A tracker hiccup must not lose a training run; the next point is logged again.
        try? metrics?.record(["loss": Double(p.loss), "learning_rate": Double(p.learningRate),
                              "gradient_norm": Double(p.gradientNorm), "steps_per_second": p.stepsPerSecond], step: p.step)
    }
}
