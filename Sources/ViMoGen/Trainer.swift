import Autograd
import Foundation
import Motion
import TextEncoding

/// One finished training step, as observers see it.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var totalSteps: Int
    public var loss: Float
    public var learningRate: Float
    public var gradientNorm: Float
    /// Steps per second, averaged over this run so far (checkpoint writes excluded).
    public var stepsPerSecond: Double
}

/// Receives the trainer's progress (Lab forwards it to the tracker and the progress bar).
public protocol TrainerObserver: AnyObject {
    func trainer(didFinish progress: TrainingProgress)
    func trainer(didWriteCheckpoint url: URL, step: Int)
}

extension TrainerObserver {
    public func trainer(didWriteCheckpoint url: URL, step: Int) {}
}

/// Trains a `ViMoGenModel` by flow matching (ARCHITECTURE §5): AdamW (β 0.9/0.95, decoupled
/// weight decay, none on biases, norms and modulation offsets), linear warm-up then constant
/// learning rate, global-norm clipping, EMA of the weights. All randomness comes from one
/// seeded generator whose state is checkpointed, so a resumed run continues exactly.
public final class Trainer {
    public let model: ViMoGenModel
    public let settings: TrainingSettings
    public let dataset: TrainingDataset
    public let texts: TextFeatureCache
    public let schedule = FlowSchedule()
    public let optimizer: AdamW
    public let ema: EMA
    /// Where checkpoints go (`checkpoint.safetensors`); nil: none are written.
    public let checkpointURL: URL?
    public private(set) var step = 0
    public private(set) var rng: RandomGenerator
    /// The last checkpoint written or resumed from.
    public private(set) var lastCheckpoint: URL?
    private let batches: BatchBuilder
    private let learningRate: WarmupConstant
    /// Whether the next batch is assembled on a background thread while a step computes (as a
    /// data-loader worker would). The batches are the same either way.
    public var prefetchesBatches = true
    private var prefetch: BatchPrefetch?

    public init(model: ViMoGenModel, dataset: TrainingDataset, textEncoder: TextEncoder, settings: TrainingSettings,
                checkpointDirectory: URL? = nil) throws {
        try settings.validate()
        guard dataset.count > 0 else { throw ViMoGenError.emptyDataset }
        self.model = model; self.dataset = dataset; self.settings = settings
        texts = TextFeatureCache(encoder: textEncoder)
        if model.configuration.branches.hasText { texts.prepare(dataset.captions) }
        let parameters = model.namedParameters
        optimizer = AdamW(parameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2,
                          weightDecay: settings.weightDecay,
                          excludeFromDecay: { $0.hasSuffix(".bias") || $0.hasSuffix(".offset") || $0.contains("norm") })
        ema = EMA(parameters, decay: settings.emaDecay)
        rng = RandomGenerator(seed: settings.seed)
        checkpointURL = checkpointDirectory?.appendingPathComponent("checkpoint.safetensors")
        batches = BatchBuilder(dataset: dataset, settings: settings, configuration: model.configuration,
                               schedule: schedule, texts: texts)
        learningRate = WarmupConstant(peak: settings.learningRate, warmupSteps: settings.warmupSteps)
    }

    /// Restores weights, EMA, optimiser moments, step and RNG state from `url`.
    public func resume(from url: URL) throws {
        guard try ViMoGenCheckpoint.header(of: url).configuration == model.configuration else {
            throw ViMoGenError.checkpoint(file: url.lastPathComponent, field: "__metadata__.user.\(ViMoGenCheckpoint.configurationKey)",
                                          reason: "does not match this model's configuration")
        }
        let restored = try Checkpoint.load(from: url, into: model, optimizer: optimizer, ema: ema)
        guard let saved = restored.rng else {
            throw ViMoGenError.checkpoint(file: url.lastPathComponent, field: "__metadata__.rng.state", reason: "missing (not a training checkpoint)")
        }
        step = restored.step
        rng = saved
        lastCheckpoint = url
    }

