import Foundation
import Lab
import MotionWorld

/// `world(seed:, preset:)`: the procedural World as a recipe value (cheap: takes are made when
/// `curate` asks for them).
enum WorldBuiltin {
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
