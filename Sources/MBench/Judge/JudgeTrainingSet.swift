import Autograd
import Foundation
import Motion
import MotionWorld

/// The judge's training data (ARCHITECTURE §3, §9): a broad sample of a World drawn with the
/// judge's own seed — never a generator's training data — clean, plus a degraded copy of each
/// performance.
///
/// Broad: the takes are planned evenly over the four sources, so every tier of the lexicon
/// appears (core, extended, long-tail, held-out). Clean: every planned take is synthesised
/// without the video degradation that its source would add (so curation's quality filters are
/// off, and takes shorter than a clip end in a held pose). Only single-action takes are
/// used, so each clip has one action label; every lexicon action with fewer than
/// `minimumClipsPerAction` clips after that gets extra takes of its own (nominal performance,
/// tempo and amplitude varied), so the judge knows the whole lexicon. Every performance also
/// comes once more degraded by capture artifacts (`augmentation`), under the same captions. Each clip carries `captionDraws` independent
/// caption draws in both styles (the caption writer picks synonyms, subjects, scenes and
/// cameras afresh each time) plus the annotator's label caption and the action's rare
/// paraphrases (`rareParaphrases(of:)`).
public enum JudgeTrainingSet {
    /// The artifacts of the degraded copies: strengths drawn uniformly from none up to those of
    /// motion recovered from generated video (`VideoDegradation.generatedVideo`), never the
    /// distortion. Why: the judge stands in for a VLM, which recognises an action through
    /// capture noise; a judge trained on clean clips only gave the video prior's motion (and every
    /// generated motion) Motion_Generalizability 0 on the small preset while clean clips scored
    /// 0.92, and its gate let 1 reference in 99 through. Quality has its own dimensions.
    public static let augmentation = VideoDegradation(amplitudeDamping: 0...0.25, jitter: 0...0.02, footSliding: 0...0.05,
                                                      trajectoryDrift: 0...0.15, distortionRate: 0)

