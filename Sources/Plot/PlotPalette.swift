import Foundation

/// The colours series are drawn in: the Okabe–Ito palette (distinguishable with colour-vision
/// deficiencies): blue, vermillion, green, purple, orange, sky blue, yellow, then black and grey.
public enum PlotPalette {
    /// Hex colours `#RRGGBB`, used in order and repeated when there are more series.
    public static let colours: [String] = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000", "#777777",
    ]

    /// The colour of series `index`.
    public static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// The colour with gnuplot transparency (`#AARRGGBB`, AA = 00 opaque … FF invisible).
    static func translucent(_ index: Int, alpha: Double) -> String {
        let aa = String(format: "%02X", Int(((1 - alpha) * 255).rounded()))
        return "#" + aa + colour(index).dropFirst()
    }
}
