/// Where each quantity sits in the 276-dim frame vector (the public ViMoGen layout,
/// ARCHITECTURE.md §4). Velocities are per frame, not per second.
public enum FrameLayout {
    public static let dimension = 276
    /// 21 non-root joint rotations, parent-relative, 6D (first two columns).
    public static let localRotations = 0..<126
    /// 22 joint positions in the canonical frame.
    public static let jointPositions = 126..<192
    /// 22 joint velocities, J[t+1] − J[t].
    public static let jointVelocities = 192..<258
    /// Root (pelvis) orientation, 6D.
    public static let rootOrientation = 258..<264
    /// Root angular velocity R[t+1]·R[t]ᵀ, 6D.
    public static let rootAngularVelocity = 264..<270
    /// Root translation: the pelvis position (equal to joint 0's position channel).
    public static let rootTranslation = 270..<273
    /// Translation velocity, T[t+1] − T[t].
    public static let translationVelocity = 273..<276
    /// The M2M reference input: local pose and root orientation (+ its velocity), never joints
    /// or translation (ARCHITECTURE.md §5): 138 dims.
    public static let referenceDimensions: [Int] = Array(localRotations) + Array(rootOrientation.lowerBound..<rootAngularVelocity.upperBound)
}

/// Motion as 276-dim feature frames, frame-major: `values[t * 276 + d]`.
public struct FeatureFrames: Equatable, Sendable {
    public var fps: Double
    public var values: [Float]

    public init(fps: Double, values: [Float]) {
        precondition(values.count % FrameLayout.dimension == 0,
                     "FeatureFrames: \(values.count) values is not a multiple of \(FrameLayout.dimension)")
        self.fps = fps; self.values = values
    }

    public var frameCount: Int { values.count / FrameLayout.dimension }

    /// The 276 values of frame `t`.
    public subscript(frame t: Int) -> ArraySlice<Float> {
        values[(t * FrameLayout.dimension)..<((t + 1) * FrameLayout.dimension)]
    }

    /// One value: frame `t`, dimension `d`.
    public subscript(frame t: Int, dim d: Int) -> Float {
        get { values[t * FrameLayout.dimension + d] }
        set { values[t * FrameLayout.dimension + d] = newValue }
    }
}
