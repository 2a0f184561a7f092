import Autograd
import Motion

/// The two judge dimensions' protocols (ARCHITECTURE §6).
public enum JudgeProtocols {
    /// Motion–Condition Consistency on one prompt: the true label and its 9 distractors are
    /// shuffled (seeded by `seed`), the judge picks the most similar; 1 when it picks the true
    /// label. Returns the score and the label chosen.
    public static func consistency(judge: Judge, label: String, distractors: [String], motion: FeatureFrames,
                                   seed: UInt64) -> (score: Double, choice: String) {
        let choices = consistencyChoices(label: label, distractors: distractors, seed: seed)
        let picked = choices[judge.choose(among: choices, for: motion)]
        return (picked == label ? 1 : 0, picked)
    }

    /// The true label and the distractors in the seeded shuffled order shown to the judge.
    public static func consistencyChoices(label: String, distractors: [String], seed: UInt64) -> [String] {
        var rng = RandomGenerator(seed: seed)
        return rng.permutation(distractors.count + 1).map { $0 == 0 ? label : distractors[$0 - 1] }
    }

    /// A stable seed for a prompt entry (FNV-1a of its id and text), so the shuffle of its
    /// choices does not depend on the order prompts are scored in.
    public static func seed(of entry: MBenchPrompt) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(entry.id)|\(entry.prompt)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// Motion Generalizability on one prompt: 1 when the judge says the motion depicts it.
    public static func generalizability(judge: Judge, prompt: String, motion: FeatureFrames) -> (score: Double, similarity: Double) {
        let (yes, similarity) = judge.isAligned(prompt: prompt, motion: motion)
        return (yes ? 1 : 0, similarity)
    }
}

/// Builds the 9 distractor labels of a consistency prompt (ARCHITECTURE §6): 3 from below the
/// 5th percentile, 3 from the 47th–52nd and 3 from above the 95th percentile of text–text
/// cosine similarity to the true label, among `candidates` (other actions' labels).
public enum DistractorSelection {
    /// `similarities[i]` is the cosine of `candidates[i]` to the true label. Needs at least
    /// 9 candidates; each band is widened outward when it holds fewer than 3.
    public static func choose(candidates: [String], similarities: [Float], seed: UInt64) throws -> [String] {
        guard candidates.count >= 9 else { throw MBenchError.tooFewSamples(what: "distractor candidates", got: candidates.count, need: 9) }
        guard similarities.count == candidates.count else {
            throw MBenchError.mismatchedCounts(what: "distractor similarities", got: similarities.count, expected: candidates.count)
        }
        var rng = RandomGenerator(seed: seed)
        let order = candidates.indices.sorted { (similarities[$0], candidates[$0]) < (similarities[$1], candidates[$1]) }
        let n = Double(order.count)
        let rank = { (percentile: Double) in min(order.count - 1, max(0, Int((percentile / 100 * n).rounded(.down)))) }
        var taken = Set<Int>()
        func pick(_ band: Range<Int>) -> [String] {
            var pool = band.filter { !taken.contains($0) }
            var low = band.lowerBound, high = band.upperBound
            while pool.count < 3 && (low > 0 || high < order.count) {
                if low > 0 { low -= 1; if !taken.contains(low) { pool.append(low) } }
                if pool.count < 3 && high < order.count { if !taken.contains(high) { pool.append(high) }; high += 1 }
            }
            let chosen = rng.permutation(pool.count).prefix(3).map { pool[$0] }
            taken.formUnion(chosen)
            return chosen.map { candidates[order[$0]] }
        }
        let lowest = pick(0..<max(1, rank(5)))
        let middle = pick(rank(47)..<max(rank(47) + 1, rank(52) + 1))
        let highest = pick(min(order.count - 1, rank(95) + 1)..<order.count)
        return lowest + middle + highest
    }
}
