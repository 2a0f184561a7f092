import Foundation
import Motion

/// Cyclic locomotion on planted footsteps.
///
/// The pelvis advances along a path with a smooth speed ramp up and down; each foot
/// alternates stance (fixed on the floor at a footstep) and swing (a smooth arc to the next
/// footstep, placed under the pelvis at the middle of its next stance). Leg joint angles come
/// from two-bone inverse kinematics onto those foot targets, so stance feet never slide and
/// a duty factor below one half gives a run's flight phase.
struct GaitEngine {
    let rig: PoseRig

    func frames(_ spec: GaitSpec, _ perf: Performance, style: StyleSpec?, base: Pose,
                heading start: Float, fps: Double) -> [FrameSpec] {
        // A gait keeps its character within about ±30 % of its nominal speed (a run pushed
        // further is a sprint, a separate action).
        // A walk has less headroom still: pushed past about +10 % it turns into a run.
        let walking = spec.duty >= 0.5
        let (tempo, amplitude) = Effort.limited(tempo: min(max(perf.tempo * (style?.tempo ?? 1), 0.6), walking ? 1.1 : 1.3),
                                                amplitude: min(perf.amplitude * (style?.amplitude ?? 1), walking ? 1.15 : 1.5))
        let directionFactor: Float = (perf.direction == .forward || perf.direction == .circle) ? 1 : 0.55
        let cadence = spec.cadence * pow(tempo, 0.8)  // people speed up mostly by stepping faster
        // Steps stay within 5 % of the nominal length: a longer step is beyond the leg's reach
        // and the planted foot would have to slide.
        let topSpeed = min(spec.speed * tempo * directionFactor * (0.85 + 0.15 * amplitude),
                           1.05 * directionFactor * spec.speed / spec.cadence * cadence)
        let stepPeriod = 1 / cadence, cycle = 2 * stepPeriod
        let swingTime = (1 - spec.duty) * cycle, stanceTime = spec.duty * cycle
        let duration = max(perf.duration, 1.5)
        let count = Int((Double(duration) * fps).rounded())
        let dt = Float(1 / fps), ramp = min(0.7, duration / 4)

        // Pelvis progress along the path.
        var progress = [Float](repeating: 0, count: count + 1)
        func speed(_ t: Float) -> Float { topSpeed * smootherstep(t / ramp) * smootherstep((duration - t) / ramp) }
        for i in 1...count { progress[i] = progress[i - 1] + 0.5 * (speed(Float(i - 1) * dt) + speed(Float(i) * dt)) * dt }
        func pathAt(_ t: Float) -> Float {
            let x = min(max(t / dt, 0), Float(count)), i = min(Int(x), count - 1), w = x - Float(i)
            return progress[i] + (progress[i + 1] - progress[i]) * w
        }

        // Footsteps per foot: (swing start, landing position, previous position).
        struct Swing { var start: Float; var from: Float; var to: Float }
        var swings: [[Swing]] = [[], []]
        for foot in 0..<2 {
            var at: Float = 0, t = 0.15 + Float(foot) * stepPeriod
            while t + swingTime <= duration {
                let landing = t + swingTime
                let target = pathAt(min(landing + stanceTime / 2, duration))
                if abs(target - at) >= 0.01 { swings[foot].append(Swing(start: t, from: at, to: target)); at = target }
                t += cycle
            }
        }

        let u = perf.direction.bodyVector
        let swingHeight = max(spec.swing * (0.75 + 0.25 * amplitude), 0.06)
        let kick = (spec.hipKick ?? 0) * amplitude, stiff = spec.stiff ?? 0
        let crouch = min(max(spec.crouch ?? 0, 0), 0.4)
        let legReach = rig.thigh + rig.shank
        let hipOffsets = [rig.skeleton.offsets[SMPLJoint.leftHip.rawValue], rig.skeleton.offsets[SMPLJoint.rightHip.rawValue]]
        let turnRate = (perf.direction == .circle ? (perf.turn == 0 ? 40 : perf.turn) : perf.turn) * .pi / 180
        let armAmplitude = (spec.arms ?? 20) * amplitude
        let stepLength = max(topSpeed * stepPeriod, 0.2)
        // Carry the pelvis low enough that the stance foot reaches the floor at both ends of
        // its stance (a longer stride needs more bent knees), else the swing foot would land first.
        let stanceHalf = topSpeed * stanceTime / 2
        let legHeight = min(legReach * (0.97 - crouch),
                            (max(0.2, pow(legReach + 0.06, 2) - stanceHalf * stanceHalf)).squareRoot())

        var out: [FrameSpec] = []
        out.reserveCapacity(count)
        var armSwing: [Float] = []
        var heading = start
        for i in 0..<count {
            let t = Float(i) * dt
            let x = progress[i]
            if i > 0 { heading += turnRate * (topSpeed > 0 ? speed(t) / topSpeed : 0) * dt }
            var pose = base
            var along = [Float](repeating: 0, count: 2)
            var inStance = [true, true]
            var stanceSince: [Float] = [-1, -1]
            for foot in 0..<2 {
                var position: Float = 0, height: Float = 0, phase: Float = -1
                stanceSince[foot] = -1
                for s in swings[foot] {
                    if t >= s.start + swingTime { position = s.to; stanceSince[foot] = s.start + swingTime; continue }
                    if t >= s.start {
                        phase = (t - s.start) / swingTime
                        // The foot lifts before it travels and travels before it sets down, so
                        // it never skims the floor (a slide, to the contact test).
                        // A cubic (not quintic) travel profile: the same stops, a fifth less acceleration.
                        let u = min(max((phase - 0.1) / 0.8, 0), 1)
                        position = s.from + (s.to - s.from) * u * u * (3 - 2 * u)
                        height = swingHeight * smootherstep(phase / 0.3) * smootherstep((1 - phase) / 0.3)
                        inStance[foot] = false
                    }
                    break
                }
                along[foot] = position - x
                let hip = hipOffsets[foot]
                let target = SIMD3<Float>(hip.x + u.x * along[foot], hip.y + u.y * along[foot],
                                          hip.z - legHeight + height)
                var (flex, abduct, knee, footPitch) = legIK(target - hip, outward: foot == 0 ? -1 : 1)
                var ankle = knee - flex + footPitch
                if phase >= 0 {
                    let bump = sin(Float.pi * phase)
                    flex += kick * bump
                    knee *= 1 - stiff * bump
                    ankle += 10 * bump
                }
                let side: (PoseChannel, PoseChannel, PoseChannel, PoseChannel) = foot == 0
                    ? (.lHipFlex, .lHipAbd, .lKnee, .lAnkle) : (.rHipFlex, .rHipAbd, .rKnee, .rAnkle)
                pose[side.0] = flex; pose[side.1] = abduct; pose[side.2] = knee; pose[side.3] = ankle
            }
            armSwing.append(armAmplitude * min(max((along[1] - along[0]) / stepLength, -1), 1))
            var frame = FrameSpec(pose: pose, heading: heading)
            switch (inStance[0], inStance[1]) {
            case (true, true): frame.support = SMPLJoint.feet[stanceSince[0] <= stanceSince[1] ? 0 : 1].rawValue
            case (true, false): frame.support = SMPLJoint.leftFoot.rawValue
            case (false, true): frame.support = SMPLJoint.rightFoot.rawValue
            case (false, false): frame.airborne = true
            }
            out.append(frame)
        }
        // Arms swing against the legs, but as pendulums: smoothly, without the feet's stops and starts.
        let smoothSwing = Self.smoothed(armSwing, sigma: Float(fps) * 0.07)
        for i in out.indices {
            out[i].pose[.lShSwing] += smoothSwing[i]
            out[i].pose[.rShSwing] -= smoothSwing[i]
        }
        Ballistics.addLift(to: &out, fps: fps)
        return out
    }

