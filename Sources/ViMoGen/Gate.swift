import Motion

/// A reference motion for a prompt, as a video prior delivers it: normalised 276-dim frames
/// (the M2M branch reads only dims 0:126 and 258:270), the joints they decode to (for the
/// jitter rule) and the prior's confidence that it matched the prompt.
public struct ReferenceCandidate: Sendable {
    public var frames: FeatureFrames
    public var joints: JointSequence
    /// The prior's own prompt-match confidence in [0, 1].
    public var matchConfidence: Float

    public init(frames: FeatureFrames, joints: JointSequence, matchConfidence: Float) {
        self.frames = frames; self.joints = joints; self.matchConfidence = matchConfidence
    }
}

/// Supplies reference motions (the World's `VideoPrior`, or files a user made elsewhere).
public protocol ReferenceProvider {
    func reference(for prompt: String, seed: UInt64) throws -> ReferenceCandidate
}

/// "Does this reference depict the prompt?" — the gate's binary check (the paper: Gemini; the
/// study: the gate judge's text–motion similarity above its calibrated threshold).
public protocol AlignmentCheck {
    func depicts(_ prompt: String, reference: ReferenceCandidate) -> Bool
}

/// The stand-in check used until the gate judge exists: the video prior's own match confidence
/// above a threshold.
public struct PriorConfidenceCheck: AlignmentCheck, Sendable {
    public var threshold: Float
    public init(threshold: Float = 0.5) { self.threshold = threshold }
    public func depicts(_ prompt: String, reference: ReferenceCandidate) -> Bool { reference.matchConfidence >= threshold }
}

/// The adaptive gate (public ViMoGen code): refine the reference with M2M when it depicts the
/// prompt and its Jitter Degree is under 0.04; otherwise generate from text with T2M.
public struct AdaptiveGate {
    public static let maximumJitter = 0.04
    public var alignment: AlignmentCheck

    public init(alignment: AlignmentCheck) { self.alignment = alignment }

    /// The branch chosen and, for the record, the reference's jitter.
    public func choose(prompt: String, reference: ReferenceCandidate) throws -> (branch: Branch, jitter: Double) {
        let jitter = try QualityMetrics.jitterDegree(reference.joints)
        let useMotion = alignment.depicts(prompt, reference: reference) && jitter < AdaptiveGate.maximumJitter
        return (useMotion ? .motion : .text, jitter)
    }
}

/// The branch a sample goes through.
public enum Branch: String, Codable, Sendable { case text, motion }
