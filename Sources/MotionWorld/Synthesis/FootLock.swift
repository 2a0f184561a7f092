import Foundation
import Motion

/// Pins feet that are down but not bearing the weight (the second foot of a keyed kick, a
/// lunge, a transition): while a foot stays within 2 cm of the floor, two-bone leg IK holds
/// its toe where it touched down, with the foot's orientation kept; after it lifts, the leg
/// eases back to the program over a few airborne frames, where moving is not sliding. A held
/// foot the program has moved more than 5 cm away steps there (lifted, carried, set down).
enum FootLock {
    static let contactHeight: Float = 0.02
    /// The hip must be this far above the foot for the leg to be adjustable (not kneeling, lying).
    static let minimumLegHeight: Float = 0.45
    static let releaseFrames = 6
    /// A held foot this far (m, horizontally) from where the program wants it takes a step …
    static let stepDistance: Float = 0.05
    /// … lasting this many frames (at 30 fps, a third of a second), lifted this high (m).
    static let stepFrames = 10
    static let stepLift: Float = 0.05

    static func horizontal(_ v: SIMD3<Float>) -> Float { (v.x * v.x + v.y * v.y).squareRoot() }

    static func apply(to motion: inout SMPLMotion) {
        let frames = motion.frameCount
        guard frames > 2 else { return }
        let joints = motion.joints()
        for leg in LegReach.Leg.both {
            var locked: SIMD3<Float>? = nil
            var release = 0
            var lastTarget = SIMD3<Float>.zero
            let down = (0..<frames).map { t in
                let foot = joints[frame: t, joint: leg.foot], hip = joints[frame: t, joint: leg.hip]
                return foot.z < contactHeight && hip.z - foot.z > minimumLegHeight
            }
            var step: (from: SIMD3<Float>, start: Int)? = nil
            for t in 0..<frames {
                let foot = joints[frame: t, joint: leg.foot]
                var target: SIMD3<Float>? = nil
                if step == nil, down[t] {
                    if locked == nil {
                        // Back down right after being held: from where it was held, not where the program put it.
                        let place = settledPlace(joints, foot: leg.foot, from: t, down: down)
                        locked = release > 0 && horizontal(place - lastTarget) > stepDistance ? lastTarget : place
                    }
                    // The program drags the foot along the floor (a transition into another
                    // stance): a person would step, so lift it and set it down where the program wants it.
                    if horizontal(locked! - foot) > stepDistance { step = (SIMD3(locked!.x, locked!.y, foot.z), t); locked = nil }
                }
                if let s = step {
                    let u = Float(t - s.start + 1) / Float(stepFrames)
                    // Up first, across in the middle, down last: no horizontal motion near the floor.
                    var p = s.from + (foot - s.from) * smootherstep((u - 0.25) / 0.5)
                    p.z = max(p.z, foot.z) + stepLift * sin(.pi * min(u, 1))
                    target = p
                    release = releaseFrames; lastTarget = p
                    if t - s.start + 1 >= stepFrames { step = nil; locked = down[t] ? foot : nil }
                } else if down[t] {
                    target = SIMD3(locked!.x, locked!.y, foot.z)
                    release = releaseFrames
                    lastTarget = target!
                } else if locked != nil || release > 0 {
                    locked = nil
                    // Ease from the last pinned place back to the program while in the air, fully
                    // held on the first airborne frame: a lift-off that moved sideways at once
                    // would count as sliding on the last contact frame.
                    let w = smootherstep(Float(release) / Float(releaseFrames))
                    target = foot + (lastTarget - foot) * SIMD3(w, w, 0)
                    release -= 1
                }
                if let target, length(target - foot) > 1e-4 {
                    LegReach.reach(&motion, frame: t, leg: leg, toe: target)
                }
            }
        }
    }

    /// Where the foot of the contact starting at `start` comes to rest: its place at the first
    /// frame within 2 mm of the contact's lowest height. The first frame under 2 cm may still
    /// be the end of a landing's arc (the root keeps its flight velocity for that frame), and
    /// holding the foot there would drag it against the stance the ground contact pinned.
    private static func settledPlace(_ joints: JointSequence, foot: Int, from start: Int, down: [Bool]) -> SIMD3<Float> {
        var end = start
        while end < down.count && down[end] { end += 1 }
        var lowest = Float.greatestFiniteMagnitude
        for t in start..<end { lowest = min(lowest, joints[frame: t, joint: foot].z) }
        for t in start..<end where joints[frame: t, joint: foot].z <= lowest + 0.002 { return joints[frame: t, joint: foot] }
        return joints[frame: start, joint: foot]
    }
}
