import XCTest
import Autograd
import Motion
@testable import MBench

final class JudgeTests: XCTestCase {
    func testTrainedJudgeRetrievesAndCalibrates() throws {
        guard let result = JudgeSupport.trained else { throw XCTSkip(JudgeSupport.skipMessage) }
        let judge = try result.get()
        let report = try XCTUnwrap(judge.report)
        print("synthetic judge:", report)
        // 8 actions: chance R@1 is 1/8.
        XCTAssertGreaterThan(report.recallAt1, 0.6)
        XCTAssertGreaterThan(report.recallAt5, 0.9)
        XCTAssertGreaterThan(report.balancedAccuracy, 0.8)
        XCTAssertEqual(judge.threshold, report.threshold)
    }

    func testSaveAndLoadGiveTheSameJudge() throws {
        guard let result = JudgeSupport.trained, let encoder = JudgeSupport.encoder else { throw XCTSkip(JudgeSupport.skipMessage) }
        let judge = try result.get()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("judge-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try judge.save(to: url)
        let loaded = try Judge.load(from: url, textEncoder: encoder)
        var rng = RandomGenerator(seed: 77)
        let motion = try FrameEncoding.encode(SyntheticActions.motion("wave", rng: &rng))
        XCTAssertEqual(loaded.embed(motions: [motion]), judge.embed(motions: [motion]))
        XCTAssertEqual(loaded.threshold, judge.threshold)
        XCTAssertEqual(loaded.report, judge.report)
        XCTAssertEqual(loaded.settings, judge.settings)
    }

    func testTrainingIsAFunctionOfSeedAndSettings() throws {
        guard let encoder = JudgeSupport.encoder else { throw XCTSkip(JudgeSupport.skipMessage) }
        let examples = try SyntheticActions.examples(perAction: 3, seed: 2)
        var settings = JudgeSettings(steps: 3, batchSize: 4, seed: 4)
        settings.width = 16; settings.embeddingSize = 8; settings.heads = 2; settings.depth = 1
        let a = try Judge.train(examples: examples, textEncoder: encoder, settings: settings)
        let b = try Judge.train(examples: examples, textEncoder: encoder, settings: settings)
        settings.seed = 5
        let c = try Judge.train(examples: examples, textEncoder: encoder, settings: settings)
        XCTAssertEqual(a.namedParameters.map(\.tensor.scalars), b.namedParameters.map(\.tensor.scalars))
        XCTAssertNotEqual(a.namedParameters.map(\.tensor.scalars), c.namedParameters.map(\.tensor.scalars))
    }

    func testCalibrationMaximisesBalancedAccuracy() throws {
        let (threshold, accuracy) = JudgeCalibration.threshold(matched: [0.9, 0.8, 0.7, 0.3],
                                                               mismatched: [0.1, 0.2, 0.35, 0.4, 0.75])
        // Cutting between 0.4 and 0.7 accepts 3/4 matched and rejects 4/5 mismatched: 0.775,
        // better than every other cut (e.g. above 0.75: 2/4 and 5/5 = 0.75).
        XCTAssertEqual(try XCTUnwrap(accuracy), 0.775, accuracy: 1e-12)
        XCTAssertEqual(threshold, 0.55, accuracy: 1e-6)
        let (_, perfect) = JudgeCalibration.threshold(matched: [0.5, 0.6], mismatched: [0.1, 0.2])
        XCTAssertEqual(perfect, 1)
    }

    func testRecallCountsTheLabelOfTheTopMotions() {
        let texts: [[Float]] = [[1, 0], [0, 1], [1, 0]]
        let motions: [[Float]] = [[0.9, 0.1], [0.8, 0.2], [0.2, 0.9]]
        // Text 0 (label a) → motion 0 (a): hit. Text 1 (b) → motion 2 (c): miss at 1, hit at 2 → motion 1? no:
        // order for text 1 is 2, 1, 0: labels c, b → hit at k = 2.
        let labels = ["a", "b", "c"]
        XCTAssertEqual(JudgeCalibration.recall(texts: texts, motions: motions, labels: labels, k: 1), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(JudgeCalibration.recall(texts: texts, motions: motions, labels: labels, k: 2), 2.0 / 3, accuracy: 1e-12)
    }
}
