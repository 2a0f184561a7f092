import Autograd
import Foundation
import Lab
import Motion
import TextEncoding

/// The data half of the Lab steps (ARCHITECTURE §9): `curate`, `encode`, `clips`, `render`.
/// `world` joins them from `WorldBuiltin.swift`.
enum DataStepBuiltins {
    static func all(environment: RxEnvironment) -> [Builtin] {
        let cache = StepCache(locations: environment.locations)
        let execution = StepExecution(environment: environment)
        return [curate(cache: cache, execution: execution), encode(cache: cache, execution: execution),
                clips(), render(environment: environment, execution: execution)]
    }

    // MARK: curate

    static func curate(cache: StepCache, execution: StepExecution) -> Builtin {
        func step(_ args: Arguments) throws -> (WorldHandle, CurateStep, CaptionStyle) {
            let world = try args.handle("world", as: WorldHandle.self)
            let names = try args.list("sources").map { value -> String in
                if case .string(let s) = value { return s }
                return ""
            }
            let step: CurateStep
            do { step = try CurateStep(sources: names, of: world.takes) } catch let error as UnknownSourceError {
                throw BuiltinFailure(error.name.isEmpty ? "needs at least one source (sources: \(error.known.joined(separator: ", ")))" : error.description,
                                     argument: "sources")
            }
            return (world, step, CaptionStyle(rawValue: try args.string("captions"))!)
        }
        return Builtin("curate",
            [Parameter("world", .handle("World")),
             Parameter("sources", .list(.string), doc: "which of the world's sources, e.g. [\"core\", \"wild\"]"),
             Parameter("captions", .choice(CaptionStyle.allCases.map(\.rawValue)), default: .string("video"),
                       doc: "the caption style later steps use (both are stored; switching costs nothing)")],
            returns: .handle("Dataset"),
            doc: "Curates the world's takes of the chosen sources into a normalised 276-dim dataset (cached by content).",
            step: StepSpec(kind: CurateStep.kind) { args, _ in
                let (world, step, style) = try step(args)
                return try planCurate(world, step, style, cache: cache)
            }) { args, context in
            let (world, step, style) = try step(args)
            return .handle(try runCurate(world, step, style, context: context, cache: cache, execution: execution))
        }
    }

    /// `--plan` for one curation (shared with `judge(seed:)`, which curates its own world).
    static func planCurate(_ world: WorldHandle, _ step: CurateStep, _ style: CaptionStyle, cache: StepCache) throws -> StepPlan {
        try CachePlan.plan(for: step.key(for: world.takes), in: cache, runID: StepExecution.producer) { entry in
            .handle(DatasetHandle(dataset: try CuratedDataset(folder: entry.directory, key: entry.hash), style: style,
                                  preset: world.preset, seed: world.seed))
        }
    }

    /// One curation as a child run (cached by content).
    static func runCurate(_ world: WorldHandle, _ step: CurateStep, _ style: CaptionStyle, context: CallContext, cache: StepCache,
                          execution: StepExecution) throws -> DatasetHandle {
        let entry = try cache.entry(for: step.key(for: world.takes))
        let dataset = try execution.run(kind: CurateStep.kind, context: context, seed: world.seed, preset: world.preset,
                                        params: ["sources": step.sources.joined(separator: "+"), "captions": style.rawValue,
                                                 "world": world.takes.cacheKey], entry: entry) { reporting in
            try step.run(world.takes, cache: cache, reporting: reporting).dataset
        }
        return DatasetHandle(dataset: dataset, style: style, preset: world.preset, seed: world.seed)
    }

    // MARK: encode

    static func encode(cache: StepCache, execution: StepExecution) -> Builtin {
        func step(_ args: Arguments) throws -> (DatasetHandle, EncodeStep) {
            let data = try args.handle("data", as: DatasetHandle.self)
            let kind = TextEncoderKind(rawValue: try args.string("encoder"))!
            return (data, EncodeStep(encoder: kind, captions: data.dataset.captions(data.style)))
        }
        return Builtin("encode",
            [Parameter("data", .handle("Dataset")),
             Parameter("encoder", .choice(TextEncoderKind.allCases.map(\.rawValue)), default: .string("minilm-tokens"),
                       doc: "minilm-tokens (multi-token), minilm-pooled (one pooled token), bow (ids only: nothing to cache)")],
            returns: .handle("TextFeatures"),
            doc: "Text features of the dataset's unique captions, cached per caption set and encoder.",
            step: StepSpec(kind: EncodeStep.kind) { args, _ in
                let (_, step) = try step(args)
                guard step.needsFeatures else { return StepPlan(.cached(run: nil), reasons: ["bow needs no features"]) }
                return try CachePlan.plan(for: step.key(), in: cache, runID: StepExecution.producer) { entry in
                    .handle(TextFeaturesHandle(encoder: step.encoder.rawValue, features: try TextFeatures(folder: entry.directory),
                                               captionCount: step.captions.count, key: entry.hash))
                }
            }) { args, context in
            let (data, step) = try step(args)
            guard step.needsFeatures else {
                return .handle(TextFeaturesHandle(encoder: step.encoder.rawValue, features: nil, captionCount: step.captions.count, key: nil))
            }
            let entry = try cache.entry(for: step.key())
            let features = try execution.run(kind: "encode", context: context, seed: data.seed, preset: data.preset,
                                             params: ["encoder": step.encoder.rawValue, "captions": data.style.rawValue,
                                                      "dataset": data.dataset.key], entry: entry) { reporting in
                try step.run(cache: cache, reporting: reporting).features
            }
            return .handle(TextFeaturesHandle(encoder: step.encoder.rawValue, features: features, captionCount: step.captions.count, key: entry.hash))
        }
    }

