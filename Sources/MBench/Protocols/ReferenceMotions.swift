import Autograd
import Foundation
import Motion
import MotionWorld

/// The two reference rows every table carries (ARCHITECTURE §9): the **oracle** — a clean
/// World clip of each prompt's own action (the judge's ceiling) — and the **floor** — a clean
/// clip of another, randomly chosen action.
public enum ReferenceMotions {
    /// Oracle motions for `prompts` (each needs an `actionID`, as the World's suites give).
    public static func oracle(for prompts: [MBenchPrompt], seed: UInt64, lexicon: Lexicon = .standard) throws -> [BenchmarkMotion] {
        try motions(for: prompts, seed: seed, lexicon: lexicon) { action, _ in action }
    }

    /// Floor motions: for each prompt, a clean clip of a different action drawn with `seed`.
    public static func floor(for prompts: [MBenchPrompt], seed: UInt64, lexicon: Lexicon = .standard) throws -> [BenchmarkMotion] {
        let ids = lexicon.actions.map(\.id)
        return try motions(for: prompts, seed: seed, lexicon: lexicon) { action, rng in
            var other = ids[rng.integer(below: ids.count)]
            while other == action && ids.count > 1 { other = ids[rng.integer(below: ids.count)] }
            return other
        }
    }

    static func motions(for prompts: [MBenchPrompt], seed: UInt64, lexicon: Lexicon,
                        pick: (String, inout RandomGenerator) -> String) throws -> [BenchmarkMotion] {
        let synthesizer = MotionSynthesizer(lexicon: lexicon), writer = CaptionWriter(lexicon: lexicon)
        var settings = CurationSettings()
        settings.filters = []
        let curator = Curator(settings)
        var rng = RandomGenerator(seed: seed)
        return try prompts.enumerated().map { index, prompt in
            guard let action = prompt.actionID, lexicon.action(action) != nil else {
                throw MBenchFormatError(file: "prompts", entry: index, key: "action_id",
                                        problem: "reference motions need the World action of every prompt (the World's suites carry it)")
            }
            let chosen = pick(action, &rng)
            let performance = Performance(actionID: chosen, tempo: 0.9 + 0.2 * rng.uniform(), amplitude: 0.9 + 0.2 * rng.uniform(),
                                          repetitions: 4, duration: 6)
            let clips = try JudgeTrainingSet.clips(of: performance, id: "reference/\(index)", seed: rng.next(), firstCaptions: nil,
                                                   captionDraws: 1, synthesizer: synthesizer, writer: writer, curator: curator)
            guard let clip = clips.first else {
                throw MBenchError.tooFewSamples(what: "clean clips of action \(chosen)", got: 0, need: 1)
            }
            return try BenchmarkMotion(rawFrames: clip.frames)
        }
    }
}
