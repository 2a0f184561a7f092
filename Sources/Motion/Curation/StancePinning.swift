/// Keeps planted feet planted when a motion is resampled.
///
/// Resampling filters and interpolates the root translation and the joint rotations
/// separately; forward kinematics of the result is not the interpolation of the source's
/// joint positions (a body spinning about a foot off the pelvis axis creeps at that foot, a
/// fast stance dips). The fix moves only the root: where a source foot is in stance, the new
/// pose is shifted so that foot lands exactly on its source trajectory (low-passed like the
/// rest, then interpolated linearly), a linear and so planting-preserving operation.
/// Between stances the shift is interpolated linearly, so it never jumps. Where the two feet
/// disagree (the filtered legs changed shape), a two-bone reach (`LegReach`) finishes the job.
enum StancePinning {
    /// A source foot weighs fully as stance below this horizontal speed (m/s) and not at all
    /// from twice it.
    static let stanceSpeed: Float = 0.12
    /// … and fades out over this height (m) above the lowest foot of the take.
    static let stanceHeight: Float = 0.08

    /// `resampled` with its root shifted so stance feet follow `source`'s feet.
    /// `times[k]` is pose k's time in source frames; `kernel` the low-pass used on `source`.
    static func pin(_ resampled: SMPLMotion, source: SMPLMotion, times: [Double], kernel: [Float]) -> SMPLMotion {
        let feet = SMPLJoint.feet.map(\.rawValue), n = SMPLJoint.count
        let sourceJoints = source.joints().positions, last = source.frameCount - 1
        let floor = feet.map { f in (0...last).map { sourceJoints[$0 * n + f].z }.min()! }.min()!
        // Each source foot's path, low-passed as the rotations and root were (a constant stays put).
        let paths = feet.map { f in TemporalFilter.convolve((0...last).map { sourceJoints[$0 * n + f] }, kernel) }
        let newJoints = resampled.joints().positions
        var shift = [SIMD3<Float>?](repeating: nil, count: times.count)
        var stance: [(side: Int, weight: Float, target: SIMD3<Float>)] = []
        for (k, s) in times.enumerated() {
            let i = min(Int(s.rounded(.down)), last), i1 = min(i + 1, last), f = Float(s - Double(i))
            var sum = SIMD3<Float>.zero, weight: Float = 0
            for (side, joint) in feet.enumerated() {
                let path = paths[side]
                let w = stanceWeight(path, i, i1, floor: floor, fps: Float(source.fps))
                guard w > 0 else { stance.append((side, 0, .zero)); continue }
                let target = path[i] * (1 - f) + path[i1] * f
                sum += w * (target - newJoints[k * n + joint]); weight += w
                stance.append((side, w, target))
            }
            if weight > 1e-3 { shift[k] = sum / weight }
        }
        guard shift.contains(where: { $0 != nil }) else { return resampled }
        var out = resampled
        for (k, d) in fillGaps(shift).enumerated() { out.rootTranslation[k] += d }
        // The shift fits both feet only where the legs kept their shape; a two-bone reach
        // puts each stance foot on its own path (in proportion to how much it bears weight).
        let shifted = out.joints().positions
        for (k, row) in stance.enumerated() where row.weight > 0 {
            let frame = k / feet.count, leg = LegReach.Leg.both[row.side]
            let foot = shifted[frame * n + leg.foot], goal = foot + row.weight * (row.target - foot)
            if length(goal - foot) > 2e-4 { LegReach.reach(&out, frame: frame, leg: leg, toe: goal) }
        }
        return out
    }

    /// How much a foot bears weight between source frames `i` and `i1` (0…1).
    static func stanceWeight(_ path: [SIMD3<Float>], _ i: Int, _ i1: Int, floor: Float, fps: Float) -> Float {
        let before = i > 0 ? path[i] - path[i - 1] : path[i1] - path[i]
        let step = i1 > i ? path[i1] - path[i] : before
        let speed = max(horizontal(step), horizontal(before)) * fps
        let bySpeed = min(1, max(0, 2 - speed / stanceSpeed))
        let height = min(path[i].z, path[i1].z) - floor
        let byHeight = min(1, max(0, 1 - height / stanceHeight))
        return bySpeed * byHeight
    }

    static func horizontal(_ v: SIMD3<Float>) -> Float { (v.x * v.x + v.y * v.y).squareRoot() }

    /// Shifts defined at stance poses, linearly interpolated between them and held at the ends.
    static func fillGaps(_ shift: [SIMD3<Float>?]) -> [SIMD3<Float>] {
        let known = shift.indices.filter { shift[$0] != nil }
        var out = [SIMD3<Float>](repeating: shift[known[0]]!, count: shift.count)
        for k in known[known.count - 1]..<shift.count { out[k] = shift[known[known.count - 1]]! }
        for (a, b) in zip(known, known.dropFirst()) {
            let da = shift[a]!, db = shift[b]!
            for k in a...b { out[k] = da + (db - da) * Float(k - a) / Float(b - a) }
        }
        return out
    }
}
