import Foundation
import Plot

/// Draws motions as stick figures through Plot's gnuplot renderer: a PNG filmstrip of key
/// frames (one row per motion, under its title) or an animated GIF at 20 fps (motions side by
/// side: "ours" beside "baseline"). Bones come from the skeleton's parents; left limbs and
/// right limbs get different colours; the pelvis path is drawn on the floor.
public struct MotionRenderer: Sendable {
    /// One motion to draw and its caption (the prompt, or "ours" / "baseline").
    public struct Item: Sendable {
        public var joints: JointSequence
        public var title: String
        public init(_ joints: JointSequence, title: String) { self.joints = joints; self.title = title }
    }

    public var skeleton: Skeleton
    public var renderer: StickFigureRenderer
    /// Frame rate of GIFs; motions are resampled (nearest frame) to it.
    public var gifFPS: Double

    public init(skeleton: Skeleton = .smpl22, renderer: StickFigureRenderer = StickFigureRenderer(), gifFPS: Double = 20) {
        self.skeleton = skeleton; self.renderer = renderer; self.gifFPS = gifFPS
    }

    /// A PNG (or SVG) with `keyFrames` evenly spaced frames of every motion.
    @discardableResult
    public func filmstrip(_ items: [Item], keyFrames: Int = 6, to url: URL) throws -> URL {
        try renderer.filmstrip(items.map { try figure($0, fps: nil) }, keyFrames: keyFrames, to: url).image
    }

    /// An animated GIF of the motions side by side at `gifFPS`.
    @discardableResult
    public func animation(_ items: [Item], to url: URL) throws -> URL {
        try renderer.animation(items.map { try figure($0, fps: gifFPS) }, fps: gifFPS, to: url).image
    }

    /// Plot's view of one motion, resampled to `fps` when given.
    func figure(_ item: Item, fps: Double?) throws -> StickFigureMotion {
        let j = item.joints
        guard j.jointCount == skeleton.jointCount else {
            throw MotionFileError(file: item.title, "has \(j.jointCount) joints; the renderer's skeleton has \(skeleton.jointCount)")
        }
        guard j.frameCount > 0 else { throw MotionFileError(file: item.title, "has no frames to draw") }
        var indices = Array(0..<j.frameCount)
        if let fps, j.fps > 0, abs(j.fps - fps) > 1e-6 {
            let count = max(1, Int((Double(j.frameCount) * fps / j.fps).rounded(.down)))
            indices = (0..<count).map { min(j.frameCount - 1, Int((Double($0) * j.fps / fps).rounded())) }
        }
        let frames = indices.map { t in (0..<j.jointCount).map { j[frame: t, joint: $0] } }
        let bones = skeleton.parents.enumerated().compactMap { child, parent -> StickBone? in
            guard parent >= 0 else { return nil }
            let side = JointNames.parse(skeleton.names[child]).side
            return StickBone(parent, child, side: side == .left ? .left : (side == .right ? .right : .centre))
        }
        return StickFigureMotion(title: item.title, frames: frames, bones: bones,
                                 rootTrajectory: frames.map { $0[0] },
                                 headJoint: skeleton.names.firstIndex(of: SMPLJoint.head.name),
                                 fps: fps ?? j.fps)
    }
}