    /// Examples from `takes` planned takes of `World(seed: worldSeed)`, curated into
    /// 100-frame clips (`CurationSettings` defaults).
    public static func examples(worldSeed: UInt64, takes: Int, captionDraws: Int = 3, minimumClipsPerAction: Int = 2,
                                augmentation: VideoDegradation? = Self.augmentation,
                                lexicon: Lexicon = .standard, threads: Int = 2) throws -> [JudgeExample] {
        let quarter = max(1, takes / 4)
        let world = World(seed: worldSeed, size: WorldSize(core: quarter, extended: quarter, wild: quarter, synthetic: quarter),
                          lexicon: lexicon)
        let synthesizer = MotionSynthesizer(lexicon: lexicon)
        let writer = CaptionWriter(lexicon: lexicon)
        // Synthesis is clean, so the jitter/dynamics filters (which would drop flips and
        // sprints) are not needed; the judge must know highly dynamic actions too.
        var settings = CurationSettings()
        settings.filters = []
        let curator = Curator(settings)
        var perTake = [Result<[JudgeExample], Error>](repeating: .success([]), count: world.takeCount)
        perTake.withUnsafeMutableBufferPointer { buffer in
            let out = buffer, workers = max(1, threads)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: world.takeCount, by: workers) {
                    out[index] = Result {
                        let plan = try world.plan(index)
                        guard plan.performances.count == 1 else { return [] }
                        return try clips(of: plan.performances[0], id: plan.id, seed: plan.seed, firstCaptions: plan.captions,
                                         captionDraws: captionDraws, synthesizer: synthesizer, writer: writer, curator: curator,
                                         augmentation: augmentation)
                    }
                }
            }
        }
        var examples = try perTake.flatMap { try $0.get() }
        // Top up the actions the planned takes missed or barely sampled.
        var counts: [String: Int] = [:]
        for example in examples { counts[example.actionID, default: 0] += 1 }
        var rng = RandomGenerator(seed: worldSeed ^ 0x544F_5055)   // "TOPU"
        for action in lexicon.actions {
            var attempts = 0
            while counts[action.id, default: 0] < minimumClipsPerAction && attempts < minimumClipsPerAction + 2 {
                attempts += 1
                let performance = Performance(actionID: action.id, tempo: Float.random(in: 0.9...1.1, using: &rng),
                                              amplitude: Float.random(in: 0.9...1.1, using: &rng), repetitions: 4, duration: 6)
                let seed = rng.next()
                let extra = try clips(of: performance, id: "judge/\(action.id)/\(attempts)", seed: seed, firstCaptions: nil,
                                      captionDraws: captionDraws, synthesizer: synthesizer, writer: writer, curator: curator,
                                      augmentation: augmentation)
                examples += extra
                counts[action.id, default: 0] += extra.count
            }
        }
        return examples
    }

    /// "a person " + each rare wording of the action: the paraphrases the World keeps out of
    /// every caption (so no generator trains on them) and the generalisation suite asks about.
    /// The judge stands in for a VLM, which knows the whole language, so it learns them too;
    /// without them its similarity for a rare paraphrase of the right motion stayed under the
    /// threshold calibrated on caption wordings (oracle Motion_Generalizability 0.15–0.25 on
    /// paraphrase prompts against 0.76 on prompts worded like captions).
    public static func rareParaphrases(of actionID: String, lexicon: Lexicon = .standard) -> [String] {
        (lexicon.action(actionID)?.rare ?? []).map { "a person " + $0 }
    }

    /// The clean, curated clips of one performance with its caption draws, followed by those of
    /// one copy degraded by `augmentation` when given.
    static func clips(of performance: Performance, id: String, seed: UInt64, firstCaptions: Captions?, captionDraws: Int,
                      synthesizer: MotionSynthesizer, writer: CaptionWriter, curator: Curator,
                      augmentation: VideoDegradation? = nil) throws -> [JudgeExample] {
        guard let action = writer.lexicon.action(performance.actionID) else { return [] }
        var (motion, _) = try synthesizer.synthesize([performance])
        // Short actions (a kip-up, a fall) end in a held pose so they fill one clip, as the
        // World pads its takes.
        let minimumFrames = Int((3.2 * motion.fps).rounded(.up)), n = SMPLJoint.count
        if motion.frameCount < minimumFrames, motion.frameCount > 0 {
            let last = motion.frameCount - 1
            let pose = Array(motion.rotations[(last * n)..<((last + 1) * n)])
            for _ in motion.frameCount..<minimumFrames {
                motion.rootTranslation.append(motion.rootTranslation[last]); motion.rotations += pose
            }
        }
        var rng = RandomGenerator(seed: seed ^ 0x4A55_4447)   // "JUDG": captions of its own
        var captions = firstCaptions.map { [$0.motion, $0.video] } ?? []
        for _ in 0..<max(1, captionDraws) {
            let drawn = writer.captions(for: [performance], using: &rng).take
            captions += [drawn.motion, drawn.video]
        }
        let label = writer.annotate(labels: [action.id], using: &rng).take
        captions += [label.motion, label.video] + rareParaphrases(of: action.id, lexicon: writer.lexicon)
        let unique = NSOrderedSet(array: captions).array as! [String]
        let take = Take(id: id, source: .opticalMocap, motion: motion, segments: [
            TakeSegment(actionID: action.id, tier: action.tier.rawValue, start: 0, end: motion.duration,
                        captions: Captions(motion: unique[0], video: unique[min(1, unique.count - 1)])),
        ])
        var examples = try curator(take).clips.map { JudgeExample(frames: $0.features, captions: unique, actionID: action.id) }
        if let augmentation {
            var degraded = take
            degraded.id += "/degraded"
            degraded.motion = augmentation.apply(to: motion, using: &rng)
            examples += try curator(degraded).clips.map {
                JudgeExample(frames: $0.features, captions: unique, actionID: action.id, isDegraded: true)
            }
        }
        return examples
    }
}
