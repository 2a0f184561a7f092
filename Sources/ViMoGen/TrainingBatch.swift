import Autograd
import Motion

/// One assembled training batch: the noisy input, its noise levels, the conditioning (T2M
/// samples first), the regression target and the per-element loss weights.
struct TrainingBatch {
    var noisy: Tensor            // [B, T, 276]
    var sigmas: [Float]
    var conditioning: Conditioning
    var frameMask: Tensor        // [B, T]
    var target: Tensor           // [B, T, 276]: x0, or ε − x0
    /// [B, T, 276]: w(σ) × dimension weight × supervision mask, normalised so that the loss
    /// is the batch mean of each sample's weighted mean squared error.
    var lossWeights: Tensor
}

/// Draws training batches (ARCHITECTURE §5): clips weighted by source (synthetic ×2), a branch
/// per sample by source (T2M 0.8 for core MoCap, 0.4 otherwise, or fixed for single-branch
/// models), σ and its loss weight from the shifted grid, caption dropout for CFG, and for M2M
/// samples the clip's own reference dims corrupted by the noise simulation.
struct BatchBuilder {
    let dataset: TrainingDataset
    let settings: TrainingSettings
    let configuration: ViMoGenConfiguration
    let schedule: FlowSchedule
    let texts: TextFeatureCache
    let referenceNoise = ReferenceNoise()
    private let cumulativeWeights: [Double]

    init(dataset: TrainingDataset, settings: TrainingSettings, configuration: ViMoGenConfiguration,
         schedule: FlowSchedule, texts: TextFeatureCache) {
        self.dataset = dataset; self.settings = settings; self.configuration = configuration
        self.schedule = schedule; self.texts = texts
        var total = 0.0
        cumulativeWeights = (0..<dataset.count).map { i in
            total += dataset.source(at: i) == .syntheticVideo ? Double(settings.syntheticWeight) : 1
            return total
        }
    }

    /// An index drawn with probability proportional to its clip's source weight.
    private func drawIndex(_ rng: inout RandomGenerator) -> Int {
        let u = rng.uniformDouble() * cumulativeWeights.last!
        var low = 0, high = cumulativeWeights.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulativeWeights[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }

    private func takesTextBranch(_ clip: TrainingClip, _ rng: inout RandomGenerator) -> Bool {
        switch configuration.branches {
        case .textOnly: return true
        case .motionOnly: return false
        case .both:
            let p = clip.isCoreMocap ? settings.textProbabilityCore : settings.textProbabilityOther
            return rng.uniform() < p
        }
    }

    func next(_ rng: inout RandomGenerator) throws -> TrainingBatch {
        let width = ViMoGenConfiguration.frameWidth
        var textClips: [TrainingClip] = [], motionClips: [TrainingClip] = []
        for _ in 0..<settings.batchSize {
            let index = drawIndex(&rng)
            let clip = try dataset.clip(at: index)
            guard clip.frames.frameCount >= 2, clip.frames.frameCount <= configuration.maxFrames,
                  clip.frames.values.count == clip.frames.frameCount * width else {
                throw ViMoGenError.clipShape(index: index, reason: "\(clip.frames.values.count) values do not make 2…\(configuration.maxFrames) frames of \(width)")
            }
            if takesTextBranch(clip, &rng) { textClips.append(clip) } else { motionClips.append(clip) }
        }
        let clips = textClips + motionClips
        let batch = clips.count, frames = clips.map(\.frames.frameCount).max()!

        var clean = [Float](repeating: 0, count: batch * frames * width)
        var frameMask = [Float](repeating: 0, count: batch * frames)
        var sigmas: [Float] = [], weights = [Float](repeating: 0, count: batch * frames * width)
        for (b, clip) in clips.enumerated() {
            let n = clip.frames.frameCount
            for k in 0..<(n * width) { clean[b * frames * width + k] = clip.frames.values[k] }
            for t in 0..<n { frameMask[b * frames + t] = 1 }
            let gridIndex = rng.integer(below: schedule.steps)
            sigmas.append(schedule.sigmas[gridIndex])
            let poseOnly = b < textClips.count && clip.source.isVideoDerived
            let dims = LossWeighting.dimensionWeights(poseOnly: poseOnly)
            let supervised = Float(n * (poseOnly ? LossWeighting.localPose.count : width))
            let scale = schedule.weights[gridIndex] / supervised / Float(batch)
            for t in 0..<n { for d in 0..<width { weights[(b * frames + t) * width + d] = dims[d] * scale } }
        }
        let noise = rng.normal([batch, frames, width])
        let x0 = Tensor(clean, shape: [batch, frames, width])
        let sigmaColumn = Tensor(sigmas, shape: [batch, 1, 1])
        let noisy = (1 - sigmaColumn) * x0 + sigmaColumn * noise

        var text: TextContext?
        if !textClips.isEmpty {
            let dropped = textClips.map { _ in rng.uniform() < settings.textDropout }
            text = TextContext(texts(textClips.map(\.caption)), nullText: texts.null, dropped: dropped)
        }
        var references: [ReferenceMotion] = []
        if !motionClips.isEmpty {
            let draw = referenceNoise.draw(using: &rng)
            references = motionClips.map { referenceNoise.corrupt($0.frames, with: draw, using: &rng) }
        }
        let target = configuration.parameterisation == .x0 ? x0 : noise - x0
        return TrainingBatch(noisy: noisy, sigmas: sigmas,
                             conditioning: Conditioning(text: text, references: references, frames: frames),
                             frameMask: Tensor(frameMask, shape: [batch, frames]), target: target,
                             lossWeights: Tensor(weights, shape: [batch, frames, width]))
    }
}