    /// Trains until `settings.steps`, writing checkpoints at the interval and at the end.
    /// A non-finite loss stops before the update, leaving the last good checkpoint in place.
    public func run(observer: TrainerObserver? = nil) throws {
        let firstStep = step
        var busy = 0.0
        while step < settings.steps {
            let stepStart = Date()
            let (loss, norm, rate) = try trainStep()
            busy += Date().timeIntervalSince(stepStart)
            observer?.trainer(didFinish: TrainingProgress(step: step, totalSteps: settings.steps, loss: loss, learningRate: rate,
                                                          gradientNorm: norm, stepsPerSecond: Double(step - firstStep) / max(busy, 1e-9)))
            let atInterval = settings.checkpointInterval > 0 && step % settings.checkpointInterval == 0
            if let checkpointURL, atInterval || step == settings.steps {
                try writeCheckpoint(to: checkpointURL)
                lastCheckpoint = checkpointURL
                observer?.trainer(didWriteCheckpoint: checkpointURL, step: step)
            }
        }
    }

    /// One optimisation step; returns the loss, the gradient norm before clipping and the rate used.
    @discardableResult
    public func trainStep() throws -> (loss: Float, gradientNorm: Float, learningRate: Float) {
        let batch = try takeBatch()
        startPrefetch()
        let prediction = model(batch.noisy, sigma: batch.sigmas, conditioning: batch.conditioning, frameMask: batch.frameMask)
        let loss = ((prediction - batch.target).square() * batch.lossWeights).sum()
        let value = loss.item
        guard value.isFinite else {
            throw ViMoGenError.nonFinite(step: step + 1, quantity: "loss", value: value, lastCheckpoint: lastCheckpoint?.path)
        }
        optimizer.zeroGrad()
        loss.backward()
        let (norm, scale) = gradientNorm(model.parameters, maxNorm: settings.gradientClip)
        guard norm.isFinite else {
            throw ViMoGenError.nonFinite(step: step + 1, quantity: "gradient norm", value: norm, lastCheckpoint: lastCheckpoint?.path)
        }
        let rate = learningRate.rate(at: step)
        optimizer.learningRate = rate
        optimizer.step(gradientScale: scale)
        step += 1
        EMAWarmup.update(ema, parameters: model.parameters, step: step, warmup: settings.emaWarmup)
        return (value, norm, rate)
    }

    /// The batch for this step: the prefetched one when it was drawn from the generator's
    /// current state (a resume changes it), else assembled now. Either way `rng` ends in the
    /// state after this batch's draws.
    private func takeBatch() throws -> TrainingBatch {
        if let pending = prefetch {
            prefetch = nil
            pending.done.wait()
            if pending.startState == rng.state, let result = pending.result {
                let (batch, advanced) = try result.get()
                rng = advanced
                return batch
            }
        }
        return try batches.next(&rng)
    }

    /// Starts assembling the following step's batch from a copy of the generator.
    private func startPrefetch() {
        guard prefetchesBatches, step + 1 < settings.steps else { return }
        let job = BatchPrefetch(builder: batches, rng: rng)
        prefetch = job
        DispatchQueue.global(qos: .userInitiated).async { job.run() }
    }

    /// Writes the full training state now (weights, EMA, AdamW, step, RNG, configuration, statistics).
    public func writeCheckpoint(to url: URL) throws {
        try ViMoGenCheckpoint.write(to: url, model: model, optimizer: optimizer, ema: ema, step: step, rng: rng,
                                    statistics: dataset.statistics)
    }

    /// A copy of the model carrying the EMA weights (what generation uses).
    public func emaModel() throws -> ViMoGenModel {
        var seed = RandomGenerator(seed: 0)
        let copy = try ViMoGenModel(model.configuration, rng: &seed)
        try ema.copy(into: copy)
        return copy
    }
}

/// One batch being assembled on a background thread from a copy of the trainer's generator.
/// The trainer reads `result` only after `done` is signalled.
private final class BatchPrefetch: @unchecked Sendable {
    let builder: BatchBuilder
    private let start: RandomGenerator
    private(set) var result: Result<(TrainingBatch, RandomGenerator), Error>?
    let done = DispatchSemaphore(value: 0)

    init(builder: BatchBuilder, rng: RandomGenerator) {
        self.builder = builder
        start = rng
    }

    /// The generator state the batch is drawn from.
    var startState: [UInt64] { start.state }

    func run() {
        // Inline: the pool's threads belong to the step being computed meanwhile.
        result = ComputeThreads.inline {
            Result {
                var rng = start
                let batch = try builder.next(&rng)
                return (batch, rng)
            }
        }
        done.signal()
    }
}
