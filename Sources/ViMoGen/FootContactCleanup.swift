import Motion

/// Foot-contact-aware post-processing of generated (denormalised) 276-dim frames, run after
/// `ChannelFusion` (with `legReach` set, `FootSkateCleanup` runs instead of what follows): the
/// clip is grounded (`groundQuantile`), then on frames where a foot is planted the whole body
/// is shifted horizontally by the opposite of that foot's horizontal step, so the stance foot
/// stays put and the root velocity agrees with it, and planted feet are pinned (`pinFeet`).
///
/// Why: at our scale the network gets poses right but the root translation velocity (dims
/// 273:276) and the joint velocities are each predicted with small independent errors; the
/// integrated stance foot then drifts a few millimetres per frame, which Foot Sliding counts on
/// every contact frame (the World's data locks planted feet, so its sliding is near zero).
///
/// The 276-dim layout has no contact channels, so contact is read from the frames themselves:
/// a foot whose integrated height is under `height` and whose horizontal speed is under
/// `speed` is planted, fully below `lockedFraction` of either bound and fading out linearly
/// above it (no sudden correction, which would show as jitter). With both feet planted the
/// slower one anchors. Rotations are untouched; the velocity channels (192:258, 273:276) and
/// the position channels (126:192, 270:273) move together, so direct and integrated decoding
/// still agree.
public struct FootContactCleanup: Codable, Sendable, Equatable {
    /// Foot height (m, floor at z = 0) under which a foot may be planted.
    public var height: Float = 0.08
    /// Horizontal foot speed (m per frame at 20 fps) under which a foot may be planted.
    public var speed: Float = 0.05
    /// Share of each bound below which the correction is full.
    public var lockedFraction: Float = 0.5

    /// After the whole-body shift, pin each planted foot where its contact began (foot and
    /// ankle joints fully, the knee by half) and let the offset fade over the next frames of
    /// swing: what the body shift cannot do when both feet are down and move apart. Only the
    /// joint position/velocity channels change (what metrics and renders read); the rotation
    /// channels, and so BVH/npz exports, keep the body-shifted pose.
    public var pinFeet: Bool = true
    /// Per-frame factor by which a released foot's pin offset fades.
    public var release: Float = 0.6
    /// Largest pin offset (m): a foot that would have to be held further than this from where
    /// the network put it is released instead, so a leg is never stretched by more.
    public var maximumPin: Float = 0.1
    /// When set, the forward-kinematics + leg-IK cleanup (`FootSkateCleanup`) runs instead of
    /// the grounding, shift and pin above (whose bounds then do not apply). It makes rotations
    /// and joints agree, but the judge recognises its motions less often (session-2 model:
    /// consistency 0.43 instead of 0.68; ViMoGen README), so it is off by default.
    public var legReach: FootSkateCleanup?
    /// Before contacts are read, the clip is moved up or down so that this quantile of its lower
    /// foot's height sits on the floor (z = 0), as curation grounds the training data (there the
    /// lowest joint is at z = 0 and a standing foot joint at about 0). Why: the network's position
    /// channels put some motions' feet 10–20 cm above or under the floor throughout (on the small
    /// preset: jump, lie down, sit down), where no foot reads as planted. nil: heights as decoded.
    public var groundQuantile: Float? = 0.05

    public init(height: Float = 0.08, speed: Float = 0.05, lockedFraction: Float = 0.5, pinFeet: Bool = true, maximumPin: Float = 0.1,
                legReach: FootSkateCleanup? = nil, groundQuantile: Float? = 0.05) {
        self.height = height; self.speed = speed; self.lockedFraction = lockedFraction; self.pinFeet = pinFeet
        self.maximumPin = maximumPin; self.legReach = legReach; self.groundQuantile = groundQuantile
    }

    /// The feet (left, right) as SMPL joint indices.
    static let feet = [SMPLJoint.leftFoot.rawValue, SMPLJoint.rightFoot.rawValue]

