import Autograd
import Motion

/// The judge's counterpart of the artifact ladders: Motion–Condition Consistency accuracy as
/// each prompt's motion is swapped, with increasing probability, for a motion of another
/// action. A judge that measures consistency must fall monotonically.
public enum JudgeValidation {
    /// The swap probabilities of the ladder.
    public static let swapProbabilities: [Double] = [0, 0.25, 0.5, 0.75, 1]

    /// Consistency accuracy at each probability. `prompts[i]` (a consistency entry) was
    /// answered by `motions[i]` (raw frames) showing `actions[i]`; a swap takes the motion of a
    /// random prompt with another action. Each prompt draws one uniform number, so a prompt
    /// swapped at one probability stays swapped at every higher one.
    public static func consistencyUnderSwaps(judge: Judge, prompts: [MBenchPrompt], motions: [FeatureFrames],
                                             actions: [String], probabilities: [Double] = swapProbabilities,
                                             seed: UInt64 = 0) throws -> [Double] {
        guard prompts.count == motions.count, motions.count == actions.count else {
            throw MBenchError.mismatchedCounts(what: "motions and actions for the prompts", got: motions.count, expected: prompts.count)
        }
        var rng = RandomGenerator(seed: seed)
        let draws = prompts.indices.map { _ in rng.uniformDouble() }
        let replacements = prompts.indices.map { i -> Int? in
            let others = actions.indices.filter { actions[$0] != actions[i] }
            return others.isEmpty ? nil : others[rng.integer(below: others.count)]
        }
        let embeddings = judge.embed(motions: motions)
        return probabilities.map { p in
            var correct = 0
            for (i, entry) in prompts.enumerated() {
                let source = draws[i] < p ? (replacements[i] ?? i) : i
                let choices = JudgeProtocols.consistencyChoices(label: entry.prompt, distractors: entry.auxiliaryInfo,
                                                                seed: JudgeProtocols.seed(of: entry))
                let similarities = judge.embed(texts: choices).map { dotProduct($0, embeddings[source]) }
                if choices[similarities.indices.max { similarities[$0] < similarities[$1] }!] == entry.prompt { correct += 1 }
            }
            return Double(correct) / Double(prompts.count)
        }
    }
}
