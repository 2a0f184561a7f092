import Foundation

/// Which side of the body a bone is on; left and right limbs get different colours.
public enum BoneSide: Sendable, Equatable {
    case left, right, centre
}

/// A bone of a stick figure: a segment between two joints (indices into a frame's points).
public struct StickBone: Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var side: BoneSide

    public init(_ from: Int, _ to: Int, side: BoneSide = .centre) {
        self.from = from
        self.to = to
        self.side = side
    }
}

/// A motion as Plot sees it: frames of 3D joint positions (Z up, metres), the bones joining
/// them, and a caption. Plot knows no skeleton; `Motion` builds these from its own types.
public struct StickFigureMotion: Sendable, Equatable {
    /// The caption drawn above the motion (the prompt, or "ours" / "baseline").
    public var title: String
    /// `frames[t][j]`: joint j at frame t, in metres, Z up, floor at z = 0.
    public var frames: [[SIMD3<Float>]]
    public var bones: [StickBone]
    /// Root (pelvis) position per frame; its path is drawn on the floor. Nil: no path.
    public var rootTrajectory: [SIMD3<Float>]?
    /// A joint drawn as a head (a disc of radius 0.1 m). Nil: no head disc.
    public var headJoint: Int?
    /// Frames per second, for time labels.
    public var fps: Double

    public init(title: String, frames: [[SIMD3<Float>]], bones: [StickBone],
                rootTrajectory: [SIMD3<Float>]? = nil, headJoint: Int? = nil, fps: Double = 20) {
        self.title = title
        self.frames = frames
        self.bones = bones
        self.rootTrajectory = rootTrajectory
        self.headJoint = headJoint
        self.fps = fps
    }

    /// Checks the motion can be drawn; errors name the motion, frame and joint.
    func validate() throws {
        let name = "motion '\(title)'"
        guard let first = frames.first, !first.isEmpty else {
            throw PlotError.noData(what: "\(name) (no frames or no joints)")
        }
        guard !bones.isEmpty else { throw PlotError.noData(what: "\(name) (no bones)") }
        guard fps > 0, fps.isFinite else { throw PlotError.invalidData("\(name): fps must be positive, got \(fps)") }
        let joints = first.count
        for (t, frame) in frames.enumerated() {
            guard frame.count == joints else {
                throw PlotError.invalidData("\(name), frame \(t): \(frame.count) joints, but frame 0 has \(joints)")
            }
            if let j = frame.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
                throw PlotError.invalidData("\(name), frame \(t), joint \(j): non-finite position \(frame[j])")
            }
        }
        for (b, bone) in bones.enumerated() where !(0..<joints).contains(bone.from) || !(0..<joints).contains(bone.to) {
            throw PlotError.invalidData("\(name), bone \(b): joints \(bone.from)–\(bone.to) outside 0..<\(joints)")
        }
        if let head = headJoint, !(0..<joints).contains(head) {
            throw PlotError.invalidData("\(name): head joint \(head) outside 0..<\(joints)")
        }
        if let root = rootTrajectory {
            guard root.count == frames.count else {
                throw PlotError.invalidData("\(name): root trajectory has \(root.count) points for \(frames.count) frames")
            }
            if let t = root.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
                throw PlotError.invalidData("\(name), frame \(t): non-finite root position \(root[t])")
            }
        }
    }
}
