import Foundation

/// MBench's Foot Floating dimension, following the public reference rule set exactly
/// (`compute_foot_floating` in `mbench/motion_quality.py` of the ViMoGen code).
///
/// Definitions (per frame t, Float32, velocities are forward differences with the last one
/// repeated):
/// - contact(t, foot): foot speed < 0.01 m/frame or foot height < 0.02 m;
/// - root speed r = ‖Δpelvis‖; foot speed s = ‖Δfoot‖; relative speed p = ‖Δ(foot − pelvis)‖;
///   rate = p / (r + 1e-6).
///
/// Three contributions, summed and divided by the frame count T:
/// 1. **Frame rule.** Frames with r < 0.001 are skipped. A foot is *invalid* when
///    (rate < 0.6 and s > 1.2e-4) or (rate > 1.75 and s > 1.2e-4 and r > 1.2e-4): the foot
///    moves with the body instead of swinging relative to it, or swings far faster.
///    If both feet are in contact and both invalid, both are flagged; else if only the left is
///    in contact and invalid, it is flagged; else if only the right is in contact and invalid,
///    it is flagged. Each frame with at least one flagged foot counts 1.
/// 2. **Sequence rule.** For each foot, each run of no-contact frames of length ≥ 4 in which at
///    most half the frames have r < 0.001: the runs of consecutive frames with rate < 0.4
///    inside it; their lengths are summed over both feet and counted **half**.
/// 3. **Mass rule.** For every overlap [s, e] of a left and a right no-contact run with s < e
///    and e − s + 1 ≥ 4: the angle (degrees) between the left foot's displacement from frame
///    s to frame f and its displacement from s to e, for f = s+1 … e; if that series has more
///    than 2 local maxima (scipy `find_peaks` with default settings: strict maxima, a flat top
///    counts once), the overlap's length e − s + 1 counts in full. Only the left foot is used,
///    as in the reference.
///
/// A consequence the reference has and we keep: a body gliding rigidly with its feet down
/// (every frame's rate is 0) scores 1.0.
public enum FootFloating {
    static let rootSpeedFloor: Float = 0.001
    static let lowRate: Float = 0.6
    static let highRate: Float = 1.75
    static let sequenceRate = Float(0.6 - 0.2)
    static let footMotionFloor: Float = 1.2e-4
    static let minimumRun = 4

    static func unvalidatedScore(_ joints: JointSequence) -> Double {
        let frames = joints.frameCount
        let feet = FootKinematics(joints)
        let root = (0..<frames).map { joints[frame: $0, joint: 0] }
        let rootSpeed = forwardDifferences(root, stride: 1).map { length($0) }
        var relative = feet.position
        for i in relative.indices { relative[i] -= root[i / 2] }
        let relativeVelocity = forwardDifferences(relative, stride: 2)

        // Rates for every frame, index t * 2 + foot (the sequence rule reads them even where
        // the frame rule skips the frame).
        var rate = [Float](repeating: 0, count: frames * 2)
        var flagged = 0
        for t in 0..<frames {
            let r = rootSpeed[t]
            var invalid = (false, false)
            for k in 0..<2 {
                let i = t * 2 + k
                rate[i] = length(relativeVelocity[i]) / (r + 1e-6)
                let s = length(feet.velocity[i])
                let tooSlow = rate[i] < lowRate && s > footMotionFloor
                let tooFast = rate[i] > highRate && s > footMotionFloor
                if k == 0 { invalid.0 = tooSlow || (tooFast && r > footMotionFloor) } else { invalid.1 = tooSlow || (tooFast && r > footMotionFloor) }
            }
            if r < rootSpeedFloor { continue }
            let left = feet.contact[t * 2], right = feet.contact[t * 2 + 1]
            if left && right {
                if invalid.0 && invalid.1 { flagged += 1 }
            } else if left && invalid.0 {
                flagged += 1
            } else if right && invalid.1 {
                flagged += 1
            }
        }

        let noContact = (0..<2).map { k in runs(of: (0..<frames).map { !feet.contact[$0 * 2 + k] }) }

        var slowRunFrames = 0
        for k in 0..<2 {
            for run in noContact[k] where run.count >= minimumRun {
                let still = run.filter { rootSpeed[$0] < rootSpeedFloor }.count
                if Double(still) / Double(run.count) > 0.5 { continue }
                for slow in runs(of: run.map { rate[$0 * 2 + k] < sequenceRate }) { slowRunFrames += slow.count }
            }
        }

        var massFrames = 0
        for left in noContact[0] {
            for right in noContact[1] {
                let s = max(left.lowerBound, right.lowerBound), e = min(left.upperBound, right.upperBound) - 1
                guard s < e, e - s + 1 >= minimumRun else { continue }
                let start = feet.position[s * 2], whole = feet.position[e * 2] - start
                let angles = ((s + 1)...e).map { degreesBetween(feet.position[$0 * 2] - start, whole) }
                if localMaximaCount(angles) > 2 { massFrames += e - s + 1 }
            }
        }

        return (Double(flagged) + Double(slowRunFrames) / 2 + Double(massFrames)) / Double(frames)
    }

    /// Half-open index ranges of the runs of `true` values.
    static func runs(of mask: [Bool]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int?
        for (i, m) in mask.enumerated() {
            if m, start == nil { start = i }
            if !m, let s = start { out.append(s..<i); start = nil }
        }
        if let s = start { out.append(s..<mask.count) }
        return out
    }

    /// The angle between two vectors in degrees, each normalised with a 1e-6 guard, as the
    /// reference's `calculate_angle` + `rad2deg`.
    static func degreesBetween(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float {
        let ua = a / (length(a) + 1e-6), ub = b / (length(b) + 1e-6)
        let cosine = min(1, max(-1, ua.x * ub.x + ua.y * ub.y + ua.z * ub.z))
        return abs(acos(cosine) * Float(180 / Double.pi))
    }

    /// The number of peaks `scipy.signal.find_peaks(x)` finds with no conditions: samples
    /// strictly above their left neighbour and above the first different sample to their
    /// right (plateaus count once); the ends never count.
    static func localMaximaCount(_ x: [Float]) -> Int {
        var count = 0, i = 1
        let last = x.count - 1
        while i < last {
            if x[i - 1] < x[i] {
                var ahead = i + 1
                while ahead < last && x[ahead] == x[i] { ahead += 1 }
                if x[ahead] < x[i] { count += 1; i = ahead }
            }
            i += 1
        }
        return count
    }
}
