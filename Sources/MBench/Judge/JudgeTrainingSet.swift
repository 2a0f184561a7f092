import Foundation
import Motion
import MotionWorld

/// The judge's training data (ARCHITECTURE §3, §9): a broad, clean sample of a World drawn
/// with the judge's own seed — never a generator's training data.
///
/// Broad: the takes are planned evenly over the four sources, so every tier of the lexicon
/// appears (core, extended, long-tail, held-out). Clean: every planned take is synthesised
/// without the video degradation that its source would add. Only single-action takes are
/// used, so each clip has one action label. Each clip carries `captionDraws` independent
/// caption draws in both styles (the caption writer picks synonyms, subjects, scenes and
/// cameras afresh each time) plus the annotator's label caption.
public enum JudgeTrainingSet {
    /// Examples from `takes` planned takes of `World(seed: worldSeed)`, curated into
    /// 100-frame clips (`CurationSettings` defaults).
    public static func examples(worldSeed: UInt64, takes: Int, captionDraws: Int = 3,
                                lexicon: Lexicon = .standard, threads: Int = 2) throws -> [JudgeExample] {
        let quarter = max(1, takes / 4)
        let world = World(seed: worldSeed, size: WorldSize(core: quarter, extended: quarter, wild: quarter, synthetic: quarter),
                          lexicon: lexicon)
        let synthesizer = MotionSynthesizer(lexicon: lexicon)
        let writer = CaptionWriter(lexicon: lexicon)
        let curator = Curator()
        var perTake = [Result<[JudgeExample], Error>](repeating: .success([]), count: world.takeCount)
        perTake.withUnsafeMutableBufferPointer { buffer in
            let out = buffer, workers = max(1, threads)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: world.takeCount, by: workers) {
                    out[index] = Result {
                        let plan = try world.plan(index)
                        guard plan.performances.count == 1, let action = lexicon.action(plan.performances[0].actionID) else { return [] }
                        let (motion, _) = try synthesizer.synthesize(plan.performances)
                        var rng = SplitMix64(seed: plan.seed ^ 0x4A55_4447)   // "JUDG": captions of its own
                        var captions = [plan.captions.motion, plan.captions.video]
                        for _ in 0..<captionDraws {
                            let drawn = writer.captions(for: plan.performances, using: &rng).take
                            captions += [drawn.motion, drawn.video]
                        }
                        let label = writer.annotate(labels: [action.id], using: &rng).take
                        captions += [label.motion, label.video]
                        let unique = Array(NSOrderedSet(array: captions).array as! [String])
                        let take = Take(id: plan.id, source: .opticalMocap, motion: motion, segments: [
                            TakeSegment(actionID: action.id, tier: action.tier.rawValue, start: 0, end: motion.duration,
                                        captions: plan.captions),
                        ])
                        return try curator(take).clips.map { JudgeExample(frames: $0.features, captions: unique, actionID: action.id) }
                    }
                }
            }
        }
        return try perTake.flatMap { try $0.get() }
    }
}
