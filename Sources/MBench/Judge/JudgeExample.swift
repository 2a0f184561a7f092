import Motion

/// One training clip of the judge: raw 276-dim frames, every caption that describes it (both
/// caption styles, synonyms), and its action (clips of one action are never negatives of each
/// other within a batch).
public struct JudgeExample: Sendable {
    /// Raw (not normalised) 276-dim frames.
    public var frames: FeatureFrames
    /// Captions; one is drawn per use. Must not be empty.
    public var captions: [String]
    /// The action the clip shows (or the clip's actions joined, for a multi-action clip).
    public var actionID: String
    /// A copy degraded by capture artifacts (`JudgeTrainingSet.augmentation`): the judge
    /// learns from it, the pose bank (clean poses) leaves it out.
    public var isDegraded: Bool

    /// Creates an example.
    public init(frames: FeatureFrames, captions: [String], actionID: String, isDegraded: Bool = false) {
        self.frames = frames; self.captions = captions; self.actionID = actionID; self.isDegraded = isDegraded
    }
}

/// The figures a judge's training measures on its held-out clips.
public struct JudgeReport: Codable, Hashable, Sendable {
    /// Text → motion retrieval among the held-out clips: the fraction of captions whose top-1
    /// (top-5) motion shows the caption's action.
    public var recallAt1: Double
    public var recallAt5: Double
    /// Balanced accuracy of the yes/no threshold on matched vs mismatched held-out pairs.
    public var balancedAccuracy: Double
    /// The calibrated threshold.
    public var threshold: Float
    /// Clips trained on, clips held out, distinct actions.
    public var trainingClips: Int
    public var heldOutClips: Int
    public var actions: Int
    /// Mean InfoNCE loss over the last 10 % of steps.
    public var finalLoss: Double
    /// Which pairs calibrated the threshold when the held-out clips could not (nil: the
    /// held-out clips, as designed). Set when the held-out clips show fewer than 2 actions
    /// (tiny worlds), so there are no mismatched pairs to calibrate against.
    public var calibrationNote: String?

    /// Every figure is finite (NaN would not survive JSON); a non-finite one becomes nil-safe 0
    /// with a note, which only a degenerate training run (e.g. a NaN loss) produces.
    func sanitised() -> JudgeReport {
        var report = self
        var replaced: [String] = []
        func clean(_ value: inout Double, _ name: String) { if !value.isFinite { value = 0; replaced.append(name) } }
        clean(&report.recallAt1, "recallAt1"); clean(&report.recallAt5, "recallAt5")
        clean(&report.balancedAccuracy, "balancedAccuracy"); clean(&report.finalLoss, "finalLoss")
        if !report.threshold.isFinite { report.threshold = 0; replaced.append("threshold") }
        if !replaced.isEmpty {
            let note = "not finite, stored as 0: " + replaced.joined(separator: ", ")
            report.calibrationNote = report.calibrationNote.map { $0 + "; " + note } ?? note
        }
        return report
    }
}
