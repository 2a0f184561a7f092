import Autograd
import Foundation
import Motion
import TextEncoding

/// The MBench judge (ARCHITECTURE §3, the stand-in for the VLM): a contrastive text–motion
/// retrieval model. Motions go through a small transformer over normalised 276-dim frames;
/// texts through frozen MiniLM sentence vectors and a learned projection; both land on the
/// unit sphere, where the cosine is the text–motion similarity. A yes/no threshold on the
/// similarity, calibrated on matched vs mismatched pairs, answers "does this motion depict
/// this text?".
///
/// Motions are given as **raw** (not normalised) 276-dim frames or as SMPL motions; the judge
/// normalises with its own training statistics. Two instances (benchmark judge, gate judge)
/// differ only in the World seed of their training data.
public final class Judge: @unchecked Sendable {
    /// The settings it was trained with.
    public let settings: JudgeSettings
    /// Per-dimension statistics of its training frames.
    public let statistics: FeatureStatistics
    /// Similarity at or above which a motion is judged to depict a text.
    public internal(set) var threshold: Float
    /// Held-out figures measured when it was trained (nil for a judge assembled by hand).
    public internal(set) var report: JudgeReport?
    /// The text encoder that feeds the projection (MiniLM pooled).
    public let textEncoder: any TextEncoder
    /// A few training captions per action it was trained on: what it knows (see `knows(_:)`).
    public internal(set) var knownCaptions: [String] = []
    /// The actions of its training clips (World action ids).
    public internal(set) var knownActions: Set<String> = []

    let motionEncoder: MotionEncoder
    let textProjection: TextProjection
    private let textCache = TextFeatureCache()

    init(settings: JudgeSettings, statistics: FeatureStatistics, textEncoder: any TextEncoder, threshold: Float = 0) {
        self.settings = settings; self.statistics = statistics; self.textEncoder = textEncoder
        self.threshold = threshold
        var rng = RandomGenerator(seed: settings.seed)
        motionEncoder = MotionEncoder(settings: settings, rng: &rng)
        textProjection = TextProjection(textFeatureSize: textEncoder.featureSize, settings: settings, rng: &rng)
    }

    /// Every trained parameter under its checkpoint name.
    var namedParameters: [NamedParameter] {
        motionEncoder.namedParameters.prefixed("motion") + textProjection.namedParameters.prefixed("text")
    }

    // MARK: Embeddings

    /// Unit embeddings of raw 276-dim motions, `embeddingSize` floats each.
    public func embed(motions: [FeatureFrames]) -> [[Float]] {
        var out: [[Float]] = []
        out.reserveCapacity(motions.count)
        for start in stride(from: 0, to: motions.count, by: 64) {
            let batch = motionBatch(Array(motions[start..<min(motions.count, start + 64)]).map(statistics.normalize))
            let embedded = withNoGrad { motionEncoder(batch.tokens, mask: batch.mask) }
            out += rows(embedded)
        }
        return out
    }

