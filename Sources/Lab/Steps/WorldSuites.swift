import Foundation
import MBench
import MotionWorld
import TextEncoding

/// The World's four MBench prompt suites (official format, built by `MBenchSuites`) as MBench's
/// prompt entries, `n` prompts per dimension (the first `n` prompt ids of each dimension).
public enum WorldSuites {
    /// Recipe names → the suite files `MBenchSuites.build()` writes.
    public static let files = ["temporal": "temporal_quality.json", "frame": "frame_quality.json",
                               "consistency": "consistency.json", "generalization": "generalizability.json"]

    /// The entries of suite `name` (`temporal`, `frame`, `consistency`, `generalization`, or `all`).
    public static func entries(_ name: String, world: World, perDimension n: Int, seed: UInt64) throws -> [MBench.MBenchPrompt] {
        // The suites' distractors and paraphrase checks need sentence similarity: MiniLM.
        let embedder = MiniLMPhraseEmbedder(model: try MiniLM.pretrained())
        let built = try MBenchSuites(lexicon: world.lexicon, embedder: embedder, seed: seed).build()
        let names = name == "all" ? ["temporal", "frame", "consistency", "generalization"] : [name]
        var entries: [MBench.MBenchPrompt] = []
        for suite in names {
            guard let file = files[suite], let raw = built[file] else { continue }
            var kept: [String: Set<Int>] = [:]
            for e in raw {
                guard let dimension = MBenchDimension(rawValue: e.dimension) else { continue }
                var ids = kept[e.dimension, default: []]
                guard ids.contains(e.id) || ids.count < n else { continue }
                ids.insert(e.id); kept[e.dimension] = ids
                entries.append(MBench.MBenchPrompt(prompt: e.prompt, dimension: dimension, id: .number(entries.count),
                                                   category: e.category, motionDuration: e.motion_duration,
                                                   auxiliaryInfo: e.auxiliary_info ?? [], actionID: e.action_id))
            }
        }
        return entries
    }
}
