import Foundation

/// Length units motion files come in, and a guess from a skeleton's height.
public enum LengthUnit: String, CaseIterable, Sendable, Codable {
    case metres, centimetres, millimetres, inches
    /// The CMU ASF/AMC convention kept by the cgspeed BVH conversion: `length 0.45` in the ASF
    /// header means one unit is 1/0.45 inches, 0.056444 m.
    case cmu

    public var metres: Float {
        switch self {
        case .metres: return 1
        case .centimetres: return 0.01
        case .millimetres: return 0.001
        case .inches: return 0.0254
        case .cmu: return 0.0254 / 0.45
        }
    }

    /// The unit under which a standing skeleton of `height` file units is closest (by ratio) to
    /// an adult's 1.7 m. Metres, centimetres and CMU units are tried before inches and
    /// millimetres, which win only when clearly closer (a factor of 1.25).
    public static func guess(height: Float) -> LengthUnit {
        func miss(_ u: LengthUnit) -> Float { abs(log(max(height * u.metres, 1e-9) / 1.7)) }
        let common: [LengthUnit] = [.metres, .centimetres, .cmu]
        let best = common.min(by: { miss($0) < miss($1) })!
        let rare = [LengthUnit.inches, .millimetres].min(by: { miss($0) < miss($1) })!
        return miss(rare) + log(1.25) < miss(best) ? rare : best
    }
}
