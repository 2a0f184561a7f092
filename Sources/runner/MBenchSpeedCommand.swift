import ArgumentParser
import Foundation
import Lab
import MBench
import Motion
import TextEncoding

/// `runner mbench speed`: issue 8's speed figure — the whole nine-dimension benchmark on 450
/// motions in the official proportions (generation excluded) and the judge's throughput.
struct MBenchSpeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speed",
        abstract: "Time all nine dimensions on 450 motions (official proportions; generation excluded) and the judge's throughput.",
        discussion: """
            The 450 prompts are the project's suites in the official proportions (30 per temporal dimension, 50 per \\
            frame-wise one, 100 consistency, 100 generalisation); each gets a clean World clip of its action (raw \\
            276-dim frames, 101 poses). The judge is the preset's benchmark judge (cached step; trained on first use) \\
            and Pose Quality's bank its World sample (8,192 poses at most). Times are medians over --repeats rounds.
            """)

    @Option(name: .long, help: "Preset whose benchmark judge and pose bank are used.") var preset = "smoke"
    @Option(name: .long, help: "Timed rounds.") var repeats = 3
    @OptionGroup var trackerOptions: TrackerOptions
    @Flag(name: .long, help: "Print one JSON object.") var json = false

    /// The official 450: prompts per dimension.
    static let layout: [(MBenchDimension, Int)] = [(.jitterDegree, 30), (.groundPenetration, 30), (.footFloating, 30), (.footSliding, 30),
                                                   (.dynamicDegree, 30), (.bodyPenetration, 50), (.poseQuality, 50),
                                                   (.motionConditionConsistency, 100), (.motionGeneralizability, 100)]

    func validate() throws { if repeats < 1 { throw ValidationError("--repeats must be at least 1") } }

    func run() throws {
        let locations = trackerOptions.locations
        let step = WorldJudgeStep.benchmark(preset: try Presets.load().preset(named: preset))
        let judge = try step.run(cache: StepCache(locations: locations), textEncoder: try TextEncoderKind.miniLMPooled.make(warnings: .ignore),
                                 reporting: MBenchEvaluation.reporting()).judge
        let poses = try step.poseQuality()
        let suite = try MBenchSuiteChoice("all", perDimension: 100, presetPerDimension: 100)
        let entries = try Self.layout.flatMap { dimension, count -> [MBenchPrompt] in
            let chosen = suite.entries.filter { $0.dimension == dimension }.prefix(count)
            guard chosen.count == count else { throw RunnerError("the suites hold \(chosen.count) \(dimension.rawValue) prompts; the speed layout needs \(count)") }
            return Array(chosen)
        }
        let raw = try ReferenceMotions.oracle(for: entries, seed: 1).map(\.frames)
        let benchmark = Benchmark(judge: judge, poseQuality: poses)
        var decode: [Double] = [], score: [Double] = [], embed: [Double] = []
        for _ in 0..<repeats {
            var motions: [BenchmarkMotion] = []
            decode.append(try Self.seconds { motions = try raw.map { try BenchmarkMotion(rawFrames: $0) } })
            score.append(try Self.seconds { _ = try benchmark.run(prompts: entries, motions: motions) })
            embed.append(try Self.seconds { _ = judge.embed(motions: raw) })
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let figures: [String: Any] = ["name": "mbench-speed", "motions": raw.count, "decode_s": median(decode), "nine_dimensions_s": median(score),
                                      "judge_motions_per_s": Double(raw.count) / median(embed), "pose_bank": poses.bank.count,
                                      "repeats": repeats, "threads": ProcessInfo.processInfo.activeProcessorCount]
        if json {
            print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print(String(format: "MBench on %d motions: decode %.3f s, nine dimensions %.3f s (median of %d); judge %.0f motions/s; pose bank %d poses",
                         raw.count, median(decode), median(score), repeats, Double(raw.count) / median(embed), poses.bank.count))
        }
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
