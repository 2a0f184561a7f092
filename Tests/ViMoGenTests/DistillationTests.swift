import Autograd
import Motion
import XCTest
@testable import ViMoGen

final class DistillationTests: XCTestCase {
    private let encoder = HashingTextEncoder()
    private let identityStats = try! FeatureStatistics(mean: [Float](repeating: 0, count: 276), std: [Float](repeating: 1, count: 276))

    private struct SmoothPrior: ReferenceProvider {
        var confidence: (String) -> Float
        func reference(for prompt: String, seed: UInt64) throws -> ReferenceCandidate {
            let positions = (0..<12).flatMap { t in (0..<22).map { j in SIMD3<Float>(Float(j) * 0.05, Float(t) * 0.02, 0.5) } }
            return ReferenceCandidate(frames: Fixtures.clip(3, frames: 12).frames,
                                      joints: JointSequence(fps: 20, jointCount: 22, positions: positions), matchConfidence: confidence(prompt))
        }
    }

    func testSingleBranchModelsTrainOnlyTheirBranch() throws {
        for branches in [BranchSet.textOnly, .motionOnly] {
            let model = try Fixtures.model(Fixtures.configuration(branches: branches))
            let trainer = try Trainer(model: model, dataset: Fixtures.dataset(), textEncoder: encoder, settings: Fixtures.settings(steps: 3))
            let builder = BatchBuilder(dataset: Fixtures.dataset(), settings: trainer.settings, configuration: model.configuration,
                                       schedule: FlowSchedule(), texts: trainer.texts)
            var rng = RandomGenerator(seed: 2)
            let batch = try builder.next(&rng)
            XCTAssertEqual(branches == .textOnly ? batch.conditioning.textCount : batch.conditioning.motionCount, 4)
            let before = model.parameters.map(\.scalars)
            try trainer.run()
            XCTAssertEqual(trainer.step, 3)
            XCTAssertNotEqual(model.parameters.map(\.scalars), before)
        }
    }

    /// ViMoGen-light: the teacher's generations for new prompts join the MoCap clips; the
    /// T2M-only student trains on both.
    func testLightStudentTrainsOnMocapPlusTeacherGenerations() throws {
        let teacherModel = try Fixtures.model()
        Fixtures.randomiseZeroInitialised(teacherModel)
        let teacher = MotionGenerator(model: teacherModel, statistics: identityStats, textEncoder: encoder,
                                      sampler: SamplerSettings(steps: 2), references: SmoothPrior { $0.contains("walk") ? 0.9 : 0.1 },
                                      gate: AdaptiveGate(alignment: PriorConfidenceCheck()), frames: 12)
        let prompts = ["a person goose-steps", "a person walks backwards", "someone cavorts"]
        let clips = try Distillation.teacherClips(teacher: teacher, prompts: prompts, studentStatistics: identityStats, batchSize: 2)
        XCTAssertEqual(clips.map(\.caption), prompts)
        XCTAssertTrue(clips.allSatisfy { $0.source == .teacher && $0.frames.frameCount == 12 })
        // Same seeds in one batch or in chunks of two: identical teacher outputs.
        let whole = try teacher.generate(prompts, mode: .adaptive)
        XCTAssertEqual(whole.map(\.branch), [.text, .motion, .text])
        XCTAssertEqual(clips[2].frames, whole[2].normalised)

        let mocap = Fixtures.dataset()
        let combined = CombinedDataset([mocap, InMemoryDataset(clips: clips)])
        XCTAssertEqual(combined.count, 7)
        XCTAssertEqual(combined.source(at: 4), .teacher)
        XCTAssertEqual(try combined.clip(at: 6).caption, prompts[2])
        XCTAssertEqual(try combined.clip(at: 1).caption, try mocap.clip(at: 1).caption)
        let student = try Fixtures.model(Fixtures.configuration(branches: .textOnly))
        let trainer = try Trainer(model: student, dataset: combined, textEncoder: encoder, settings: Fixtures.settings(steps: 4))
        try trainer.run()
        XCTAssertEqual(student.parameterSplit[.motion], 0)
        XCTAssertEqual(trainer.step, 4)
    }

    func testGatedPairRoutesByTheGate() throws {
        let textOnly = try Fixtures.model(Fixtures.configuration(branches: .textOnly))
        let motionOnly = try Fixtures.model(Fixtures.configuration(branches: .motionOnly))
        for m in [textOnly, motionOnly] { Fixtures.randomiseZeroInitialised(m) }
        let prior = SmoothPrior { $0.contains("walk") ? 0.9 : 0.1 }
        let t = MotionGenerator(model: textOnly, statistics: identityStats, textEncoder: encoder, sampler: SamplerSettings(steps: 2), frames: 12)
        let m = MotionGenerator(model: motionOnly, statistics: identityStats, textEncoder: encoder, sampler: SamplerSettings(steps: 2),
                                references: prior, gate: AdaptiveGate(alignment: PriorConfidenceCheck()), frames: 12)
        let pair = try GatedPair(textModel: t, motionModel: m)
        let prompts = ["a person walks", "a person jumps", "a person walks fast"]
        let out = try pair.generate(prompts, seed: 4)
        XCTAssertEqual(out.map(\.branch), [.motion, .text, .motion])
        XCTAssertEqual(out[1].normalised, try t.generate(["a person jumps"], mode: .t2m, seed: 5)[0].normalised)
        XCTAssertThrowsError(try GatedPair(textModel: m, motionModel: t))
    }
}
