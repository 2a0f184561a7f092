import Autograd
import Foundation
import Motion

/// A small procedural motion set for measuring the model on real curated clips while the
/// World is not yet merged: ten actions written as joint-angle programs, performed with
/// random amplitude, tempo and phase, run through the real curation pipeline (30 fps takes →
/// 20 fps, canonical frame, quality filters, 276-dim features).
enum ProceduralActions {
    struct Action { let id: String; let caption: String; let pose: (Double, Float) -> (rotations: [SMPLJoint: Mat3], root: SIMD3<Float>, yaw: Float) }

    static let thigh: Float = 0.38, shin: Float = 0.40
    static func rx(_ a: Float) -> Mat3 { Mat3(axis: SIMD3(1, 0, 0), angle: a) }
    static func ry(_ a: Float) -> Mat3 { Mat3(axis: SIMD3(0, 1, 0), angle: a) }
    static func rz(_ a: Float) -> Mat3 { Mat3(axis: SIMD3(0, 0, 1), angle: a) }
    /// Arms hanging at the sides (the rest pose is a T-pose; canonical +x is the body's right).
    static let armsDown: [SMPLJoint: Mat3] = [.rightShoulder: ry(1.35), .leftShoulder: ry(-1.35)]

    static func legs(_ hip: (Float, Float), _ knee: (Float, Float)) -> [SMPLJoint: Mat3] {
        [.leftHip: rx(hip.0), .rightHip: rx(hip.1), .leftKnee: rx(-knee.0), .rightKnee: rx(-knee.1)]
    }

    static let actions: [Action] = [
        Action(id: "walk", caption: "a person walks forward") { t, a in
            let p = Float(2 * Double.pi * 0.9 * t)
            var r = legs((0.45 * a * sin(p), -0.45 * a * sin(p)), (0.7 * a * max(0, sin(p + 1.2)), 0.7 * a * max(0, -sin(p + 1.2))))
            r[.rightShoulder] = ry(1.35) * rx(0.4 * a * sin(p)); r[.leftShoulder] = ry(-1.35) * rx(-0.4 * a * sin(p))
            return (r, SIMD3(0, Float(t) * 1.2 * a, 0.02 * abs(sin(p))), 0)
        },
        Action(id: "run", caption: "a person runs forward") { t, a in
            let p = Float(2 * Double.pi * 1.5 * t)
            var r = legs((0.8 * a * sin(p), -0.8 * a * sin(p)), (1.3 * a * max(0, sin(p + 1)), 1.3 * a * max(0, -sin(p + 1))))
            r[.rightShoulder] = ry(1.2) * rx(0.8 * a * sin(p)); r[.leftShoulder] = ry(-1.2) * rx(-0.8 * a * sin(p))
            r[.rightElbow] = rx(1.2); r[.leftElbow] = rx(1.2)
            return (r, SIMD3(0, Float(t) * 3 * a, 0.06 * abs(sin(p))), 0)
        },
        Action(id: "wave", caption: "a person waves with the right hand") { t, a in
            var r = armsDown
            r[.rightShoulder] = ry(-0.9)
            r[.rightElbow] = ry(-0.8 - 0.5 * a * Float(sin(2 * Double.pi * 1.8 * t)))
            return (r, .zero, 0)
        },
        Action(id: "squat", caption: "a person squats down and stands up") { t, a in
            let s = Float((1 - cos(2 * Double.pi * 0.4 * t)) / 2) * a
            let hip = 1.3 * s, knee = 2.2 * s
            var r = legs((hip, hip), (knee, knee)); r[.leftAnkle] = rx(0.9 * s); r[.rightAnkle] = rx(0.9 * s)
            r.merge(armsDown) { a, _ in a }
            r[.rightShoulder] = ry(1.35) * rx(1.2 * s); r[.leftShoulder] = ry(-1.35) * rx(1.2 * s)
            let drop = thigh * (1 - cos(hip)) + shin * (1 - cos(hip - knee))
            let forward = thigh * sin(hip) + shin * sin(hip - knee)
            return (r, SIMD3(0, -forward, -drop), 0)
        },
        Action(id: "jump", caption: "a person jumps up and down") { t, a in
            let ph = Float((0.9 * t).truncatingRemainder(dividingBy: 1))
            let crouch = ph < 0.3 ? sin(Float.pi * ph / 0.3) : 0
            let air = ph >= 0.3 && ph < 0.7 ? sin(Float.pi * (ph - 0.3) / 0.4) : 0
            var r = legs((0.8 * crouch, 0.8 * crouch), (1.4 * crouch, 1.4 * crouch)); r.merge(armsDown) { a, _ in a }
            r[.rightShoulder] = ry(1.35 - 1.2 * air); r[.leftShoulder] = ry(-1.35 + 1.2 * air)
            return (r, SIMD3(0, 0, 0.35 * a * air - 0.15 * crouch), 0)
        },
        Action(id: "turn", caption: "a person turns around in place") { t, a in
            let p = Float(2 * Double.pi * 1.2 * t)
            var r = legs((0.25 * max(0, sin(p)), 0.25 * max(0, -sin(p))), (0.4 * max(0, sin(p)), 0.4 * max(0, -sin(p))))
            r.merge(armsDown) { a, _ in a }
            return (r, .zero, Float(t) * 1.4 * a)
        },
        Action(id: "circles", caption: "a person makes circles with both arms") { t, a in
            let p = Float(2 * Double.pi * 0.8 * t) * a
            return ([.rightShoulder: rx(p), .leftShoulder: rx(p)], .zero, 0)
        },
        Action(id: "kick", caption: "a person kicks with the right leg") { t, a in
            let ph = Float((0.7 * t).truncatingRemainder(dividingBy: 1))
            let k = ph < 0.5 ? sin(Float.pi * ph / 0.5) : 0
            var r = legs((0, 1.4 * a * k), (0, 0.9 * k * (1 - k) * 2)); r.merge(armsDown) { a, _ in a }
            return (r, .zero, 0)
        },
        Action(id: "bow", caption: "a person bows forward") { t, a in
            let s = Float((1 - cos(2 * Double.pi * 0.35 * t)) / 2) * a
            var r = armsDown
            r[.spine1] = rx(-0.5 * s); r[.spine2] = rx(-0.4 * s); r[.spine3] = rx(-0.2 * s)
            return (r, .zero, 0)
        },
        Action(id: "clap", caption: "a person claps the hands in front of the chest") { t, a in
            let s = Float((1 + sin(2 * Double.pi * 2 * t)) / 2)
            return ([.rightShoulder: rz(0.9 + 0.5 * a * s) * ry(0.2), .leftShoulder: rz(-0.9 - 0.5 * a * s) * ry(-0.2),
                     .rightElbow: rz(0.6), .leftElbow: rz(-0.6)], .zero, 0)
        },
    ]

