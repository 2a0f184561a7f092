/// One frame of a motion program before the root is placed: the pose, the facing, and
/// what holds the body up.
struct FrameSpec: Sendable {
    var pose: Pose
    /// Facing about +z, radians (0 = facing +y).
    var heading: Float
    /// True while no body part touches the floor (jumps, flights of a run).
    var airborne: Bool = false
    /// Height of the ballistic arc above the contact height (m), only while airborne.
    var lift: Float = 0
    /// The joint that bears the weight, when the program knows it (the gait's stance foot).
    var support: Int? = nil
    /// Horizontal take-off push while airborne (m/s in the world frame), added to the
    /// velocity the body had when it left the floor.
    var push: SIMD2<Float> = .zero
}
