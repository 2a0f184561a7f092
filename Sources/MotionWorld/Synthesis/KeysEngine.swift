import Foundation

/// Keyframed and oscillating actions: gestures, sports moves, dances, posture changes,
/// jumps, flips and falls.
///
/// A repetition runs through the keyframes (smooth, no overshoot, so joint ranges hold) plus
/// sinusoids; whole-body yaw is folded into the facing so spins and turns accumulate; flights
/// are marked airborne and given a ballistic arc; posture changes hold their final pose.
struct KeysEngine {
    static let rootChannels: Set<PoseChannel> = [.rootPitch, .rootRoll, .rootYaw]
    /// Seconds over which oscillations fade in and out at the ends of an action.
    static let oscillationFade: Float = 0.3

    let poses: [String: [String: Float]]

    func frames(_ spec: KeysSpec, _ perf: Performance, style: StyleSpec?, base neutral: Pose,
                heading start: Float, fps: Double) -> [FrameSpec] {
        let (tempo, amplitude) = Effort.limited(tempo: perf.tempo * (style?.tempo ?? 1),
                                                amplitude: perf.amplitude * (style?.amplitude ?? 1))
        let period = spec.period / tempo
        let holds = spec.hold != nil
        let reps = holds ? 1 : max(1, perf.repetitions)
        let duration = Float(reps) * period + (spec.hold ?? 0)
        let count = max(2, Int((Double(duration) * fps).rounded()))
        let keyPoses = keyframes(spec, base: neutral, amplitude: amplitude, holds: holds)
        let oscillators: [(PoseChannel, [Float])] = (spec.osc ?? [:]).sorted { $0.key < $1.key }
            .map { (PoseChannel.byName[$0.key]!, $0.value) }
        let yawPerRep = keyPoses.last!.1[.rootYaw] - keyPoses.first!.1[.rootYaw]
        let dt = Float(1 / fps)

        var out: [FrameSpec] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let t = Float(i) * dt
            let rep = min(Int(t / period), reps - 1)
            let phase = min((t - Float(rep) * period) / period, 1)
            var pose = interpolate(keyPoses, at: phase)
            let fade = smootherstep(t / Self.oscillationFade) * smootherstep((duration - t) / Self.oscillationFade)
            for (channel, o) in oscillators {
                let scale = Self.rootChannels.contains(channel) ? 1 : amplitude
                pose[channel] += scale * fade * o[0] * sin(2 * .pi * o[2] * phase + o[1] * .pi / 180)
            }
            if let sway = spec.sway {
                // On the clock, not the repetition phase, so the sway never restarts.
                let a = sway * amplitude * fade, w = 2 * Float.pi * t
                pose[.spineSide] += a * sin(0.4 * w)
                pose[.spineTwist] += 1.5 * a * sin(0.3 * w + 1)
                pose[.neckTurn] += a * sin(0.25 * w + 2)
                pose[.lShSwing] += a * sin(0.4 * w + 0.5)
                pose[.rShSwing] += a * sin(0.4 * w + 2)
            }
            if perf.leftHanded { pose = pose.mirrored }
            let yaw = pose[.rootYaw] + Float(rep) * (perf.leftHanded ? -yawPerRep : yawPerRep)
            pose[.rootYaw] = 0
            pose[.rootPitch] = wrapDegrees(pose[.rootPitch])
            pose[.rootRoll] = wrapDegrees(pose[.rootRoll])
            var frame = FrameSpec(pose: pose, heading: start + yaw * .pi / 180)
            if let f = spec.flight, let k = stride(from: 0, to: f.count, by: 2).first(where: { phase >= f[$0] && phase < f[$0 + 1] }) {
                frame.airborne = true
                let flightTime = (f[k + 1] - f[k]) * period
                if let travel = spec.travel, travel.count == 2 {
                    let side = perf.leftHanded ? -travel[0] : travel[0]
                    let c = cos(frame.heading), s = sin(frame.heading)
                    // Body (right, forward) to world: forward is the facing (−sin h, cos h).
                    frame.push = SIMD2(side * c - travel[1] * s, side * s + travel[1] * c) / flightTime
                }
            }
            out.append(frame)
        }
        Ballistics.addLift(to: &out, fps: fps)
        return out
    }

    /// Full poses at the key times, with the base at 0 and (for cycles) again at 1; changes
    /// from the base are scaled by `amplitude` except whole-body rotations.
    private func keyframes(_ spec: KeysSpec, base neutral: Pose, amplitude: Float, holds: Bool) -> [(Float, Pose)] {
        var base = neutral
        for (name, v) in poses[spec.basePose ?? ""] ?? [:] { base[PoseChannel.byName[name]!] = v }
        for (name, v) in spec.base ?? [:] { base[PoseChannel.byName[name]!] = v }
        var out: [(Float, Pose)] = [(0, base)]
        for key in spec.keys ?? [] {
            var pose = base
            var values = poses[key.pose ?? ""] ?? [:]
            for (name, v) in key.set ?? [:] { values[name] = v }
            for (name, v) in values {
                let c = PoseChannel.byName[name]!
                pose[c] = Self.rootChannels.contains(c) ? v : base[c] + (v - base[c]) * amplitude
            }
            if key.t == 0 { out[0] = (0, pose) } else { out.append((key.t, pose)) }
        }
        if out.last!.0 < 1 { out.append((1, holds ? out.last!.1 : out[0].1)) }
        return out
    }

    private func interpolate(_ keys: [(Float, Pose)], at phase: Float) -> Pose {
        var k = 0
        while k + 2 < keys.count && phase >= keys[k + 1].0 { k += 1 }
        let (t0, a) = keys[k], (t1, b) = keys[k + 1]
        return Pose.blend(a, b, smootherstep((phase - t0) / max(t1 - t0, 1e-6)))
    }
}

/// `degrees` wrapped into [−180, 180).
func wrapDegrees(_ degrees: Float) -> Float {
    var d = degrees.truncatingRemainder(dividingBy: 360)
    if d >= 180 { d -= 360 } else if d < -180 { d += 360 }
    return d
}
