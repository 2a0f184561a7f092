import Foundation
import Lab
import MotionWorld

/// `world(seed:, preset:)`: the procedural World as a recipe value (cheap: takes are made when
/// `curate` asks for them); `prompts(world, n:)`: prompts synthesised from its lexicon.
enum WorldBuiltin {
    static func all(environment: RxEnvironment) -> [Builtin] { [builtin(environment: environment), prompts()] }

    static func prompts() -> Builtin {
        Builtin("prompts",
            [Parameter("world", .handle("World")),
             Parameter("n", .integer, doc: "how many distinct prompts"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed")],
            returns: .list(.string),
            doc: "Prompts synthesised from the World's verbs and phrases (near-duplicates removed with MiniLM), as for ViMoGen-light's distillation.") { args, context in
            let world = try args.handle("world", as: WorldHandle.self)
            guard let takes = world.takes as? WorldTakes else { throw BuiltinFailure("this world has no lexicon to write prompts from", argument: "world") }
            let n = try args.integer("n")
            guard n >= 1 else { throw BuiltinFailure("n must be at least 1, got \(n)", argument: "n") }
            let synthesized = try PromptSynthesizer(lexicon: takes.world.lexicon)
                .prompts(count: n, seed: try context.seed(explicit: args["seed"]), embedder: MiniLMPhraseEmbedder.installed())
            return .list(synthesized.map { .string($0.text) })
        }
    }

    static func builtin(environment: RxEnvironment) -> Builtin {
        Builtin("world",
            [Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed"),
             Parameter("preset", .oneOf([.string, .record]), default: .string("smoke"),
                       doc: "a preset name or record: its world_clips sets the number of takes"),
             Parameter("takes", .optional(.integer), default: Value.none, doc: "overrides the preset's size")],
            returns: .handle("World"),
            doc: "The procedural motion World (sources core, extended, wild, synthetic), sized by a preset.") { args, context in
            let preset: Preset
            if case .string(let name) = args["preset"] {
                preset = try ModelStepBuiltins.preset(Value.none, named: name, file: environment.presetsFile)
            } else {
                preset = try ModelStepBuiltins.preset(args["preset"], named: "smoke", file: environment.presetsFile)
            }
            var takes = preset.worldClips
            if case .number = args["takes"] { takes = try args.integer("takes") }
            guard takes >= 4 else { throw BuiltinFailure("a world needs at least 4 takes (one per source), got \(takes)", argument: "takes") }
            let seed = try context.seed(explicit: args["seed"])
            return .handle(WorldHandle(takes: WorldTakes(seed: seed, takes: takes), seed: seed, preset: preset.name, takeCount: takes))
        }
    }
}
