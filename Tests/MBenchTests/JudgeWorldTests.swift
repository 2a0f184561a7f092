import XCTest
import Foundation
import Motion
import TextEncoding
import struct MotionWorld.Lexicon
@testable import MBench

/// The judge on its real training data, the World. `MOGENLAB_JUDGE_TAKES=N` (opt-in, default
/// off) trains one on N takes (with `MOGENLAB_JUDGE_SEED`, `MOGENLAB_JUDGE_STEPS`) and prints
/// the held-out figures for the docs.
final class JudgeWorldTests: XCTestCase {
    func testWorldSampleIsBroadCleanAndSeeded() throws {
        let a = try JudgeTrainingSet.examples(worldSeed: 11, takes: 16, minimumClipsPerAction: 0)
        let b = try JudgeTrainingSet.examples(worldSeed: 11, takes: 16, minimumClipsPerAction: 0)
        XCTAssertFalse(a.isEmpty)
        XCTAssertEqual(a.map(\.frames), b.map(\.frames))
        XCTAssertEqual(a.map(\.captions), b.map(\.captions))
        // Both caption styles and several draws per clip.
        XCTAssertTrue(a.allSatisfy { $0.captions.count >= 4 })
        XCTAssertTrue(a.allSatisfy { $0.frames.frameCount >= 60 })
        let c = try JudgeTrainingSet.examples(worldSeed: 12, takes: 16, minimumClipsPerAction: 0)
        XCTAssertNotEqual(a.map(\.frames), c.map(\.frames))
    }

    func testEveryPerformanceAlsoComesDegradedUnderTheSameCaptions() throws {
        let sample = try JudgeTrainingSet.examples(worldSeed: 11, takes: 16, minimumClipsPerAction: 0)
        let clean = sample.filter { !$0.isDegraded }, degraded = sample.filter(\.isDegraded)
        XCTAssertFalse(degraded.isEmpty)
        XCTAssertEqual(try JudgeTrainingSet.examples(worldSeed: 11, takes: 16, minimumClipsPerAction: 0, augmentation: nil).map(\.frames),
                       clean.map(\.frames))
        XCTAssertEqual(Set(degraded.map(\.actionID)), Set(clean.map(\.actionID)))
        for copy in degraded {
            XCTAssertTrue(clean.contains { $0.actionID == copy.actionID && $0.captions == copy.captions })
        }
        // The copies are shakier than the clean clips (jitter drawn up to 2 cm).
        func meanJitter(_ examples: [JudgeExample]) throws -> Double {
            try examples.map { try QualityMetrics.jitterDegree(try FrameEncoding.decode($0.frames).joints) }.reduce(0, +) / Double(examples.count)
        }
        XCTAssertGreaterThan(try meanJitter(degraded), 1.3 * (try meanJitter(clean)))
        // Pose Quality's bank keeps clean poses only.
        XCTAssertEqual(try PoseBank(examples: sample).count, try PoseBank(examples: clean).count)
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
        try printProtocolFigures(judge!, encoder: encoder)
        try printReferenceRows(judge!, bank: try PoseBank(examples: examples, seed: seed))
    }

    /// The oracle and floor rows on the World's MBench suites (`Experiments/mbench`).
    func printReferenceRows(_ judge: Judge, bank: PoseBank) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Experiments/mbench")
        let prompts = try ["temporal_quality", "frame_quality", "consistency", "generalizability"].flatMap {
            try MBenchJSON.readPrompts(from: folder.appendingPathComponent("\($0).json"))
        }
        let benchmark = Benchmark(judge: judge, poseQuality: PoseQuality(bank: bank))
        for (row, motions) in [("oracle", try ReferenceMotions.oracle(for: prompts, seed: 5)),
                               ("floor", try ReferenceMotions.floor(for: prompts, seed: 5))] {
            let run = try benchmark.run(prompts: prompts, motions: motions)
            let cells = MBenchDimension.allCases.map { "\($0.rawValue)=\(String(format: "%.4g", run.scores[$0] ?? .nan))" }
            print("World suites \(row) (\(prompts.count) prompts):", cells.joined(separator: " "), "n/a:", run.notApplicable)
            printGeneralisationByTier(run, judge: judge)
        }
    }

    /// Motion_Generalizability split by the tier of the prompt's action (rare paraphrases of
    /// trained tiers vs long-tail / held-out actions), with the similarity quartiles.
    func printGeneralisationByTier(_ run: BenchmarkResult, judge: Judge) {
        var groups: [String: [(Double, Float)]] = [:]
        for result in run.perPrompt where result.entry.dimension == .motionGeneralizability && result.status == .scored {
            let tier = result.entry.actionID.flatMap { Lexicon.standard.action($0)?.tier.rawValue } ?? "?"
            let similarity = Float(result.judgeChoice?.split(separator: " ").last ?? "") ?? .nan
            groups[tier, default: []].append((result.score ?? 0, similarity))
        }
        for (tier, rows) in groups.sorted(by: { $0.key < $1.key }) {
            let sims = rows.map(\.1).sorted()
            let q = { (p: Double) in sims[min(sims.count - 1, Int(p * Double(sims.count)))] }
            print(String(format: "  MG %@: %d prompts, yes %.2f, similarity q25 %.3f median %.3f q75 %.3f (threshold %.3f)",
                         tier, rows.count, rows.map(\.0).reduce(0, +) / Double(rows.count), q(0.25), q(0.5), q(0.75), judge.threshold))
        }
    }

    /// Oracle consistency, the swap ladder and HumanML3D metrics on fresh World clips (another seed).
    func printProtocolFigures(_ judge: Judge, encoder: MiniLMEncoder) throws {
        let fresh = try JudgeTrainingSet.examples(worldSeed: 99, takes: 400, minimumClipsPerAction: 0)
        let clips = Array(fresh.prefix(120))
        let labels = Array(Set(fresh.map(\.captions[0]))).sorted()
        let labelAction = Dictionary(fresh.map { ($0.captions[0], $0.actionID) }, uniquingKeysWith: { a, _ in a })
        let pooled = Dictionary(uniqueKeysWithValues: zip(labels, encoder.encode(labels).map(\.pooled)))
        let prompts = try clips.enumerated().map { index, clip -> MBenchPrompt in
            let label = clip.captions[0]
            let candidates = labels.filter { labelAction[$0] != clip.actionID }
            let similarities = candidates.map { dotProduct(pooled[$0]!, pooled[label]!) }
            let distractors = try DistractorSelection.choose(candidates: candidates, similarities: similarities, seed: UInt64(index))
            return MBenchPrompt(prompt: label, dimension: .motionConditionConsistency, id: .number(index), auxiliaryInfo: distractors)
        }
        let ladder = try JudgeValidation.consistencyUnderSwaps(judge: judge, prompts: prompts, motions: clips.map(\.frames),
                                                               actions: clips.map(\.actionID), seed: 1)
        print("World consistency under swaps (p = 0, .25, .5, .75, 1):", ladder.map { String(format: "%.3f", $0) })
        let real = Array(fresh.dropFirst(120).prefix(120))
        let scores = try HumanML3DEvaluation().evaluate(judge: judge, prompts: clips.map { $0.captions[0] },
                                                        generated: clips.map(\.frames), real: real.map(\.frames))
        print("World oracle HumanML3D: R-precision", scores.rPrecision, "MM-Dist", scores.multimodalDistance,
              "FID", scores.fid, "Diversity", scores.diversity)
    }
}
