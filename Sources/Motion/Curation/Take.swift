/// Where a take comes from (ARCHITECTURE.md §9). Video-derived sources are smoothed in
/// curation and weighted differently in training.
public struct MotionSource: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let opticalMocap = MotionSource(rawValue: "mocap")
    public static let inTheWildVideo = MotionSource(rawValue: "video")
    public static let syntheticVideo = MotionSource(rawValue: "synthetic")

    /// True for motion recovered from video (visual MoCap), which curation smooths.
    public var isVideoDerived: Bool { self == .inTheWildVideo || self == .syntheticVideo }
    public var description: String { rawValue }
}

/// One description of a motion in the paper's two caption styles.
public struct Captions: Equatable, Hashable, Sendable, Codable {
    /// Body-movement wording ("a person raises the left arm and waves").
    public var motion: String
    /// Wording a video captioner would give ("a man in a park waves hello").
    public var video: String

    public init(motion: String, video: String) { self.motion = motion; self.video = video }

    /// The caption in one style.
    public func text(_ style: CaptionStyle) -> String { style == .motion ? motion : video }
}

/// The two caption styles of the paper (Table 4).
public enum CaptionStyle: String, CaseIterable, Sendable, Codable { case motion, video }

/// An annotated stretch of a take: one action, in seconds from the take's start.
public struct TakeSegment: Equatable, Sendable, Codable {
    public var actionID: String
    /// The data tier ("core", "extended", …) the World assigns.
    public var tier: String
    /// Seconds from the start of the take, `start < end`.
    public var start: Double
    public var end: Double
    public var captions: Captions

    public init(actionID: String, tier: String, start: Double, end: Double, captions: Captions) {
        self.actionID = actionID; self.tier = tier; self.start = start; self.end = end; self.captions = captions
    }
}

/// A raw take as the World (or an importer) hands it to curation: SMPL parameters at the
/// take's native rate, annotations per segment, and the source tag.
public struct Take: Equatable, Sendable {
    public var id: String
    public var source: MotionSource
    public var motion: SMPLMotion
    public var segments: [TakeSegment]

    public init(id: String, source: MotionSource, motion: SMPLMotion, segments: [TakeSegment] = []) {
        self.id = id; self.source = source; self.motion = motion; self.segments = segments
    }
}
