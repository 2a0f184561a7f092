import Autograd
import Motion
import MotionWorld

/// The World's `VideoPrior` as the generator's reference provider: the prior's motion for the
/// prompt (30 fps SMPL, already degraded like visual MoCap of a generated video), resampled to
/// 20 fps, cut to the first 101 poses, put in the canonical frame, encoded to 276-dim frames and
/// normalised with the model's statistics. Its match confidence feeds `PriorConfidenceCheck`.
public struct VideoPriorReferences: ReferenceProvider {
    public let prior: VideoPrior
    public let statistics: FeatureStatistics
    /// Feature frames per reference (poses − 1).
    public var frames: Int
    /// Passes of the 5-tap Gaussian (σ = 1 frame) over the recovered motion's frames before
    /// anything looks at it: the visual-MoCap post-processing the paper applies to motion read
    /// from video (its §D: "temporal Gaussian smoothing"). 0 leaves the prior's raw motion.
    public var smoothingPasses: Int

    public init(prior: VideoPrior, statistics: FeatureStatistics, frames: Int = 100, smoothingPasses: Int = 1) {
        self.prior = prior; self.statistics = statistics; self.frames = frames; self.smoothingPasses = smoothingPasses
    }

    public func reference(for prompt: String, seed: UInt64) throws -> ReferenceCandidate {
        let output = try prior.generate(prompt, seed: seed)
        var motion = Resampling.resample(output.motion, to: 20)
        let poses = min(motion.frameCount, frames + 1)
        motion = SMPLMotion(fps: motion.fps, rootTranslation: Array(motion.rootTranslation.prefix(poses)),
                            rotations: Array(motion.rotations.prefix(poses * SMPLJoint.count)), skeleton: motion.skeleton)
        var features = try FrameEncoding.encode(Canonicalization.canonicalize(motion).motion)
        if smoothingPasses > 0 {
            var values = features.values
            for _ in 0..<smoothingPasses {
                values = TemporalSmoothing.gaussian(Tensor(values, shape: [1, features.frameCount, FrameLayout.dimension])).scalars
            }
            // Frame 0 keeps its canonical placement (pelvis at x = y = 0); later frames follow
            // the smoothed velocities when integrated.
            for d in Array(FrameLayout.jointPositions) + Array(FrameLayout.rootTranslation) { values[d] = features.values[d] }
            features = FeatureFrames(fps: features.fps, values: values)
        }
        return ReferenceCandidate(frames: statistics.normalize(features), joints: try FrameEncoding.decode(features).joints,
                                  matchConfidence: output.match.confidence)
    }
}