    /// One 8-second take of `action` at 30 fps with random amplitude, tempo and phase.
    static func take(_ action: Action, index: Int, rng: inout RandomGenerator) -> Take {
        let amplitude = 0.8 + 0.4 * rng.uniform(), tempo = 0.85 + 0.3 * Double(rng.uniform()), phase = Double(rng.uniform()) * 3
        let frames = 240, n = SMPLJoint.count
        var rotations: [Mat3] = [], translation: [SIMD3<Float>] = []
        let standing = Float(0.93)
        for f in 0..<frames {
            let t = Double(f) / 30 * tempo + phase
            let pose = action.pose(t, amplitude)
            let start = action.pose(phase, amplitude).root
            let yaw = rz(pose.yaw)
            for j in 0..<n { rotations.append(j == 0 ? yaw : pose.rotations[SMPLJoint(rawValue: j)!] ?? .identity) }
            let root = pose.root - SIMD3(start.x, start.y, 0)
            translation.append(SIMD3(root.x, root.y, standing + root.z))
        }
        let motion = SMPLMotion(fps: 30, rootTranslation: translation, rotations: rotations)
        let captions = Captions(motion: action.caption, video: action.caption)
        return Take(id: "\(action.id)-\(index)", source: .opticalMocap, motion: motion,
                    segments: [TakeSegment(actionID: action.id, tier: "core", start: 0, end: 8, captions: captions)])
    }

    /// Curated clips: `takesPerAction` takes of each action (8 s → 2 clips each).
    static func curated(takesPerAction: Int, seed: UInt64) throws -> [MotionClip] {
        var rng = RandomGenerator(seed: seed)
        var takes: [Take] = []
        for action in actions { for i in 0..<takesPerAction { takes.append(take(action, index: i, rng: &rng)) } }
        var settings = CurationSettings()
        settings.tPoseTrimmer = nil
        return try Curator(settings)(takes).clips
    }
}
