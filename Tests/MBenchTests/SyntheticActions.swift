import Autograd
import Foundation
import Motion
@testable import MBench

/// A tiny procedural stand-in for the World in these tests: eight periodic actions with
/// per-clip random amplitude, tempo and phase, each with a few captions.
enum SyntheticActions {
    static let captions: [String: [String]] = [
        "wave": ["a person waves their right hand", "someone waving hello"],
        "squat": ["a person squats down and stands up", "someone doing squats"],
        "walk": ["a person walks forward", "someone walking straight ahead"],
        "jump": ["a person jumps up and down", "someone hopping in place"],
        "spin": ["a person turns around in circles", "someone spinning on the spot"],
        "kick": ["a person kicks with the right leg", "someone kicking forward"],
        "clap": ["a person claps their hands", "someone clapping"],
        "bow": ["a person bows forward", "someone bowing politely"],
    ]
    static var actions: [String] { captions.keys.sorted() }

    /// One clip of `action`, `frames` poses at 20 fps.
    static func motion(_ action: String, frames: Int = 61, rng: inout RandomGenerator) -> SMPLMotion {
        let amplitude = 0.75 + 0.5 * rng.uniform(), tempo = 0.8 + 0.4 * rng.uniform()
        let phase = 2 * Float.pi * rng.uniform()
        let n = SMPLJoint.count
        var rotations = [Mat3](repeating: .identity, count: frames * n)
        var root = [SIMD3<Float>](repeating: SIMD3(0, 0, 0.92), count: frames)
        func set(_ t: Int, _ joint: SMPLJoint, _ axis: SIMD3<Float>, _ angle: Float) {
            rotations[t * n + joint.rawValue] = Mat3(axis: axis, angle: angle) * rotations[t * n + joint.rawValue]
        }
        let x = SIMD3<Float>(1, 0, 0), y = SIMD3<Float>(0, 1, 0), z = SIMD3<Float>(0, 0, 1)
        for t in 0..<frames {
            let time = Float(t) / 20, s = sin(2 * .pi * tempo * time + phase)
            // Arms rest down by the sides unless the action moves them.
            set(t, .leftShoulder, y, -1.3); set(t, .rightShoulder, y, 1.3)
            switch action {
            case "wave":
                rotations[t * n + SMPLJoint.rightShoulder.rawValue] = Mat3(axis: y, angle: -0.3)
                set(t, .rightElbow, y, -0.9 - 0.5 * amplitude * s)
            case "squat":
                let depth = amplitude * (0.5 + 0.5 * s)
                set(t, .leftHip, x, 1.2 * depth); set(t, .rightHip, x, 1.2 * depth)
                set(t, .leftKnee, x, -2 * depth); set(t, .rightKnee, x, -2 * depth)
                root[t].z -= 0.35 * depth
            case "walk":
                set(t, .leftHip, x, 0.45 * amplitude * s); set(t, .rightHip, x, -0.45 * amplitude * s)
                set(t, .leftKnee, x, -0.4 * amplitude * max(0, -s)); set(t, .rightKnee, x, -0.4 * amplitude * max(0, s))
                root[t].y = 1.1 * tempo * time
            case "jump":
                let up = max(0, s)
                root[t].z += 0.25 * amplitude * up
                set(t, .leftKnee, x, -0.6 * (1 - up)); set(t, .rightKnee, x, -0.6 * (1 - up))
            case "spin":
                rotations[t * n] = Mat3(axis: z, angle: 2.5 * tempo * time + phase)
            case "kick":
                set(t, .rightHip, x, 1.1 * amplitude * max(0, s))
            case "clap":
                let open = 0.6 + 0.5 * amplitude * s
                rotations[t * n + SMPLJoint.leftShoulder.rawValue] = Mat3(axis: z, angle: open)
                rotations[t * n + SMPLJoint.rightShoulder.rawValue] = Mat3(axis: z, angle: -open)
            case "bow":
                set(t, .spine1, x, -0.7 * amplitude * (0.5 + 0.5 * s))
            default:
                preconditionFailure("unknown synthetic action \(action)")
            }
        }
        return SMPLMotion(fps: 20, rootTranslation: root, rotations: rotations)
    }

    /// `perAction` clips of every action as judge examples.
    static func examples(perAction: Int, seed: UInt64) throws -> [JudgeExample] {
        var rng = RandomGenerator(seed: seed)
        return try actions.flatMap { action in
            try (0..<perAction).map { _ in
                JudgeExample(frames: try FrameEncoding.encode(motion(action, rng: &rng)), captions: captions[action]!, actionID: action)
            }
        }
    }
}
