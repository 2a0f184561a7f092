import XCTest
import Autograd
import Motion
@testable import MBench

/// Calibration never produces NaN: a class with no pairs is reported, not divided by.
final class JudgeCalibrationTests: XCTestCase {
    func testOneClassGivesNoAccuracyAndTheClassMidpoint() throws {
        let onlyMatched = JudgeCalibration.threshold(matched: [0.2, 0.6], mismatched: [])
        XCTAssertNil(onlyMatched.balancedAccuracy)
        XCTAssertEqual(onlyMatched.threshold, 0.4, accuracy: 1e-6)
        let onlyMismatched = JudgeCalibration.threshold(matched: [], mismatched: [-0.5, 0.1])
        XCTAssertNil(onlyMismatched.balancedAccuracy)
        XCTAssertEqual(onlyMismatched.threshold, -0.2, accuracy: 1e-6)
        XCTAssertEqual(JudgeCalibration.threshold(matched: [], mismatched: []).threshold, 0)
    }

    func testNonFiniteSimilaritiesAreIgnored() throws {
        let result = JudgeCalibration.threshold(matched: [0.8, .nan, 0.9], mismatched: [0.1, .infinity, 0.2])
        XCTAssertEqual(try XCTUnwrap(result.balancedAccuracy), 1)
        XCTAssertEqual(result.threshold, 0.5, accuracy: 1e-6)
    }

    /// A tiny world: every held-out clip shows the same action (the other action has one clip,
    /// which the split keeps in training), so held-out pairs have no mismatched class. The
    /// judge calibrates on held-out + training clips, says so, and saves (no NaN in the JSON).
    func testHeldOutClipsOfOneActionFallBackToTrainingClips() throws {
        guard let encoder = JudgeSupport.encoder else { throw XCTSkip(JudgeSupport.skipMessage) }
        let all = try SyntheticActions.examples(perAction: 3, seed: 9)
        let actions = Array(Set(all.map(\.actionID))).sorted()
        let examples = all.filter { $0.actionID == actions[0] } + [all.first { $0.actionID == actions[1] }!]
        var settings = JudgeSettings(steps: 4, batchSize: 2, seed: 3)
        settings.width = 16; settings.embeddingSize = 8; settings.heads = 2; settings.depth = 1
        settings.heldOutFraction = 1   // everything but each action's first clip
        let judge = try Judge.train(examples: examples, textEncoder: encoder, settings: settings)
        let report = try XCTUnwrap(judge.report)
        XCTAssertEqual(report.heldOutClips, 2)
        let note = try XCTUnwrap(report.calibrationNote)
        XCTAssertTrue(note.contains("held-out clips show 1 action"), note)
        XCTAssertTrue(report.balancedAccuracy.isFinite && report.balancedAccuracy >= 0.5, "\(report.balancedAccuracy)")
        XCTAssertTrue(judge.threshold.isFinite)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-judge-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try judge.save(to: url)
        XCTAssertEqual(try Judge.load(from: url, textEncoder: encoder).report, report)
    }

    func testZeroStepsIsAnErrorNotANaNLoss() throws {
        guard let encoder = JudgeSupport.encoder else { throw XCTSkip(JudgeSupport.skipMessage) }
        let examples = try SyntheticActions.examples(perAction: 2, seed: 1)
        XCTAssertThrowsError(try Judge.train(examples: examples, textEncoder: encoder, settings: JudgeSettings(steps: 0))) {
            XCTAssertTrue("\($0)".contains("judge training steps"), "\($0)")
        }
    }
}
