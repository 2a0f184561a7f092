import Foundation
import Motion

/// Why a performance cannot be synthesised.
public enum SynthesisError: Error, CustomStringConvertible, Equatable {
    case unknownAction(String)
    case unknownStyle(String)
    case emptySequence

    public var description: String {
        switch self {
        case let .unknownAction(id): return "unknown action \"\(id)\" (see `runner world info` for the lexicon)"
        case let .unknownStyle(id): return "unknown style \"\(id)\" (styles are listed in the lexicon's \"styles\")"
        case .emptySequence: return "a take needs at least one performance"
        }
    }
}

/// Synthesises SMPL motion for a sequence of performances (1–3 in the World's takes): each
/// action's program, smooth transitions between them, then the root placed on the floor by
/// `GroundContact`.
public struct MotionSynthesizer: Sendable {
    public let lexicon: Lexicon
    /// The native frame rate of World takes (curation resamples to 20 fps).
    public let fps: Double
    let rig = PoseRig()

    public init(lexicon: Lexicon = .standard, fps: Double = 30) {
        self.lexicon = lexicon; self.fps = fps
        styles = Dictionary(uniqueKeysWithValues: lexicon.styles.map { ($0.id, $0) })
        actions = Dictionary(uniqueKeysWithValues: lexicon.actions.map { ($0.id, $0) })
    }

    private let styles: [String: StyleSpec]
    private let actions: [String: ActionSpec]

    /// The motion and each performance's time span (seconds; transitions are split between
    /// their neighbours).
    public func synthesize(_ performances: [Performance]) throws -> (motion: SMPLMotion, spans: [ClosedRange<Double>]) {
        guard !performances.isEmpty else { throw SynthesisError.emptySequence }
        var frames: [FrameSpec] = []
        var boundaries: [Int] = [0]
        var heading: Float = 0
        for (n, perf) in performances.enumerated() {
            var part = try programFrames(perf, heading: heading)
            if n > 0, let last = frames.last {
                let transition = transitionFrames(from: last, to: part[0])
                boundaries[n] = frames.count + transition.count / 2
                frames += transition
            }
            heading = part[part.count - 1].heading
            frames += part
            part.removeAll()
            boundaries.append(frames.count)
        }
        let motion = build(frames)
        let spans = (0..<performances.count).map {
            Double(boundaries[$0]) / fps ... Double(max(boundaries[$0 + 1], boundaries[$0] + 1)) / fps
        }
        return (motion, spans)
    }

    /// The frames of one performance, facing `heading` at its start.
    func programFrames(_ perf: Performance, heading: Float) throws -> [FrameSpec] {
        guard let action = actions[perf.actionID] else { throw SynthesisError.unknownAction(perf.actionID) }
        var style: StyleSpec? = nil
        if let id = perf.style {
            guard let s = styles[id] else { throw SynthesisError.unknownStyle(id) }
            style = s
        }
        var base = Pose.neutral
        for (name, v) in style?.posture ?? [:] { base[PoseChannel.byName[name]!] += v }
        var frames: [FrameSpec]
        switch action.engine {
        case .gait:
            var b = base
            for (name, v) in lexicon.poses[action.gait!.basePose ?? ""] ?? [:] { b[PoseChannel.byName[name]!] = v }
            for (name, v) in action.gait!.pose ?? [:] { b[PoseChannel.byName[name]!] = v + (style?.posture?[name] ?? 0) }
            frames = GaitEngine(rig: rig).frames(action.gait!, perf, style: style, base: b, heading: heading, fps: fps)
            if perf.leftHanded { for i in frames.indices { frames[i].pose = frames[i].pose.mirrored } }
        case .keys:
            frames = KeysEngine(poses: lexicon.poses).frames(action.keys!, perf, style: style, base: base, heading: heading, fps: fps)
        }
        return frames
    }

    /// Blend frames from the end of one action to the start of the next, long enough that
    /// no joint moves faster than about 150°/s.
    private func transitionFrames(from a: FrameSpec, to b: FrameSpec) -> [FrameSpec] {
        var largest: Float = 0
        for i in 0..<PoseChannel.count { largest = max(largest, abs(a.pose.values[i] - b.pose.values[i])) }
        let seconds = min(max(largest / 150, 0.3), 1.2)
        let count = Int((Double(seconds) * fps).rounded())
        return (0..<count).map { i in
            let w = smootherstep(Float(i + 1) / Float(count + 1))
            return FrameSpec(pose: Pose.blend(a.pose, b.pose, w), heading: a.heading + (b.heading - a.heading) * w)
        }
    }

    /// Rotations by the rig, then the root by ground contact.
    private func build(_ frames: [FrameSpec]) -> SMPLMotion {
        let n = SMPLJoint.count
        var rotations = [Mat3](repeating: .identity, count: frames.count * n)
        var relative = [SIMD3<Float>](repeating: .zero, count: frames.count * n)
        var scratch = [Mat3](repeating: .identity, count: n)
        for (t, f) in frames.enumerated() {
            rig.rotations(f.pose, heading: f.heading, into: &rotations, at: t * n)
            rig.relativePositions(rotations, at: t * n, into: &relative, at: t * n, world: &scratch)
        }
        let root = GroundContact.rootTrajectory(frames: frames, relative: relative, fps: fps)
        var motion = SMPLMotion(fps: fps, rootTranslation: root, rotations: rotations)
        FootLock.apply(to: &motion)
        return motion
    }
}
