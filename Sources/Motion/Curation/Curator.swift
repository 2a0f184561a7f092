import Foundation

/// Settings of the curation pipeline (paper §3 and appendix D.2).
public struct CurationSettings: Sendable {
    /// Target frame rate.
    public var fps: Double = 20
    /// Poses per clip: 101 poses give 100 feature frames.
    public var clipPoses: Int = 101
    /// Clips with fewer feature frames are dropped (a take's tail, short takes).
    public var minimumFrames: Int = 60
    /// Removes leading/trailing calibration T-poses; nil keeps every frame.
    public var tPoseTrimmer: TPoseTrimmer? = TPoseTrimmer()
    /// Gaussian σ (target-rate frames) of the temporal smoothing of video-derived takes.
    public var videoSmoothingSigma: Double = 1.0
    /// Clips failing any of these are rejected.
    public var filters: [QualityFilter] = QualityFilter.standard
    /// A segment covering at least this share of a clip joins its caption ("A then B").
    public var spanShare: Double = 0.25

    public init() {}
}

/// Why a take could not be curated at all.
public enum CurationError: Error, Equatable, CustomStringConvertible {
    case invalidTake(id: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidTake(id, reason): return "take \(id): \(reason)"
        }
    }
}

/// A stretch of a take that did not become a clip, and why.
public struct CurationRejection: Equatable, Sendable {
    public var takeID: String
    /// Seconds from the start of the take.
    public var start: Double
    public var frames: Int
    public var reason: String
}

/// What curation produced from some takes.
public struct CurationResult: Sendable {
    public var clips: [MotionClip] = []
    public var rejections: [CurationRejection] = []
}

/// Turns raw takes into training clips: trim calibration T-poses, resample to 20 fps, smooth
/// video-derived motion, cut non-overlapping 101-pose clips (dropping those under 60 frames),
/// put each clip in the canonical frame, measure its quality and apply the filters, encode it
/// as 276-dim frames, and give it the captions of the segment(s) it overlaps.
public struct Curator: Sendable {
    public var settings: CurationSettings

    public init(_ settings: CurationSettings = CurationSettings()) { self.settings = settings }

    public func callAsFunction(_ takes: [Take]) throws -> CurationResult {
        var result = CurationResult()
        for take in takes {
            let one = try self(take)
            result.clips += one.clips; result.rejections += one.rejections
        }
        return result
    }

    public func callAsFunction(_ take: Take) throws -> CurationResult {
        try validate(take)
        var result = CurationResult()
        var motion = take.motion
        var trimmedStart = 0.0
        if let trimmer = settings.tPoseTrimmer {
            let kept = trimmer.keptRange(motion)
            trimmedStart = Double(kept.lowerBound) / motion.fps
            guard kept.count >= 2 else {
                result.rejections.append(CurationRejection(takeID: take.id, start: 0, frames: motion.frameCount, reason: "only T-pose frames"))
                return result
            }
            motion = motion.slice(kept)
        }
        motion = Resampling.resample(motion, to: settings.fps)
        if take.source.isVideoDerived { motion = TemporalFilter.smooth(motion, sigma: settings.videoSmoothingSigma) }

        var first = 0, index = 0
        while first < motion.frameCount {
            let poses = min(settings.clipPoses, motion.frameCount - first)
            let start = trimmedStart + Double(first) / settings.fps
            defer { first += poses }
            guard poses - 1 >= settings.minimumFrames else {
                result.rejections.append(CurationRejection(takeID: take.id, start: start, frames: max(poses - 1, 0),
                                                           reason: "shorter than \(settings.minimumFrames) frames"))
                continue
            }
            let clip = Canonicalization.canonicalize(motion.slice(first..<(first + poses))).motion
            let quality = try QualityScores(clip.joints())
            if let failed = settings.filters.first(where: { !$0.accepts(quality) }) {
                result.rejections.append(CurationRejection(takeID: take.id, start: start, frames: poses - 1,
                                                           reason: "quality filter \(failed.name)"))
                continue
            }
            let (captions, actions, tier) = annotation(of: take.segments, from: start, to: start + Double(poses) / settings.fps)
            result.clips.append(MotionClip(id: "\(take.id)#\(index)", takeID: take.id, source: take.source, start: start,
                                           features: try FrameEncoding.encode(clip), captions: captions,
                                           actionIDs: actions, tier: tier, quality: quality))
            index += 1
        }
        return result
    }

    func validate(_ take: Take) throws {
        func fail(_ reason: String) -> CurationError { .invalidTake(id: take.id, reason: reason) }
        guard take.motion.fps.isFinite && take.motion.fps > 0 else { throw fail("frame rate \(take.motion.fps) is not positive") }
        guard take.motion.frameCount >= 2 else { throw fail("needs at least 2 poses, has \(take.motion.frameCount)") }
        if let t = take.motion.rootTranslation.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            throw fail("root translation at frame \(t) is NaN or infinite")
        }
        if let r = take.motion.rotations.firstIndex(where: { m in [m.c0, m.c1, m.c2].contains { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) } }) {
            throw fail("rotation of joint \(r % SMPLJoint.count) at frame \(r / SMPLJoint.count) is NaN or infinite")
        }
        for (i, s) in take.segments.enumerated() where !(s.start < s.end) {
            throw fail("segment \(i) (\(s.actionID)) has start \(s.start) not before end \(s.end)")
        }
    }

    /// Captions, action ids and tier for the clip spanning [start, end) seconds: the segment it
    /// overlaps most, joined in time order ("A then b") with every other segment covering at
    /// least `spanShare` of the clip.
    func annotation(of segments: [TakeSegment], from start: Double, to end: Double) -> (Captions, [String], String) {
        let overlaps = segments.map { max(0, min($0.end, end) - max($0.start, start)) }
        guard let best = overlaps.indices.max(by: { overlaps[$0] < overlaps[$1] }), overlaps[best] > 0 else {
            return (Captions(motion: "", video: ""), [], "")
        }
        let share = settings.spanShare * (end - start)
        let spanned = overlaps.indices.filter { $0 == best || overlaps[$0] >= share }
            .sorted { segments[$0].start < segments[$1].start }
        func joined(_ style: CaptionStyle) -> String {
            spanned.enumerated().map { k, i in Self.clause(segments[i].captions.text(style), first: k == 0) }.joined(separator: " then ")
        }
        let actions = [segments[best].actionID] + spanned.filter { $0 != best }.map { segments[$0].actionID }
        return (Captions(motion: joined(.motion), video: joined(.video)), actions, segments[best].tier)
    }

    /// A caption as a clause of a joined sentence: trimmed, without its full stop, and (after
    /// the first) starting lower-case unless it opens with an acronym or "I".
    static func clause(_ caption: String, first: Bool) -> String {
        var s = caption.trimmingCharacters(in: .whitespacesAndNewlines)
        while s.hasSuffix(".") { s.removeLast() }
        guard !first, let c = s.first, c.isUppercase else { return s }
        let second = s.dropFirst().first
        if second == nil || second!.isUppercase || (second == " " && c == "I") { return s }
        return c.lowercased() + s.dropFirst()
    }
}
