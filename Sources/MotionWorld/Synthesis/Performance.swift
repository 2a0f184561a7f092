import Foundation

/// Which way a gait travels relative to the body.
public enum GaitDirection: String, CaseIterable, Sendable, Codable {
    case forward, backward, left, right, circle

    static let names = Set(allCases.map(\.rawValue))

    /// Unit travel direction in the body frame (+x right, +y forward).
    var bodyVector: SIMD2<Float> {
        switch self {
        case .forward, .circle: return SIMD2(0, 1)
        case .backward: return SIMD2(0, -1)
        case .left: return SIMD2(-1, 0)
        case .right: return SIMD2(1, 0)
        }
    }
}

/// How one action is performed in a take: the knobs a motion program exposes.
public struct Performance: Sendable, Equatable, Codable {
    public var actionID: String
    /// A style adverb of the lexicon ("slowly", "energetically"), if any.
    public var style: String?
    /// Speed multiplier on top of the style's tempo (1 = the action's nominal speed).
    public var tempo: Float
    /// Multiplier on the size of the movement (1 = nominal).
    public var amplitude: Float
    /// Travel direction (gaits only).
    public var direction: GaitDirection
    /// Turning rate while travelling, degrees per second (positive = to the left; gaits only).
    public var turn: Float
    /// Repetitions of a keyframed action.
    public var repetitions: Int
    /// Performed with the left side (mirror image of the lexicon's right-handed program).
    public var leftHanded: Bool
    /// Length of a gait in seconds (keyframed actions last `repetitions` periods).
    public var duration: Float

    public init(actionID: String, style: String? = nil, tempo: Float = 1, amplitude: Float = 1,
                direction: GaitDirection = .forward, turn: Float = 0, repetitions: Int = 1,
                leftHanded: Bool = false, duration: Float = 4) {
        self.actionID = actionID; self.style = style; self.tempo = tempo; self.amplitude = amplitude
        self.direction = direction; self.turn = turn; self.repetitions = repetitions
        self.leftHanded = leftHanded; self.duration = duration
    }
}

/// Smooth 0→1 ramp with zero velocity and acceleration at both ends.
@inline(__always) func smootherstep(_ x: Float) -> Float {
    let t = min(max(x, 0), 1)
    return t * t * t * (t * (t * 6 - 15) + 10)
}

/// A body's limit on how hard a style can drive an action: a movement scaled by `amplitude`
/// in space and `tempo` in time has accelerations scaled by amplitude × tempo², and people
/// asked to move faster and bigger trade one for the other long before that product triples.
enum Effort {
    /// The most a style may raise an action's accelerations (amplitude × tempo²).
    static let maxIntensity: Float = 1.2

    /// `tempo` and `amplitude`, both shrunk by the same factor where needed so that
    /// amplitude × tempo² stays within `maxIntensity` (slow and gentle styles pass unchanged).
    static func limited(tempo: Float, amplitude: Float) -> (tempo: Float, amplitude: Float) {
        let intensity = amplitude * tempo * tempo
        guard intensity > maxIntensity else { return (tempo, amplitude) }
        let shrink = Float(pow(Double(maxIntensity / intensity), 1.0 / 3))
        return (tempo * shrink, amplitude * shrink)
    }
}
