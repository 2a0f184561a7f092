import ArgumentParser
import Foundation
import Motion

/// `runner mbench …`: the whole benchmark on a tracked model or motion files (the default
/// subcommand `evaluate`, so `runner mbench --run ID` works), `metrics`, `run`, `speed`.
struct MBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mbench",
        abstract: "MBench: all nine dimensions on a tracked model (--run ID) or motion files (--motions DIR); quality of motion files (metrics).",
        subcommands: [MBenchEvaluateCommand.self, MBenchMetricsCommand.self, MBenchRunCommand.self, MBenchSpeedCommand.self],
        defaultSubcommand: MBenchEvaluateCommand.self)
}

/// `runner mbench [evaluate] --run ID | --motions DIR | --reference oracle|floor [--suite …]`.
struct MBenchEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "All nine dimensions on a tracked model (--run ID), motion files (--motions DIR) or a reference row; tracked, tabulated, charted.",
        discussion: """
            With --run ID (a `train` or `distill` step run of a recipe) the model's checkpoint is taken from the step \
            cache, the suite's prompts are generated through the cached `generate` step (Euler steps from the preset), \
            and the motions are scored by the cached `mbench` step with the benchmark judge — trained on a clean World \
            sample drawn with its own seed (1001), never on a generator's data; cached after the first run — or with the \
            judge of a recipe's `judge` run (--judge RUN). With --motions DIR the motion for a prompt of dimension D and \
            id I is DIR/D_I.<ext> or DIR/I.<ext> (.bvh, .npz, .npy, .safetensors), as in the official layout. \
            --reference oracle|floor scores the reference rows (clean World clips of each prompt's action, or of another).
            The suite is one of the project's (Experiments/mbench: all, temporal, frame, consistency, generalization; \
            the first prompts_per_dimension prompts of each dimension, or --per-dimension N) or an MBench JSON file \
            (the official 450-prompt list; whole unless --per-dimension). Every dimension goes to the tracker under its \
            official name (a run in experiment `mbench`), the per-prompt results (official layout) to \
            Results/mbench/<suite>/<model>-<run>.json (the run's artifact), and every model evaluated on the suite so \
            far to Results/mbench/<suite>.md and the radar Results/plots/mbench-<suite>.png.
            """)

    @OptionGroup var evaluation: MBenchEvaluationOptions

    func run() throws {
        let outcome = try evaluation.evaluation().run()
        print(try evaluation.render(outcome))
    }
}

/// One file's quality, keyed by the official dimension names.
struct MBenchMetricsRow: Encodable {
    var file: String
    var frames: Int
    var fps: Double
    var scores: QualityScores

    enum CodingKeys: String, CodingKey { case file, frames, fps }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file); try c.encode(frames, forKey: .frames); try c.encode(fps, forKey: .fps)
        try scores.encode(to: encoder) // Jitter_Degree, Dynamic_Degree, … in the same object
    }
}

/// `runner mbench metrics FILE… [--json]`: the five joint-based quality dimensions per file.
struct MBenchMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Jitter_Degree, Dynamic_Degree, Ground_Penetration, Foot_Sliding and Foot_Floating of motion files.",
        discussion: """
            Files (.bvh, .npz, joint .npy, curated .safetensors) are imported to SMPL-22 joints in the canonical \
            frame (Z up, floor at the lowest joint for BVH and AMASS) and resampled to 20 fps (the metrics count \
            per-frame differences at 20 fps) before measuring. Joint .npy files are taken as Z up at 20 fps.
            """)

    @Argument(help: "Motion files.") var files: [String]
    @OptionGroup var unit: MotionUnitOption
    @Flag(name: .long, help: "Print one JSON object per file (one per line) with the official dimension names as keys.") var json = false

    func run() throws {
        var failed = 0
        if !json { MotionCLI.printOut(Self.header) }
        for file in files {
            do { MotionCLI.printOut(try line(for: file)) } catch {
                MotionCLI.printError("Error: \(error)"); failed += 1
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    static let header = ["file", "frames", "Jitter_Degree", "Dynamic_Degree", "Ground_Penetration", "Foot_Sliding", "Foot_Floating"]
        .joined(separator: "\t")

    func row(for file: String) throws -> MBenchMetricsRow {
        let joints = try MotionFiles.read(URL(fileURLWithPath: file), unit: unit.lengthUnit()).joints.resampled(to: 20)
        do { return MBenchMetricsRow(file: file, frames: joints.frameCount, fps: 20, scores: try QualityScores(joints)) } catch {
            throw MotionFileError(file: file, "\(error)")
        }
    }

    func line(for file: String) throws -> String {
        let r = try row(for: file)
        if json { return try MotionCLI.json(r) }
        return ([file, "\(r.frames)"] + QualityDimension.allCases.map { MotionCLI.number(r.scores[$0]) }).joined(separator: "\t")
    }
}