    /// `frames` with planted feet locked (raw, denormalised features).
    public func apply(_ frames: FeatureFrames) throws -> FeatureFrames {
        if let legReach { return try legReach.apply(frames) }
        let grounded = try groundQuantile.map { try self.grounded(frames, quantile: $0) } ?? frames
        let joints = try FrameEncoding.decode(grounded).joints
        let count = frames.frameCount, n = SMPLJoint.count, width = FrameLayout.dimension
        var values = grounded.values
        let velocityBase = FrameLayout.jointVelocities.lowerBound, positionBase = FrameLayout.jointPositions.lowerBound
        var offset = SIMD2<Float>.zero
        // `joints` are the uncorrected integration; the correction adds the same shift to every
        // joint, so heights and per-frame steps measured on them are what the fix acts on.
        for t in 0..<count {
            var best: (weight: Float, step: SIMD2<Float>, speed: Float)?
            for foot in Self.feet {
                let i = t * width + velocityBase + foot * 3
                let step = SIMD2(values[i], values[i + 1])
                let footSpeed = (step * step).sum().squareRoot()
                let weight = plantedWeight(height: joints[frame: t, joint: foot].z, speed: footSpeed)
                guard weight > 0 else { continue }
                if best == nil || footSpeed < best!.speed { best = (weight, step, footSpeed) }
            }
            let correction = best.map { -$0.weight * $0.step } ?? .zero
            let row = t * width
            // Positions of frame t carry the shifts of all earlier frames.
            for j in 0..<n {
                values[row + positionBase + j * 3] += offset.x
                values[row + positionBase + j * 3 + 1] += offset.y
                values[row + velocityBase + j * 3] += correction.x
                values[row + velocityBase + j * 3 + 1] += correction.y
            }
            values[row + FrameLayout.rootTranslation.lowerBound] += offset.x
            values[row + FrameLayout.rootTranslation.lowerBound + 1] += offset.y
            values[row + FrameLayout.translationVelocity.lowerBound] += correction.x
            values[row + FrameLayout.translationVelocity.lowerBound + 1] += correction.y
            offset += correction
        }
        let shifted = FeatureFrames(fps: frames.fps, values: values)
        return pinFeet ? try pinned(shifted) : shifted
    }

    /// `frames` moved vertically so the `quantile` quantile of the lower foot's height is 0.
    func grounded(_ frames: FeatureFrames, quantile: Float) throws -> FeatureFrames {
        let joints = try FrameEncoding.decode(frames).joints
        let lower = (0..<joints.frameCount).map { t in Self.feet.map { joints[frame: t, joint: $0].z }.min()! }.sorted()
        let level = lower[min(lower.count - 1, Int(Float(lower.count) * quantile))]
        guard abs(level) > 1e-4 else { return frames }   // already on the floor
        let width = FrameLayout.dimension
        var values = frames.values
        for t in 0..<frames.frameCount {
            for j in 0..<SMPLJoint.count { values[t * width + FrameLayout.jointPositions.lowerBound + j * 3 + 2] -= level }
            values[t * width + FrameLayout.rootTranslation.lowerBound + 2] -= level
        }
        return FeatureFrames(fps: frames.fps, values: values)
    }

    /// Leg chains (foot, ankle, knee) with the share of the pin offset each joint takes.
    static let legs: [[(joint: Int, share: Float)]] = [
        [(SMPLJoint.leftFoot.rawValue, 1), (SMPLJoint.leftAnkle.rawValue, 1), (SMPLJoint.leftKnee.rawValue, 0.5)],
        [(SMPLJoint.rightFoot.rawValue, 1), (SMPLJoint.rightAnkle.rawValue, 1), (SMPLJoint.rightKnee.rawValue, 0.5)],
    ]

    /// The per-foot pin (see `pinFeet`), on frames already body-shifted.
    func pinned(_ frames: FeatureFrames) throws -> FeatureFrames {
        let joints = try FrameEncoding.decode(frames).joints
        let count = frames.frameCount, width = FrameLayout.dimension
        var values = frames.values
        for chain in Self.legs {
            let foot = chain[0].joint
            // The horizontal offset that keeps the foot at its contact point, fading after release.
            var offsets = [SIMD2<Float>](repeating: .zero, count: count)
            var anchor: SIMD2<Float>?
            for t in 0..<count {
                let here = SIMD2(joints[frame: t, joint: foot].x, joints[frame: t, joint: foot].y)
                let next = t + 1 < count ? joints[frame: t + 1, joint: foot] : joints[frame: t, joint: foot]
                let step = SIMD2(next.x, next.y) - here
                let previous = t > 0 ? offsets[t - 1] : .zero
                var planted = joints[frame: t, joint: foot].z < height && (step * step).sum().squareRoot() < speed
                if planted {
                    let held = (anchor ?? here + previous) - here
                    planted = (held * held).sum().squareRoot() <= maximumPin
                }
                if planted {
                    if anchor == nil { anchor = here + previous }
                    offsets[t] = anchor! - here
                } else {
                    anchor = nil
                    offsets[t] = previous * release
                }
            }
            for t in 0..<count {
                let row = t * width
                let change = t + 1 < count ? offsets[t + 1] - offsets[t] : .zero
                for (joint, share) in chain {
                    let p = row + FrameLayout.jointPositions.lowerBound + joint * 3
                    let v = row + FrameLayout.jointVelocities.lowerBound + joint * 3
                    values[p] += share * offsets[t].x; values[p + 1] += share * offsets[t].y
                    values[v] += share * change.x; values[v + 1] += share * change.y
                }
            }
        }
        return FeatureFrames(fps: frames.fps, values: values)
    }

    /// 1 when clearly planted, fading to 0 at the bounds.
    func plantedWeight(height h: Float, speed s: Float) -> Float {
        func ramp(_ value: Float, _ bound: Float) -> Float {
            let full = bound * lockedFraction
            if value <= full { return 1 }
            if value >= bound { return 0 }
            return (bound - value) / (bound - full)
        }
        return ramp(h, height) * ramp(s, speed)
    }
}
