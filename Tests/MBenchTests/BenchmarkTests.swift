import XCTest
import Autograd
import Motion
@testable import MBench

final class BenchmarkTests: XCTestCase {
    /// One consistency and one generalisation prompt per synthetic action; distractors are
    /// the other actions' captions.
    static func judgePrompts() -> [MBenchPrompt] {
        let actions = SyntheticActions.actions
        return actions.enumerated().flatMap { index, action -> [MBenchPrompt] in
            let others = actions.filter { $0 != action }.flatMap { SyntheticActions.captions[$0]! }
            let distractors = Array(others.prefix(9))
            return [
                MBenchPrompt(prompt: SyntheticActions.captions[action]![0], dimension: .motionConditionConsistency,
                             id: .number(index), motionDuration: 60, auxiliaryInfo: distractors),
                MBenchPrompt(prompt: SyntheticActions.captions[action]![1], dimension: .motionGeneralizability,
                             id: .number(100 + index), motionDuration: 60),
            ]
        }
    }

    static func motions(for prompts: [MBenchPrompt], shiftedBy shift: Int = 0, seed: UInt64 = 31) throws -> [BenchmarkMotion] {
        var rng = RandomGenerator(seed: seed)
        let actions = SyntheticActions.actions
        return try prompts.map { prompt in
            let index = actions.firstIndex { SyntheticActions.captions[$0]!.contains(prompt.prompt) } ?? 0
            return try BenchmarkMotion(smpl: SyntheticActions.motion(actions[(index + shift) % actions.count], rng: &rng))
        }
    }

    func testJudgeDimensionsRewardMatchingMotions() throws {
        guard let result = JudgeSupport.trained else { throw XCTSkip(JudgeSupport.skipMessage) }
        let judge = try result.get()
        let bank = try PoseBank(motions: [SyntheticActions.motion("walk", rng: &Self.rng)], capacity: 100)
        let benchmark = Benchmark(judge: judge, poseQuality: PoseQuality(bank: bank), isApplicable: { _ in true })
        let prompts = Self.judgePrompts()
        let matched = try benchmark.run(prompts: prompts, motions: Self.motions(for: prompts))
        let swapped = try benchmark.run(prompts: prompts, motions: Self.motions(for: prompts, shiftedBy: 3))
        print("matched:", matched.byOfficialName, "swapped:", swapped.byOfficialName)
        XCTAssertGreaterThanOrEqual(matched.scores[.motionConditionConsistency]!, 0.875)
        XCTAssertGreaterThanOrEqual(matched.scores[.motionGeneralizability]!, 0.75)
        XCTAssertLessThanOrEqual(swapped.scores[.motionConditionConsistency]!, 0.25)
        XCTAssertLessThanOrEqual(swapped.scores[.motionGeneralizability]!, 0.25)
        XCTAssertEqual(matched.perPrompt.count, prompts.count)
        XCTAssertTrue(matched.notApplicable.isEmpty)
    }

    static var rng = RandomGenerator(seed: 8)

    func testAllNineDimensionsAndNotApplicableCounts() throws {
        guard let result = JudgeSupport.trained else { throw XCTSkip(JudgeSupport.skipMessage) }
        let judge = try result.get()
        var rng = RandomGenerator(seed: 3)
        let clean = SyntheticActions.actions.map { SyntheticActions.motion($0, rng: &rng) }
        let benchmark = Benchmark(judge: judge, poseQuality: PoseQuality(bank: try PoseBank(motions: clean)))
        var prompts = MBenchDimension.allCases.filter { !$0.needsJudge }.enumerated().map { index, dimension in
            MBenchPrompt(prompt: "a person walks forward", dimension: dimension, id: .number(index))
        }
        prompts += Self.judgePrompts().prefix(2)
        // Not about motion at all: the judge cannot know it.
        prompts.append(MBenchPrompt(prompt: "quarterly revenue of the bank rose by four percent", dimension: .motionGeneralizability,
                                    id: .text("outside")))
        let motions = try prompts.map { _ in try BenchmarkMotion(smpl: SyntheticActions.motion("walk", rng: &rng)) }
        let run = try benchmark.run(prompts: prompts, motions: motions)
        XCTAssertEqual(Set(run.scores.keys), Set(MBenchDimension.allCases))
        XCTAssertEqual(run.notApplicable, [.motionGeneralizability: 1])
        XCTAssertEqual(run.perPrompt.last?.status, .notApplicable)
        XCTAssertGreaterThan(run.scores[.dynamicDegree]!, 0.001)
        XCTAssertEqual(run.scores[.bodyPenetration]!, 0, accuracy: 1e-9)
        XCTAssertEqual(run.perPrompt[0].generatedFrames, 61)
        XCTAssertThrowsError(try benchmark.run(prompts: prompts, motions: Array(motions.dropFirst())))
    }