    /// Unit embeddings of texts.
    public func embed(texts: [String]) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let features = textFeatures(texts)
        let embedded = withNoGrad { textProjection(Tensor(features.flatMap { $0 }, shape: [texts.count, textEncoder.featureSize])) }
        return rows(embedded)
    }

    /// The cosine similarity of a text and a raw motion, in [−1, 1].
    public func similarity(text: String, motion: FeatureFrames) -> Float {
        dotProduct(embed(texts: [text])[0], embed(motions: [motion])[0])
    }

    /// The conformance-ready form of ViMoGen's `AlignmentCheck`: whether the raw motion
    /// depicts the prompt (similarity ≥ threshold), with the similarity.
    public func isAligned(prompt: String, motion: FeatureFrames) -> (Bool, Double) {
        let s = similarity(text: prompt, motion: motion)
        return (s >= threshold, Double(s))
    }

    /// `isAligned` on SMPL parameters (encoded to 276-dim frames first).
    public func isAligned(prompt: String, motion: SMPLMotion) throws -> (Bool, Double) {
        isAligned(prompt: prompt, motion: try FrameEncoding.encode(motion))
    }

    /// The index of the label most similar to the motion (Motion–Condition Consistency's choice).
    public func choose(among labels: [String], for motion: FeatureFrames) -> Int {
        let m = embed(motions: [motion])[0]
        let similarities = embed(texts: labels).map { dotProduct($0, m) }
        return similarities.indices.max { similarities[$0] < similarities[$1] } ?? 0
    }

    /// Whether the judge can score `entry`: by its `actionID` when the entry has one (the
    /// World's suites), else by `knows(_:)` on the prompt text (the official list).
    public func canJudge(_ entry: MBenchPrompt) -> Bool {
        if let action = entry.actionID, !knownActions.isEmpty { return knownActions.contains(action) }
        return knows(entry.prompt)
    }

    /// Whether a prompt is close enough to something the judge was trained on to be judged:
    /// the highest MiniLM cosine between the prompt and `knownCaptions` is at least
    /// `minimumSimilarity`. (Official prompts outside the World are reported as not applicable.)
    public func knows(_ prompt: String, minimumSimilarity: Float = 0.35) -> Bool {
        guard !knownCaptions.isEmpty else { return true }
        let features = textFeatures([prompt] + knownCaptions)
        let norm = { (v: [Float]) in max(1e-8, dotProduct(v, v).squareRoot()) }
        let query = features[0], queryNorm = norm(query)
        return features.dropFirst().contains { dotProduct(query, $0) / (queryNorm * norm($0)) >= minimumSimilarity }
    }

    // MARK: Internals

    /// MiniLM sentence vectors, cached per text.
    func textFeatures(_ texts: [String]) -> [[Float]] {
        textCache.features(texts) { missing in textEncoder.encode(missing).map(\.pooled) }
    }

    /// Normalised frames → `[B, T, 276]` tokens and `[B, T]` mask (every `frameStride`-th frame,
    /// at most `maximumTokens`, sampled evenly over longer motions).
    func motionBatch(_ normalised: [FeatureFrames]) -> (tokens: Tensor, mask: Tensor) {
        let D = FrameLayout.dimension
        let picks = normalised.map { tokenFrames(count: $0.frameCount) }
        let length = max(1, picks.map(\.count).max() ?? 1)
        var tokens = [Float](repeating: 0, count: normalised.count * length * D)
        var mask = [Float](repeating: 0, count: normalised.count * length)
        for (b, frames) in normalised.enumerated() {
            for (slot, t) in picks[b].enumerated() {
                let destination = (b * length + slot) * D
                tokens.replaceSubrange(destination..<(destination + D), with: frames[frame: t])
                mask[b * length + slot] = 1
            }
        }
        return (Tensor(tokens, shape: [normalised.count, length, D]), Tensor(mask, shape: [normalised.count, length]))
    }

    func tokenFrames(count: Int) -> [Int] {
        let strided = Array(stride(from: 0, to: count, by: settings.frameStride))
        guard strided.count > settings.maximumTokens else { return strided }
        let n = settings.maximumTokens
        return (0..<n).map { Int((Double($0) * Double(count - 1) / Double(n - 1)).rounded()) }
    }

    func rows(_ t: Tensor) -> [[Float]] {
        let width = t.shape[1], values = t.scalars
        return (0..<t.shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
    }
}

/// The dot product of two equal-length vectors.
func dotProduct(_ a: [Float], _ b: [Float]) -> Float {
    var sum: Float = 0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

/// A thread-safe text → feature cache, so repeated prompts and labels are encoded once.
final class TextFeatureCache: @unchecked Sendable {
    private var stored: [String: [Float]] = [:]
    private let lock = NSLock()

    func features(_ texts: [String], encode: ([String]) -> [[Float]]) -> [[Float]] {
        lock.lock()
        let missing = Array(Set(texts.filter { stored[$0] == nil })).sorted()
        lock.unlock()
        if !missing.isEmpty {
            let encoded = encode(missing)
            lock.lock()
            for (text, feature) in zip(missing, encoded) { stored[text] = feature }
            lock.unlock()
        }
        lock.lock(); defer { lock.unlock() }
        return texts.map { stored[$0]! }
    }
}
