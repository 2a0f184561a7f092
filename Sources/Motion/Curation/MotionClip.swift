/// A curated training clip: canonical-frame feature frames (not normalised; normalisation
/// statistics belong to the dataset) and everything the text side and the tables need.
public struct MotionClip: Equatable, Sendable {
    /// `<take id>#<clip index>`.
    public var id: String
    public var takeID: String
    public var source: MotionSource
    /// Seconds from the start of the take (after trimming) to the clip's first pose.
    public var start: Double
    /// 100 frames of 276 (fewer for a take's tail, never under 60).
    public var features: FeatureFrames
    /// Captions of the overlapped segment(s); empty strings when the take had no annotations.
    public var captions: Captions
    /// The most-overlapped segment's action first, then any other spanned ones in time order.
    public var actionIDs: [String]
    /// The most-overlapped segment's tier ("" when unannotated).
    public var tier: String
    public var quality: QualityScores

    public init(id: String, takeID: String, source: MotionSource, start: Double, features: FeatureFrames,
                captions: Captions, actionIDs: [String], tier: String, quality: QualityScores) {
        self.id = id; self.takeID = takeID; self.source = source; self.start = start; self.features = features
        self.captions = captions; self.actionIDs = actionIDs; self.tier = tier; self.quality = quality
    }

    public var frameCount: Int { features.frameCount }
}
