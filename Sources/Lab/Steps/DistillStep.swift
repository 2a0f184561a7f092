import Foundation
import MBench
import Motion
import MotionWorld
import TextEncoding
import ViMoGen

/// The `distill` step (ViMoGen-light, ARCHITECTURE §5): a T2M-only student trained on a curated
/// dataset plus the teacher's generations for synthesised prompts (ViMoGen's `Distillation`
/// data, normalised with the student's statistics), cached as `cache/distill/<hash>/`.
public struct DistillStep: Sendable {
    public static let kind = "distill"
    // 4: EMA warm-up in the student, foot cleanup and smoothed references in the teacher; 5: feet pinned.
    public static let version = "6"  // 6: teacher generations with channel fusion and the grounded foot cleanup

    /// The student's training (model `light`).
    public var student: TrainStep
    public var prompts: [String]
    public var teacherMode: GenerationMode

    public init(student: TrainStep, prompts: [String], teacherMode: GenerationMode) {
        self.student = student; self.prompts = prompts; self.teacherMode = teacherMode
    }

    public func key(teacher: String, dataset: String) -> CacheKey {
        var params = student.params
        params["prompts"] = String(SHA256.hex(prompts.joined(separator: "\n")).prefix(16))
        params["prompt_count"] = String(prompts.count)
        params["teacher_mode"] = teacherMode.rawValue
        return CacheKey(kind: Self.kind, version: Self.version, params: params, inputs: [teacher, dataset])
    }

    /// The student's checkpoint, from the cache or distilled now.
    public func run(teacher: URL, teacherKey: String, dataset: CuratedDataset, cache: StepCache,
                    teacherEncoder: () throws -> any TextEncoder, studentEncoder: () throws -> any TextEncoder,
                    prior: VideoPrior?, gate: Judge?, eulerSteps: Int,
                    reporting: StepReporting = .silent) throws -> (checkpoint: URL, wasCached: Bool) {
        guard !prompts.isEmpty else { throw ViMoGenError.invalidSetting(field: "prompts", reason: "no prompts to distill from") }
        let entry = try cache.entry(for: key(teacher: teacherKey, dataset: dataset.key))
        let (folder, wasCached) = try entry.resolve { folder in
            let mocap = try ShardedTrainingData(dataset, style: student.style)
            let generator = try GenerateStep.generator(checkpoint: teacher, textEncoder: try teacherEncoder(), eulerSteps: eulerSteps,
                                                       prior: teacherMode == .t2m ? nil : prior, gate: teacherMode == .adaptive ? gate : nil)
            let bar = reporting.bar("teacher", total: prompts.count, unit: "prompts")
            var clips: [TrainingClip] = []
            for start in stride(from: 0, to: prompts.count, by: 32) {
                let chunk = Array(prompts[start..<min(start + 32, prompts.count)])
                clips += try Distillation.teacherClips(teacher: generator, prompts: chunk, mode: teacherMode,
                                                       studentStatistics: mocap.statistics!, seed: student.seed &+ UInt64(start))
                bar?.progress(completed: clips.count, total: prompts.count)
            }
            bar?.finish()
            try reporting.metrics?.record(["teacher_clips": Double(clips.count), "mocap_clips": Double(mocap.count)], step: 0)
            let combined = CombinedDataset([mocap, InMemoryDataset(clips: clips, statistics: mocap.statistics)], statistics: mocap.statistics)
            try student.train(on: combined, textEncoder: try studentEncoder(), into: folder, reporting: reporting)
        }
        return (folder.appendingPathComponent(TrainStep.checkpointName), wasCached)
    }
}
