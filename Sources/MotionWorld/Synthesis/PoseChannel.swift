/// The named degrees of freedom every motion program writes (degrees). The lexicon's
/// keyframes and oscillators name these; `PoseRig` turns them into SMPL joint rotations.
///
/// Sign conventions (body frame: +x to the right, +y forward, +z up): bends, flexions and
/// nods are positive forward/down; sideways leans are positive to the right; twists and turns
/// are positive to the left. Shoulders use an elevation (0 = arm hanging, 90 = level,
/// 170 = overhead) in a plane (0 = in front, 90 = out to the side), plus a sagittal swing.
public enum PoseChannel: Int, CaseIterable, Sendable {
    case rootPitch, rootRoll, rootYaw
    case spineBend, spineSide, spineTwist
    case neckNod, neckTurn
    case lHipFlex, lHipAbd, lKnee, lAnkle
    case rHipFlex, rHipAbd, rKnee, rAnkle
    case lCollar, lShElev, lShPlane, lShSwing, lElbow
    case rCollar, rShElev, rShPlane, rShSwing, rElbow

    public static let count = allCases.count

    /// The lexicon's spelling of the channel (the case name).
    public var name: String { "\(self)" }

    /// Channels by name, for reading the lexicon.
    static let byName: [String: PoseChannel] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The channel on the other side of the body (itself for central channels).
    var mirror: PoseChannel { Self.mirrors[rawValue] }

    // Worked out once from the names: every performance of a left-handed take mirrors each frame.
    private static let mirrors: [PoseChannel] = allCases.map { c in
        let name = c.name
        if name.hasPrefix("l"), let other = byName["r" + name.dropFirst()] { return other }
        if name.hasPrefix("r"), !name.hasPrefix("root"), let other = byName["l" + name.dropFirst()] { return other }
        return c
    }

    /// Whether mirroring the body left–right negates the value (leans, twists, turns).
    var flipsWhenMirrored: Bool {
        switch self {
        case .rootRoll, .rootYaw, .spineSide, .spineTwist, .neckTurn: return true
        default: return false
        }
    }

    /// Human range of motion (degrees); the rig clamps to it so no program bends a joint
    /// further than a person can.
    var range: ClosedRange<Float> {
        switch self {
        case .rootPitch: return -200...400       // whole-body rotation (flips) is unlimited in effect
        case .rootRoll: return -400...400
        case .rootYaw: return -1080...1080
        case .spineBend: return -30...80
        case .spineSide: return -35...35
        case .spineTwist: return -45...45
        case .neckNod: return -45...60
        case .neckTurn: return -70...70
        case .lHipFlex, .rHipFlex: return -30...130
        case .lHipAbd, .rHipAbd: return -20...60
        case .lKnee, .rKnee: return 0...150
        case .lAnkle, .rAnkle: return -50...30
        case .lCollar, .rCollar: return -10...30
        case .lShElev, .rShElev: return 0...170
        case .lShPlane, .rShPlane: return -40...180
        case .lShSwing, .rShSwing: return -60...90
        case .lElbow, .rElbow: return 0...150
        }
    }
}

/// One pose: a value per `PoseChannel` (degrees).
public struct Pose: Equatable, Sendable {
    public var values: [Float]

    public init(values: [Float]) {
        precondition(values.count == PoseChannel.count, "Pose needs \(PoseChannel.count) channel values")
        self.values = values
    }

    /// Standing upright, arms hanging slightly away from the body.
    public static let neutral: Pose = {
        var p = Pose(values: [Float](repeating: 0, count: PoseChannel.count))
        p[.lShElev] = 8; p[.rShElev] = 8; p[.lShPlane] = 90; p[.rShPlane] = 90
        p[.lElbow] = 8; p[.rElbow] = 8; p[.lAnkle] = 0; p[.rAnkle] = 0
        return p
    }()

    public subscript(channel: PoseChannel) -> Float {
        get { values[channel.rawValue] }
        set { values[channel.rawValue] = newValue }
    }

    /// The left–right mirror image (a left-handed performance of a right-handed program).
    public var mirrored: Pose {
        var out = self
        for c in PoseChannel.allCases {
            let v = values[c.rawValue]
            out.values[c.mirror.rawValue] = c.flipsWhenMirrored ? -v : v
        }
        return out
    }

    /// `a + (b − a)·w` channel by channel.
    public static func blend(_ a: Pose, _ b: Pose, _ w: Float) -> Pose {
        var out = a
        for i in 0..<a.values.count { out.values[i] = a.values[i] + (b.values[i] - a.values[i]) * w }
        return out
    }
}
