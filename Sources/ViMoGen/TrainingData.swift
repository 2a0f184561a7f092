import Motion

/// One training example: normalised feature frames (at most the model's `maxFrames`), its
/// caption in the style the run trains on, and where it came from.
public struct TrainingClip: Sendable {
    /// Normalised 276-dim frames (60–100 of them).
    public var frames: FeatureFrames
    public var caption: String
    public var source: MotionSource
    /// Human-captioned core-tier MoCap: trained T2M with probability 0.8 instead of 0.4.
    public var isCoreMocap: Bool

    public init(frames: FeatureFrames, caption: String, source: MotionSource, isCoreMocap: Bool) {
        self.frames = frames; self.caption = caption; self.source = source; self.isCoreMocap = isCoreMocap
    }
}

/// A source of training clips. Large datasets may stream from shards: only `clip(at:)` is
/// called during training, in the order the trainer's RNG draws.
public protocol TrainingDataset {
    var count: Int { get }
    /// The normalisation statistics of the frames (stored beside every checkpoint).
    var statistics: FeatureStatistics? { get }
    func clip(at index: Int) throws -> TrainingClip
    /// The source of clip `index` (for sampling weights; must not load the frames).
    func source(at index: Int) -> MotionSource
    /// Every caption, so that the trainer can encode each unique one once.
    var captions: [String] { get }
}

/// Clips held in memory; built directly or from curated `MotionClip`s.
public struct InMemoryDataset: TrainingDataset {
    public var clips: [TrainingClip]
    public var statistics: FeatureStatistics?

    public init(clips: [TrainingClip], statistics: FeatureStatistics? = nil) {
        self.clips = clips
        self.statistics = statistics
    }

    /// Curated clips normalised with `statistics`, captioned in `style`. Core MoCap is the
    /// optical-MoCap source on the tier named `coreTier`.
    public init(curated: [MotionClip], statistics: FeatureStatistics, style: CaptionStyle, coreTier: String = "core") {
        clips = curated.map { clip in
            TrainingClip(frames: statistics.normalize(clip.features), caption: clip.captions.text(style), source: clip.source,
                         isCoreMocap: clip.source == .opticalMocap && clip.tier == coreTier)
        }
        self.statistics = statistics
    }

    public var count: Int { clips.count }
    public func clip(at index: Int) throws -> TrainingClip { clips[index] }
    public func source(at index: Int) -> MotionSource { clips[index].source }
    public var captions: [String] { clips.map(\.caption) }
}