    // MARK: clips

    static func clips() -> Builtin {
        Builtin("clips",
            [Parameter("data", .handle("Dataset")),
             Parameter("n", .integer, default: .number(4), doc: "how many clips"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "none: evenly spaced over the dataset; a seed: a random sample")],
            returns: .handle("Motions"),
            doc: "Some curated clips of a dataset as motions (decoded to joints), titled by their captions, to render or score.") { args, context in
            let data = try args.handle("data", as: DatasetHandle.self)
            let n = try args.integer("n"), total = data.dataset.clipCount
            guard n >= 1 else { throw BuiltinFailure("n must be at least 1, got \(n)", argument: "n") }
            var positions: [Int]
            if case .number = args["seed"] {
                var generator = RandomGenerator(seed: try context.seed(explicit: args["seed"]))
                positions = Array((0..<total).shuffled(using: &generator).prefix(n))
            } else {
                positions = (0..<min(n, total)).map { $0 * total / min(n, total) }
            }
            positions.sort()
            let picked = try data.dataset.clips(at: positions)
            return .handle(try MotionsHandle(frames: picked.map(\.features), prompts: picked.map { record, _ in
                record.captions.text(data.style).isEmpty ? record.id : record.captions.text(data.style)
            }, origin: "clips of \(data.dataset.key.prefix(8))",
               key: String(SHA256.hex("clips:\(data.identity):" + positions.map(String.init).joined(separator: ",")).prefix(32)),
               seed: data.seed))
        }
    }

    // MARK: render

    static func render(environment: RxEnvironment, execution: StepExecution) -> Builtin {
        let cache = StepCache(locations: environment.locations)
        func key(_ motions: MotionsHandle, frames: Int) -> CacheKey {
            CacheKey(kind: "render", version: "1", params: ["frames": String(frames)], inputs: [motions.key])
        }
        return Builtin("render",
            [Parameter("motions", .handle("Motions")),
             Parameter("file", .string, doc: "a name (written under Results/renders/) or a path without extension"),
             Parameter("frames", .integer, default: .number(6), doc: "key frames per motion in the filmstrip")],
            returns: .record,
            doc: "Draws motions as stick figures: an animated GIF and a PNG filmstrip (cached by content); returns their paths {gif, filmstrip}.",
            step: StepSpec(kind: "render") { args, _ in
                let motions = try args.handle("motions", as: MotionsHandle.self)
                return try CachePlan.plan(for: key(motions, frames: try args.integer("frames")), in: cache, runID: StepExecution.producer)
            }) { args, context in
            let motions = try args.handle("motions", as: MotionsHandle.self)
            guard !motions.items.isEmpty else { throw BuiltinFailure("no motions to render", argument: "motions") }
            let name = try args.string("file")
            let frames = try args.integer("frames")
            guard frames >= 1 else { throw BuiltinFailure("frames must be at least 1", argument: "frames") }
            let base = name.contains("/") ? URL(fileURLWithPath: name)
                : environment.locations.resultsRoot.appendingPathComponent("renders").appendingPathComponent(name)
            let gif = base.appendingPathExtension("gif")
            let strip = base.deletingLastPathComponent().appendingPathComponent(base.lastPathComponent + "-filmstrip.png")
            let entry = try cache.entry(for: key(motions, frames: frames))
            return try execution.run(kind: "render", context: context, seed: motions.seed, preset: nil,
                                     params: ["motions": String(motions.items.count), "file": base.path, "motions_key": motions.key],
                                     entry: entry) { reporting, run in
                let (folder, _) = try entry.resolve { folder in
                    let started = Date()
                    let renderer = MotionRenderer()
                    try renderer.animation(motions.items, to: folder.appendingPathComponent("animation.gif"))
                    try renderer.filmstrip(motions.items, keyFrames: frames, to: folder.appendingPathComponent("filmstrip.png"))
                    try StepProducer(run: reporting.runID, seconds: Date().timeIntervalSince(started)).write(to: folder)
                }
                try FileManager.default.createDirectory(at: base.deletingLastPathComponent(), withIntermediateDirectories: true)
                for (made, target) in [("animation.gif", gif), ("filmstrip.png", strip)] {
                    try? FileManager.default.removeItem(at: target)
                    try FileManager.default.copyItem(at: folder.appendingPathComponent(made), to: target)
                    try run.logArtifact(target, resultsRoot: environment.locations.resultsRoot)
                }
                return .record(Record([("gif", .string(gif.path)), ("filmstrip", .string(strip.path))]))
            }
        }
    }
}
