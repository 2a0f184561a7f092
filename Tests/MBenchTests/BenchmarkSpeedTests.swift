import XCTest
import Autograd
import Motion
@testable import MBench

/// The speed figure of issue 8: all nine dimensions on 450 motions (excluding generation) and
/// the judge's throughput. Opt-in: `MOGENLAB_BENCH=1 swift test --filter BenchmarkSpeedTests`.
final class BenchmarkSpeedTests: XCTestCase {
    func testNineDimensionsOn450Motions() throws {
        guard ProcessInfo.processInfo.environment["MOGENLAB_BENCH"] == "1" else {
            throw XCTSkip("speed benchmark: set MOGENLAB_BENCH=1 to run it")
        }
        guard let encoder = JudgeSupport.encoder else { throw XCTSkip(JudgeSupport.skipMessage) }
        // A judge of the default size (its weights do not matter for speed).
        let judge = try Judge.train(examples: try SyntheticActions.examples(perAction: 2, seed: 1), textEncoder: encoder,
                                    settings: JudgeSettings(steps: 1, batchSize: 8, seed: 0))
        // 450 prompts in the official proportions: 150 temporal, 100 frame-wise, 100 + 100 judge.
        var rng = RandomGenerator(seed: 9)
        let actions = SyntheticActions.actions
        let layout: [(MBenchDimension, Int)] = [(.jitterDegree, 30), (.dynamicDegree, 30), (.footSliding, 30),
                                                (.footFloating, 30), (.groundPenetration, 30), (.bodyPenetration, 50),
                                                (.poseQuality, 50), (.motionConditionConsistency, 100), (.motionGeneralizability, 100)]
        var prompts: [MBenchPrompt] = [], rawFrames: [FeatureFrames] = [], clean: [SMPLMotion] = []
        for (dimension, count) in layout {
            for k in 0..<count {
                let action = actions[k % actions.count]
                let caption = SyntheticActions.captions[action]!
                let distractors = actions.filter { $0 != action }.flatMap { SyntheticActions.captions[$0]! }.prefix(9)
                prompts.append(MBenchPrompt(prompt: caption[k % 2], dimension: dimension, id: .number(prompts.count),
                                            motionDuration: 100, auxiliaryInfo: dimension == .motionConditionConsistency ? Array(distractors) : []))
                let motion = SyntheticActions.motion(action, frames: 101, rng: &rng)
                clean.append(motion)
                rawFrames.append(try FrameEncoding.encode(motion))
            }
        }
        let bank = try PoseBank(motions: clean, capacity: 8192)
        let benchmark = Benchmark(judge: judge, poseQuality: PoseQuality(bank: bank), isApplicable: { _ in true })

        let clock = ContinuousClock()
        var motions: [BenchmarkMotion] = []
        let decoding = try clock.measure { motions = try rawFrames.map { try BenchmarkMotion(rawFrames: $0) } }
        var result: BenchmarkResult?
        let scoring = try clock.measure { result = try benchmark.run(prompts: prompts, motions: motions) }
        let embedding = clock.measure { _ = judge.embed(motions: rawFrames) }
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        print(String(format: "MBench speed: decode 450 motions %.3f s; nine dimensions %.3f s; judge %.0f motions/s (%d poses in the bank)",
                     seconds(decoding), seconds(scoring), 450 / seconds(embedding), bank.count))
        XCTAssertEqual(result?.perPrompt.count, 450)
        XCTAssertEqual(Set(result!.scores.keys), Set(MBenchDimension.allCases))
    }
}