    func testDistractorsComeFromTheThreeSimilarityBands() throws {
        let candidates = (0..<20).map { "label \($0)" }
        let similarities = (0..<20).map { Float($0) / 20 }
        let chosen = try DistractorSelection.choose(candidates: candidates, similarities: similarities, seed: 1)
        XCTAssertEqual(chosen.count, 9)
        XCTAssertEqual(Set(chosen.prefix(3)), ["label 0", "label 1", "label 2"])
        XCTAssertEqual(Set(chosen.dropFirst(3).prefix(3)), ["label 8", "label 9", "label 10"])
        XCTAssertEqual(Set(chosen.suffix(3)), ["label 17", "label 18", "label 19"])
        XCTAssertThrowsError(try DistractorSelection.choose(candidates: ["a"], similarities: [0], seed: 1))
    }

    func testConsistencyShuffleIsStablePerPrompt() {
        let entry = MBenchPrompt(prompt: "a person waves", dimension: .motionConditionConsistency, id: .number(4),
                                 auxiliaryInfo: (1...9).map { "d\($0)" })
        let seed = JudgeProtocols.seed(of: entry)
        let a = JudgeProtocols.consistencyChoices(label: entry.prompt, distractors: entry.auxiliaryInfo, seed: seed)
        XCTAssertEqual(a, JudgeProtocols.consistencyChoices(label: entry.prompt, distractors: entry.auxiliaryInfo, seed: seed))
        XCTAssertEqual(Set(a), Set(entry.auxiliaryInfo + [entry.prompt]))
        XCTAssertEqual(a.count, 10)
    }
}

final class JudgeValidationTests: XCTestCase {
    func testConsistencyFallsAsMotionsAreSwapped() throws {
        guard let result = JudgeSupport.trained else { throw XCTSkip(JudgeSupport.skipMessage) }
        let judge = try result.get()
        // Three prompts per action (24), so each swap level changes several answers.
        let base = BenchmarkTests.judgePrompts().filter { $0.dimension == .motionConditionConsistency }
        let prompts = (0..<3).flatMap { copy in base.map { var p = $0; p.id = .text("\(copy)-\(p.id)"); return p } }
        let motions = try BenchmarkTests.motions(for: prompts).map(\.frames)
        let actions = prompts.map { p in SyntheticActions.actions.first { SyntheticActions.captions[$0]!.contains(p.prompt) }! }
        let accuracy = try JudgeValidation.consistencyUnderSwaps(judge: judge, prompts: prompts, motions: motions,
                                                                 actions: actions, seed: 2)
        print("consistency under swaps:", accuracy)
        XCTAssertEqual(accuracy.count, 5)
        for k in 1..<accuracy.count { XCTAssertLessThan(accuracy[k], accuracy[k - 1], "\(accuracy)") }
        XCTAssertGreaterThan(accuracy[0], 0.9)
        XCTAssertLessThan(accuracy[4], 0.2)
    }
}

final class ReferenceMotionsTests: XCTestCase {
    func testOracleShowsThePromptsActionAndFloorAnother() throws {
        let prompts = [MBenchPrompt(prompt: "walk forward", dimension: .jitterDegree, id: .number(0), actionID: "walk"),
                       MBenchPrompt(prompt: "wave", dimension: .jitterDegree, id: .number(1), actionID: "wave")]
        let oracle = try ReferenceMotions.oracle(for: prompts, seed: 1)
        XCTAssertEqual(oracle.count, 2)
        // A walk travels; a wave stays in place.
        let travel = { (m: BenchmarkMotion) -> Float in
            let first = m.joints[frame: 0, joint: 0], last = m.joints[frame: m.joints.frameCount - 1, joint: 0]
            return ((last.x - first.x) * (last.x - first.x) + (last.y - first.y) * (last.y - first.y)).squareRoot()
        }
        XCTAssertGreaterThan(travel(oracle[0]), 1)
        XCTAssertLessThan(travel(oracle[1]), 0.5)
        XCTAssertEqual(try ReferenceMotions.floor(for: prompts, seed: 1).count, 2)
        let unlabelled = [MBenchPrompt(prompt: "x", dimension: .jitterDegree, id: .number(0))]
        XCTAssertThrowsError(try ReferenceMotions.oracle(for: unlabelled, seed: 1)) {
            XCTAssertTrue("\($0)".contains("'action_id'"), "\($0)")
        }
    }
}
