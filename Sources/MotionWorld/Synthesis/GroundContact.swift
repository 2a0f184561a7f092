import Foundation
import Motion

/// Places the root so that the motion is physically plausible by construction:
///
/// - on the floor, the lowest joint touches z = 0 (no penetration, no floating);
/// - the weight-bearing joint stays where it was put down — the root follows the stance
///   foot (or hand, knee, back …), so nothing that supports the body slides;
/// - in the air the root flies on a ballistic arc with the velocity it left the floor with.
enum GroundContact {
    /// A joint stays the stance joint while it is within this height of the lowest joint (m).
    static let stanceTolerance: Float = 0.01
    /// The lowest joint is kept this far above the floor (m): resampling's low-pass may then
    /// round a landing by a few millimetres without sinking a foot (joints sit above a sole).
    static let clearance: Float = 0.008

    /// Root translations for `frames` whose joint positions relative to the pelvis are
    /// `relative` (22 per frame, root orientation applied).
    static func rootTrajectory(frames: [FrameSpec], relative: [SIMD3<Float>], fps: Double) -> [SIMD3<Float>] {
        let n = SMPLJoint.count, count = frames.count
        guard count > 0 else { return [] }
        var minZ = [Float](repeating: 0, count: count), lowest = [Int](repeating: 0, count: count)
        for t in 0..<count {
            var m = Float.greatestFiniteMagnitude, arg = 0
            for j in 0..<n where relative[t * n + j].z < m { m = relative[t * n + j].z; arg = j }
            minZ[t] = m; lowest[t] = arg
        }
        // Height: grounded frames put the lowest joint on the floor; airborne frames interpolate
        // that contact height between take-off and landing and add the ballistic lift.
        var z = [Float](repeating: 0, count: count)
        var t = 0
        while t < count {
            if !frames[t].airborne { z[t] = -minZ[t]; t += 1; continue }
            var end = t
            while end < count && frames[end].airborne { end += 1 }
            let before = t > 0 ? -minZ[t - 1] : -minZ[t]
            let after = end < count ? -minZ[end] : before
            for u in t..<end {
                let w = Float(u - t + 1) / Float(end - t + 1)
                z[u] = max(before + (after - before) * w + frames[u].lift, -minZ[u])
            }
            t = end
        }
        // Round the corners of landings and changes of the lowest joint (a rounded corner only
        // ever lifts the body, never sinks it), so that resampling's low-pass keeps feet above
        // the floor.
        let smoothed = gaussianSmooth(z, sigma: 1.5)
        for t in 0..<count { z[t] = max(smoothed[t], -minZ[t]) + clearance }
        // Horizontal: the stance joint is pinned; a change of stance re-pins at the new joint's
        // current place; flight keeps the take-off velocity plus the program's push.
        let dt = Float(1 / fps)
        var xy = [SIMD2<Float>](repeating: .zero, count: count)
        var stance = frames[0].support ?? lowest[0]
        var anchor = SIMD2(relative[stance].x, relative[stance].y)
        var velocity = SIMD2<Float>.zero
        func rel(_ t: Int, _ j: Int) -> SIMD2<Float> { SIMD2(relative[t * n + j].x, relative[t * n + j].y) }
        let touchdown = touchdownJoints(frames: frames, relative: relative, z: z, lowest: lowest)
        var landedEarly = false
        for t in 1..<count {
            if frames[t].airborne {
                if !frames[t - 1].airborne { velocity = t >= 2 ? xy[t - 1] - xy[t - 2] : .zero; landedEarly = false }
                if landedEarly { xy[t] = anchor - rel(t, stance); continue }
                xy[t] = xy[t - 1] + velocity + frames[t].push * dt
                if let j = touchdown[t] { stance = j; anchor = xy[t] + rel(t, j); landedEarly = true }
                continue
            }
            if frames[t - 1].airborne && landedEarly {
                // Already pinned on the way down: the landing joint simply stays.
                landedEarly = false
                xy[t] = anchor - rel(t, stance)
                continue
            }
            if frames[t - 1].airborne {
                // Landing: continue the arc for this frame, then pin whatever touched down.
                xy[t] = xy[t - 1] + velocity + frames[t].push * dt
                stance = frames[t].support ?? lowest[t]
                anchor = xy[t] + rel(t, stance)
                continue
            }
            // The old stance joint still holds this frame; a new one is pinned where it is.
            xy[t] = anchor - rel(t, stance)
            // The program's stance foot if it really is down, else the current one while it
            // stays down, else whatever is lowest now.
            func isDown(_ j: Int) -> Bool { relative[t * n + j].z - minZ[t] <= stanceTolerance }
            let next: Int
            if let s = frames[t].support, isDown(s) { next = s }
            else if isDown(stance) { next = stance }
            else { next = lowest[t] }
            if next != stance { stance = next; anchor = xy[t] + rel(t, stance) }
        }
        let origin = xy[0]
        return (0..<count).map { SIMD3(xy[$0].x - origin.x, xy[$0].y - origin.y, z[$0]) }
    }

    /// For the last frames of each flight, the joint that will land, if it is already within
    /// the contact height (2 cm) from there to the landing: that joint is pinned on the way
    /// down, so it is not still carried along by the flight while the contact test counts it.
    static func touchdownJoints(frames: [FrameSpec], relative: [SIMD3<Float>], z: [Float], lowest: [Int]) -> [Int?] {
        let n = SMPLJoint.count, count = frames.count
        var out = [Int?](repeating: nil, count: count)
        var t = 0
        while t < count {
            guard frames[t].airborne else { t += 1; continue }
            var end = t
            while end < count && frames[end].airborne { end += 1 }
            if end < count {
                let j = frames[end].support ?? lowest[end]
                var u = end - 1
                // Only the tail that stays low: frames above it keep flying.
                while u >= t && z[u] + relative[u * n + j].z < FootLock.contactHeight { out[u] = j; u -= 1 }
            }
            t = end
        }
        return out
    }

    /// `values` convolved with a normalised Gaussian (edges use the available samples).
    static func gaussianSmooth(_ values: [Float], sigma: Float) -> [Float] {
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        return values.indices.map { t in
            var sum: Float = 0, total: Float = 0
            for k in -radius...radius where t + k >= 0 && t + k < values.count {
                sum += weights[k + radius] * values[t + k]; total += weights[k + radius]
            }
            return sum / total
        }
    }
}
