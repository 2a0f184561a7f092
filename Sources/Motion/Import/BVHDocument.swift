/// A BVH file as written: the joint hierarchy (names, parents, offsets, channels, end sites)
/// and the motion rows, in the file's own units and axes. `BVHImporter` turns it into SMPL joints.
public struct BVHDocument: Equatable, Sendable {
    /// One animated channel of a joint.
    public enum Channel: String, Equatable, Sendable, CaseIterable {
        case xPosition = "Xposition", yPosition = "Yposition", zPosition = "Zposition"
        case xRotation = "Xrotation", yRotation = "Yrotation", zRotation = "Zrotation"

        /// 0, 1, 2 for X, Y, Z.
        public var axis: Int {
            switch self {
            case .xPosition, .xRotation: return 0
            case .yPosition, .yRotation: return 1
            case .zPosition, .zRotation: return 2
            }
        }
        public var isRotation: Bool { self == .xRotation || self == .yRotation || self == .zRotation }
        var axisLetter: Character { ["X", "Y", "Z"][axis] }
    }

    /// A ROOT or JOINT block; parents precede children.
    public struct Joint: Equatable, Sendable {
        public var name: String
        public var parent: Int
        public var offset: SIMD3<Float>
        public var channels: [Channel]
        /// Offsets of `End Site` blocks directly below this joint (usually zero or one).
        public var endSites: [SIMD3<Float>]

        public init(name: String, parent: Int, offset: SIMD3<Float>, channels: [Channel], endSites: [SIMD3<Float>] = []) {
            self.name = name; self.parent = parent; self.offset = offset; self.channels = channels; self.endSites = endSites
        }

        /// The rotation channel order as a string such as "ZXY" (for `Mat3(euler:radians:)`).
        public var rotationOrder: String { String(channels.filter(\.isRotation).map(\.axisLetter)) }
    }

    public var joints: [Joint]
    /// Seconds per frame (`Frame Time:`).
    public var frameTime: Double
    /// `frameCount × channelCount` values, frame-major, in file units and degrees.
    public var values: [Float]
    /// Messages about things that were tolerated (e.g. extra data rows).
    public var warnings: [String]

    public init(joints: [Joint], frameTime: Double, values: [Float], warnings: [String] = []) {
        self.joints = joints; self.frameTime = frameTime; self.values = values; self.warnings = warnings
    }

    public var channelCount: Int { joints.reduce(0) { $0 + $1.channels.count } }
    public var frameCount: Int { channelCount == 0 ? 0 : values.count / channelCount }
    public var fps: Double { 1 / frameTime }
    public var names: [String] { joints.map(\.name) }
}
