import Foundation
import MBench
import Motion
import TextEncoding
import ViMoGen

/// The `judge` step: MBench's text–motion retrieval judge trained on a curated dataset (both
/// caption styles of each clip, its first action as the label), saved as
/// `cache/judge/<hash>/judge.safetensors` with its held-out report.
public struct JudgeStep: Sendable {
    public static let kind = "judge"
    // 3: single-action clips also carry their action's rare paraphrases.
    public static let version = "3"
    public static let fileName = "judge.safetensors"

    public var steps: Int
    public var seed: UInt64

    public init(steps: Int, seed: UInt64) { self.steps = steps; self.seed = seed }

    public func key(dataset: String) -> CacheKey {
        CacheKey(kind: Self.kind, version: Self.version, params: ["steps": String(steps), "seed": String(seed)], inputs: [dataset])
    }

    /// The judge, from the cache or trained now (MiniLM pooled features for its text side).
    public func run(_ dataset: CuratedDataset, cache: StepCache, textEncoder: any TextEncoder,
                    reporting: StepReporting = .silent) throws -> (judge: Judge, wasCached: Bool) {
        let entry = try cache.entry(for: key(dataset: dataset.key))
        let (folder, wasCached) = try entry.resolve { folder in
            var examples: [JudgeExample] = []
            try dataset.forEachShard { clips, records in
                for (clip, record) in zip(clips, records) where !record.actions.isEmpty {
                    // A single action's clip also carries its rare paraphrases (the judge stands in for a VLM).
                    let rare = record.actions.count == 1 ? JudgeTrainingSet.rareParaphrases(of: record.actions[0]) : []
                    let captions = [record.captions.motion, record.captions.video].filter { !$0.isEmpty } + rare
                    guard !captions.isEmpty else { continue }
                    examples.append(JudgeExample(frames: clip.features, captions: captions, actionID: record.actions.joined(separator: "+")))
                }
            }
            try Self.train(examples: examples, steps: steps, seed: seed, textEncoder: textEncoder, into: folder, reporting: reporting)
        }
        return (try Judge.load(from: folder.appendingPathComponent(Self.fileName), textEncoder: textEncoder), wasCached)
    }

    /// Trains on `examples` and writes `judge.safetensors` and `producer.json` into `folder`;
    /// loss every 10 steps and the held-out report go to the tracker.
    static func train(examples: [JudgeExample], steps: Int, seed: UInt64, textEncoder: any TextEncoder, into folder: URL,
                      reporting: StepReporting) throws {
        let started = Date()
        var settings = JudgeSettings(steps: steps, seed: seed)
        settings.batchSize = 32
        let bar = reporting.bar("judge", total: steps, unit: "steps")
        let judge = try Judge.train(examples: examples, textEncoder: textEncoder, settings: settings) { index, loss in
            let done = index + 1   // MBench counts steps from 0
            bar?.progress(completed: done, total: steps)
            if done % 10 == 0 || done == steps { try? reporting.metrics?.record("loss", loss, step: done) }
        }
        bar?.finish()
        try judge.save(to: folder.appendingPathComponent(fileName))
        let seconds = Date().timeIntervalSince(started)
        try StepProducer(run: reporting.runID, seconds: seconds).write(to: folder)
        if let report = judge.report {
            try reporting.metrics?.record(["recall_at_1": report.recallAt1, "recall_at_5": report.recallAt5,
                                           "balanced_accuracy": report.balancedAccuracy, "threshold": Double(report.threshold),
                                           "actions": Double(report.actions), "seconds": seconds], step: steps)
        }
    }
}

/// The MBench judge as ViMoGen's gate check (ARCHITECTURE §3): a reference depicts the prompt
/// when the gate judge's text–motion similarity reaches its calibrated threshold. References
/// arrive normalised with the generating model's statistics; the judge reads raw frames.
public struct JudgeAlignmentCheck: AlignmentCheck {
    public let judge: Judge
    public let referenceStatistics: FeatureStatistics

    public init(judge: Judge, referenceStatistics: FeatureStatistics) {
        self.judge = judge; self.referenceStatistics = referenceStatistics
    }

    public func depicts(_ prompt: String, reference: ReferenceCandidate) -> Bool {
        judge.isAligned(prompt: prompt, motion: referenceStatistics.denormalize(reference.frames)).0
    }
}
