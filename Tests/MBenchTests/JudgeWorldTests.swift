import XCTest
import Foundation
@testable import MBench

/// The judge on its real training data, the World. `MOGENLAB_JUDGE_TAKES=N` (opt-in, default
/// off) trains one on N takes (with `MOGENLAB_JUDGE_SEED`, `MOGENLAB_JUDGE_STEPS`) and prints
/// the held-out figures for the docs.
final class JudgeWorldTests: XCTestCase {
    func testWorldSampleIsBroadCleanAndSeeded() throws {
        let a = try JudgeTrainingSet.examples(worldSeed: 11, takes: 16)
        let b = try JudgeTrainingSet.examples(worldSeed: 11, takes: 16)
        XCTAssertFalse(a.isEmpty)
        XCTAssertEqual(a.map(\.frames), b.map(\.frames))
        XCTAssertEqual(a.map(\.captions), b.map(\.captions))
        // Both caption styles and several draws per clip.
        XCTAssertTrue(a.allSatisfy { $0.captions.count >= 4 })
        XCTAssertTrue(a.allSatisfy { $0.frames.frameCount >= 60 })
        let c = try JudgeTrainingSet.examples(worldSeed: 12, takes: 16)
        XCTAssertNotEqual(a.map(\.frames), c.map(\.frames))
    }

    func testTrainedOnTheWorld() throws {
        guard let takes = ProcessInfo.processInfo.environment["MOGENLAB_JUDGE_TAKES"].flatMap(Int.init) else {
            throw XCTSkip("set MOGENLAB_JUDGE_TAKES=N to train a judge on N World takes and print its figures")
        }
        guard let encoder = JudgeSupport.encoder else { throw XCTSkip(JudgeSupport.skipMessage) }
        let clock = ContinuousClock()
        var examples: [JudgeExample] = []
        let seed = ProcessInfo.processInfo.environment["MOGENLAB_JUDGE_SEED"].flatMap(UInt64.init) ?? 1
        let drawing = try clock.measure { examples = try JudgeTrainingSet.examples(worldSeed: seed, takes: takes) }
        let steps = ProcessInfo.processInfo.environment["MOGENLAB_JUDGE_STEPS"].flatMap(Int.init) ?? 400
        var judge: Judge?
        let training = try clock.measure {
            judge = try Judge.train(examples: examples, textEncoder: encoder, settings: JudgeSettings(steps: steps, batchSize: 32, seed: seed))
        }
        print("World judge (seed \(seed)): \(examples.count) clips of \(Set(examples.map(\.actionID)).count) actions drawn in \(drawing); trained \(steps) steps in \(training)")
        print("World judge report:", judge!.report!)
    }
}
