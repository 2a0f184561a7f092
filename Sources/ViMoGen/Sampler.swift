import Autograd
import Foundation
import Motion
import TextEncoding

/// How to integrate the flow ODE at generation time (ARCHITECTURE §5).
public struct SamplerSettings: Codable, Sendable, Equatable {
    /// Euler steps from σ = 1 to 0 (50 by default; evaluation presets use fewer).
    public var steps: Int = 50
    /// Classifier-free guidance scale on the text condition (1: none). M2M samples use none.
    public var guidance: Float = 5
    /// Apply the 5-tap Gaussian (σ = 1 frame) temporal smoothing to the normalised output.
    public var smoothing: Bool = true
    /// Make the denormalised output's position and velocity channels agree (`ChannelFusion`),
    /// before the foot cleanup; nil: leave them as predicted.
    public var channelFusion: ChannelFusion? = ChannelFusion()
    /// Lock planted feet on the denormalised output (`FootContactCleanup`); nil: leave them.
    public var footContact: FootContactCleanup? = FootContactCleanup()

    public init(steps: Int = 50, guidance: Float = 5, smoothing: Bool = true, channelFusion: ChannelFusion? = ChannelFusion(),
                footContact: FootContactCleanup? = FootContactCleanup()) {
        self.steps = steps; self.guidance = guidance; self.smoothing = smoothing; self.channelFusion = channelFusion
        self.footContact = footContact
    }
}

/// The Euler ODE sampler with CFG on text. A batch holds T2M samples (one encoded prompt each)
/// followed by M2M samples (one reference each); every sample starts from its own noise.
public struct Sampler {
    public let model: ViMoGenModel
    public let settings: SamplerSettings
    public let schedule: FlowSchedule

    public init(model: ViMoGenModel, settings: SamplerSettings = SamplerSettings(), schedule: FlowSchedule = FlowSchedule()) {
        self.model = model; self.settings = settings; self.schedule = schedule
    }

    /// Normalised motions `[nT + nM, frames, 276]`: T2M samples for `prompts` (guided against
    /// `null`, the empty string's encoding), then M2M samples refining `references`.
    public func sample(prompts: [EncodedText], null: EncodedText, references: [ReferenceMotion], frames: Int,
                       rng: inout RandomGenerator) -> Tensor {
        let width = ViMoGenConfiguration.frameWidth
        return sample(prompts: prompts, null: null, references: references, frames: frames,
                      initialNoise: rng.normal([prompts.count + references.count, frames, width]))
    }

    /// The same from given starting noise `[nT + nM, frames, 276]`.
    public func sample(prompts: [EncodedText], null: EncodedText, references: [ReferenceMotion], frames: Int,
                       initialNoise: Tensor) -> Tensor {
        let textCount = prompts.count, batch = textCount + references.count
        precondition(batch > 0, "Sampler: nothing to sample")
        let width = ViMoGenConfiguration.frameWidth
        let guided = textCount > 0 && settings.guidance != 1
        // The conditional rows, then (with guidance) the same prompts with the null context.
        let text: TextContext? = textCount == 0 ? nil
            : TextContext(guided ? prompts + prompts : prompts, nullText: null,
                          dropped: Array(repeating: false, count: textCount) + Array(repeating: true, count: guided ? textCount : 0))
        let conditioning = Conditioning(text: text, references: references, frames: frames)
        precondition(initialNoise.shape == [batch, frames, width], "Sampler: noise shape \(initialNoise.shape) is not [\(batch), \(frames), \(width)]")
        var x = initialNoise
        let sigmas = schedule.samplingSigmas(count: settings.steps)
        withNoGrad {
            for i in 0..<settings.steps {
                let sigma = sigmas[i], next = sigmas[i + 1]
                let input = guided ? concat([x.slice(axis: 0, 0..<textCount), x], axis: 0) : x
                var prediction = model(input, sigma: Array(repeating: sigma, count: input.shape[0]), conditioning: conditioning)
                if guided {
                    let conditional = prediction.slice(axis: 0, 0..<textCount)
                    let unconditional = prediction.slice(axis: 0, textCount..<(2 * textCount))
                    var parts = [unconditional + settings.guidance * (conditional - unconditional)]
                    if textCount < batch { parts.append(prediction.slice(axis: 0, (2 * textCount)..<input.shape[0])) }
                    prediction = parts.count == 1 ? parts[0] : concat(parts, axis: 0)
                }
                let velocity = model.configuration.parameterisation == .x0 ? (x - prediction) / sigma : prediction
                x = x + (next - sigma) * velocity
            }
        }
        return settings.smoothing ? TemporalSmoothing.gaussian(x) : x
    }
}

/// The 5-tap Gaussian (σ = 1 frame) temporal filter applied to sampled, still normalised
/// motion; at the clip ends the taps that fall outside are dropped and the rest renormalised.
public enum TemporalSmoothing {
    public static let taps: [Float] = {
        let raw = (-2...2).map { Float(Foundation.exp(-Double($0 * $0) / 2)) }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }()

    /// `x` `[B, T, D]` filtered along T.
    public static func gaussian(_ x: Tensor) -> Tensor {
        let (batch, frames, width) = (x.shape[0], x.shape[1], x.shape[2])
        let input = x.scalars
        var out = [Float](repeating: 0, count: input.count)
        for b in 0..<batch {
            for t in 0..<frames {
                var weight: Float = 0
                let row = (b * frames + t) * width
                for k in -2...2 where t + k >= 0 && t + k < frames {
                    let w = taps[k + 2], source = (b * frames + t + k) * width
                    weight += w
                    for d in 0..<width { out[row + d] += w * input[source + d] }
                }
                for d in 0..<width { out[row + d] /= weight }
            }
        }
        return Tensor(out, shape: x.shape)
    }
}