    /// `x` convolved with a normalised Gaussian of `sigma` samples (ends held).
    static func smoothed(_ x: [Float], sigma: Float) -> [Float] {
        guard sigma > 0, x.count > 1 else { return x }
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        return x.indices.map { i in
            var acc: Float = 0
            for k in -radius...radius { acc += weights[k + radius] * x[min(max(i + k, 0), x.count - 1)] }
            return acc / total
        }
    }

    /// Hip flexion, hip abduction and knee flexion (degrees) that put the ankle at `v`
    /// (from the hip joint, body frame); unreachable targets straighten the leg toward them.
    /// Also returns the foot pitch (degrees, toes up positive) that keeps the toe on its
    /// target when the ankle falls short: the heel rises and the foot rolls over the toe.
    func legIK(_ v: SIMD3<Float>, outward: Float) -> (Float, Float, Float, Float) {
        let r2d: Float = 180 / .pi
        let abduct = atan2(outward * v.x, -v.z)
        let sagittalDown = (v.x * v.x + v.z * v.z).squareRoot()
        let reach = rig.thigh + rig.shank
        let wanted = (sagittalDown * sagittalDown + v.y * v.y).squareRoot()
        let distance = min(max(wanted, 0.2), reach * 0.999)
        let forward = atan2(v.y, sagittalDown)
        var pitch: Float = 0
        if wanted > distance {
            // Reached ankle (y forward, z down-negative) vs the toe the level foot would have had.
            let reached = SIMD2<Float>(v.y, -sagittalDown) * (distance / wanted)
            let toe = SIMD2<Float>(v.y, -sagittalDown) + rig.footVector
            let d = toe - reached
            pitch = (atan2(d.y, d.x) - atan2(rig.footVector.y, rig.footVector.x)) * r2d
        }
        let l1 = rig.thigh, l2 = rig.shank
        let kneeInterior = acos(min(max((l1 * l1 + l2 * l2 - distance * distance) / (2 * l1 * l2), -1), 1))
        let thighOffset = acos(min(max((l1 * l1 + distance * distance - l2 * l2) / (2 * l1 * distance), -1), 1))
        return ((forward + thighOffset) * r2d, abduct * r2d, (Float.pi - kneeInterior) * r2d, pitch)
    }
}

/// Ballistic lift of airborne stretches: the root's height above the contact height follows
/// free fall, ½·g·τ·(d − τ) over a flight of d seconds.
enum Ballistics {
    static let gravity: Float = 9.81

    static func addLift(to frames: inout [FrameSpec], fps: Double) {
        var t = 0
        while t < frames.count {
            guard frames[t].airborne else { t += 1; continue }
            var end = t
            while end < frames.count && frames[end].airborne { end += 1 }
            let d = Float(end - t + 1) / Float(fps)
            for u in t..<end {
                let tau = Float(u - t + 1) / Float(fps)
                frames[u].lift = 0.5 * gravity * tau * (d - tau)
            }
            t = end
        }
    }
}
