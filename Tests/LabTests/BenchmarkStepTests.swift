import Foundation
import Lab
import MBench
import Motion
import TextEncoding
import XCTest

/// The cached `mbench` step: its entry holds the per-prompt JSON (official layout) that the
/// recipes log as an artifact, and a hit reads the same results back.
final class BenchmarkStepTests: XCTestCase {
    /// Letter counts as sentence features: enough for a judge to train on, no MiniLM needed.
    struct LetterEncoder: TextEncoder {
        var name: String { "letters" }
        var featureSize: Int { 26 }
        var vocabularySize: Int { 0 }
        var maxTokenCount: Int { 1 }
        func encode(_ texts: [String]) -> [EncodedText] {
            texts.map { text in
                var counts = [Float](repeating: 0, count: 26)
                for scalar in text.lowercased().unicodeScalars where scalar.value >= 97 && scalar.value < 123 { counts[Int(scalar.value - 97)] += 1 }
                let norm = max(1e-6, counts.map { $0 * $0 }.reduce(0, +).squareRoot())
                let unit = counts.map { $0 / norm }
                return EncodedText(tokenIDs: [0], tokenCount: 1, featureSize: 26, features: unit, pooled: unit, wasTruncated: false)
            }
        }
    }

    func testScoresArePublishedWithTheirPerPromptJSONAndReadBack() throws {
        let examples = try JudgeTrainingSet.examples(worldSeed: 3, takes: 12, minimumClipsPerAction: 0)
        XCTAssertGreaterThanOrEqual(Set(examples.map(\.actionID)).count, 2)
        var settings = JudgeSettings(steps: 2, batchSize: 4, seed: 1)
        settings.width = 16; settings.embeddingSize = 8; settings.heads = 2; settings.depth = 1
        let judge = try Judge.train(examples: examples, textEncoder: LetterEncoder(), settings: settings)
        let poses = PoseQuality(bank: try PoseBank(examples: examples, seed: 1))
        let labels = Array(Set(examples.flatMap(\.captions))).sorted()
        let prompts = [examples[0].captions[0], examples[1].captions[0]]
        let entries = [MBenchPrompt(prompt: prompts[0], dimension: .jitterDegree, id: .number(0)),
                       MBenchPrompt(prompt: prompts[1], dimension: .motionGeneralizability, id: .number(0)),
                       MBenchPrompt(prompt: prompts[0], dimension: .motionConditionConsistency, id: .number(0),
                                    auxiliaryInfo: Array(labels.filter { $0 != prompts[0] }.prefix(9)))]
        let frames = [examples[0].frames, examples[1].frames]
        let cache = StepCache(root: try makeTemporaryFolder(self))

        let first = try BenchmarkStep.run(entries: entries, prompts: prompts, frames: frames, judge: judge, judgeKey: "judge-a",
                                          poses: poses, posesKey: "poses-a", cache: cache)
        XCTAssertFalse(first.wasCached)
        XCTAssertEqual(first.perPromptFile.deletingLastPathComponent().lastPathComponent, first.key)
        XCTAssertEqual(first.perPromptFile.lastPathComponent, BenchmarkStep.perPromptName)
        let onDisk = try MBenchJSON.decodeResults(Data(contentsOf: first.perPromptFile), fileName: first.perPromptFile.path)
        XCTAssertEqual(onDisk.map(\.entry), entries)
        XCTAssertEqual(onDisk.count, 3)
        XCTAssertGreaterThan(try XCTUnwrap(onDisk[0].score), 0, "a World clip has some jitter")
        XCTAssertEqual(onDisk[2].judgeChoice.map { entries[2].auxiliaryInfo.contains($0) || $0 == prompts[0] }, true)

        let hit = try BenchmarkStep.run(entries: entries, prompts: prompts, frames: frames, judge: judge, judgeKey: "judge-a",
                                        poses: { XCTFail("a hit needs no pose bank"); return poses }(), posesKey: "poses-a", cache: cache)
        XCTAssertTrue(hit.wasCached)
        XCTAssertEqual(hit.key, first.key)
        XCTAssertEqual(hit.result.byOfficialName, first.result.byOfficialName)

        // The own-prompt form (`mbench(motions, suite: "quality")`) is cached the same way.
        let own = BenchmarkStep(suite: .quality, seed: 1)
        let scoredOwn = try own.run(prompts: prompts, frames: frames, judge: judge, judgeKey: "judge-a", poses: poses, posesKey: "poses-a", cache: cache)
        XCTAssertFalse(scoredOwn.wasCached)
        XCTAssertEqual(scoredOwn.result.perPrompt.count, 2 * 7)
        XCTAssertEqual(try own.run(prompts: prompts, frames: frames, judge: judge, judgeKey: "judge-a", poses: poses, posesKey: "poses-a",
                                   cache: cache).result.byOfficialName, scoredOwn.result.byOfficialName)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scoredOwn.perPromptFile.path))

        // Other motions, another judge: other entries.
        let swapped = try BenchmarkStep.key(entries: entries, prompts: prompts, frames: frames.reversed(), judgeKey: "judge-a", posesKey: "poses-a")
        XCTAssertNotEqual(swapped.hash, first.key)
        XCTAssertNotEqual(try BenchmarkStep.key(entries: entries, prompts: prompts, frames: frames, judgeKey: "judge-b", posesKey: "poses-a").hash, first.key)
    }

    /// The two judges of ARCHITECTURE §9 differ only in the World seed (so in their cache keys).
    func testBenchmarkAndGateJudgesDifferOnlyInTheWorldSeed() throws {
        let preset = try Presets.load(from: packageRoot.appendingPathComponent("Experiments/presets.toml")).preset(named: "small")
        let benchmark = WorldJudgeStep.benchmark(preset: preset), gate = WorldJudgeStep.gate(preset: preset)
        XCTAssertEqual(benchmark.takes, preset.worldClips)
        XCTAssertEqual(benchmark.steps, preset.judgeSteps)
        XCTAssertEqual(gate.takes, benchmark.takes)
        XCTAssertNotEqual(gate.worldSeed, benchmark.worldSeed)
        XCTAssertNotEqual(gate.key.hash, benchmark.key.hash)
        XCTAssertTrue(benchmark.sampleKey.contains("world1001-takes\(preset.worldClips)"), benchmark.sampleKey)
        XCTAssertEqual(benchmark.key.kind, JudgeStep.kind)
    }
}
