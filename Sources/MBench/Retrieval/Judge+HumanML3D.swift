import Motion

extension HumanML3DEvaluation {
    /// The metrics on `judge`'s embeddings: `prompts[i]` was generated as `generated[i]`;
    /// `real` are ground-truth motions (raw 276-dim frames); `generationsPerText` optional sets
    /// of repeated generations of one text each (10 per text in the paper's protocol).
    public func evaluate(judge: Judge, prompts: [String], generated: [FeatureFrames], real: [FeatureFrames],
                         generationsPerText: [[FeatureFrames]] = []) throws -> HumanML3DScores {
        try evaluate(texts: judge.embed(texts: prompts), generated: judge.embed(motions: generated),
                     real: judge.embed(motions: real), generationsPerText: generationsPerText.map { judge.embed(motions: $0) })
    }
}
