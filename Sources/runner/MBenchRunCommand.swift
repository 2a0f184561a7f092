import ArgumentParser
import Foundation
import MBench
import TextEncoding

/// `runner mbench run --suite FILE --motions DIR`: all nine MBench dimensions on motion files
/// made elsewhere, one file per prompt.
struct MBenchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Score motion files on all nine MBench dimensions, prompt by prompt.",
        discussion: """
            The suite is an MBench prompt list in the official JSON layout. For a prompt of dimension D and id I \
            the motion is DIR/D_I.<ext> or DIR/I.<ext> (.bvh, .npz, .npy, .safetensors), resampled to 20 fps. \
            The judge is read from --judge (a file written by --save-judge), or trained on a World sample (clean plus degraded copies) \
            drawn with --judge-seed (about a minute with the defaults); the Pose Quality bank comes from a World \
            sample with the same seed. Prints one line per dimension (score, prompts scored, not applicable), or \
            with --json one object keyed by the official dimension names; --results writes the per-prompt \
            results in the suite's layout. (To evaluate a tracked model, track the scores and get a table: `runner mbench --run ID`.)
            """)

    @Option(name: .long, help: "MBench prompt list (official JSON layout).") var suite: String
    @Option(name: .long, help: "Folder of motion files, one per prompt.") var motions: String
    @Option(name: .long, help: "Judge checkpoint (.safetensors) written by --save-judge.") var judge: String?
    @Option(name: .long, help: "World seed of the judge's training sample and the pose bank.") var judgeSeed: UInt64 = 0
    @Option(name: .long, help: "World takes planned for the judge's sample.") var judgeTakes = 800
    @Option(name: .long, help: "Judge training steps.") var judgeSteps = 400
    @Option(name: .long, help: "Write the trained judge here.") var saveJudge: String?
    @Option(name: .long, help: "Write per-prompt results (official layout) here.") var results: String?
    @Flag(name: .long, help: "Print one JSON object keyed by the official dimension names.") var json = false

    func run() throws {
        let prompts = try MBenchJSON.readPrompts(from: URL(fileURLWithPath: suite))
        let motionFiles = try PromptMotionFiles.motions(for: prompts, in: URL(fileURLWithPath: motions))
        let encoder = MiniLMEncoder(model: try MiniLM.pretrained(), output: .pooled, warnings: .ignore)
        let sample = try JudgeTrainingSet.examples(worldSeed: judgeSeed, takes: judgeTakes)
        let trained: Judge
        if let judge {
            trained = try Judge.load(from: URL(fileURLWithPath: judge), textEncoder: encoder)
        } else {
            FileHandle.standardError.write(Data("training the judge on \(sample.count) World clips (seed \(judgeSeed), \(judgeSteps) steps)…\n".utf8))
            let settings = JudgeSettings(steps: judgeSteps, batchSize: 32, seed: judgeSeed)
            trained = try Judge.train(examples: sample, textEncoder: encoder, settings: settings)
            if let saveJudge { try trained.save(to: URL(fileURLWithPath: saveJudge)) }
        }
        let benchmark = Benchmark(judge: trained, poseQuality: PoseQuality(bank: try PoseBank(examples: sample, seed: judgeSeed)))
        let outcome = try benchmark.run(prompts: prompts, motions: motionFiles)
        if let results { try MBenchJSON.write(try MBenchJSON.encodeResults(outcome.perPrompt), to: URL(fileURLWithPath: results)) }
        print(try render(outcome))
    }

    func render(_ outcome: BenchmarkResult) throws -> String {
        let scores = outcome.scores, skipped = outcome.notApplicable
        if json {
            var object: [String: Any] = [:]
            for (dimension, value) in scores { object[dimension.rawValue] = value }
            object["not_applicable"] = Dictionary(uniqueKeysWithValues: skipped.map { ($0.key.rawValue, $0.value) })
            object["prompts"] = outcome.perPrompt.count
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        var lines = ["dimension\tscore\tscored\tnot_applicable"]
        for dimension in MBenchDimension.allCases {
            let scored = outcome.perPrompt.filter { $0.entry.dimension == dimension && $0.status == .scored }.count
            let value = scores[dimension].map { String(format: "%.6g", $0) } ?? "-"
            lines.append("\(dimension.rawValue)\t\(value)\t\(scored)\t\(skipped[dimension] ?? 0)")
        }
        return lines.joined(separator: "\n")
    }
}
