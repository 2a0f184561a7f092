import Foundation

/// The radar-chart normalisation of the ViMoGen paper (appendix C.3), as a pure function.
///
/// Per metric, over the models compared: divide by the largest value; for a lower-is-better
/// metric take the reciprocal of that ratio (so larger is always better); then map linearly so
/// the best model gets 1.0 and the worst 0.2. When all models tie, every one gets 1.0. A
/// lower-is-better value of exactly 0 is a perfect score: its reciprocal is infinite, so it
/// gets 1.0 and every non-zero model gets 0.2 (the limit of the formula).
public enum RadarNormalisation {
    /// The value the worst model is mapped to.
    public static let worst = 0.2
    /// The value the best model is mapped to.
    public static let best = 1.0

    /// Normalises one metric's values over models. `metric` names it in error messages.
    /// Values must be finite and non-negative.
    public static func normalise(_ values: [Double], higherIsBetter: Bool, metric: String = "metric") throws -> [Double] {
        guard !values.isEmpty else { return [] }
        for (m, value) in values.enumerated() where !value.isFinite || value < 0 {
            throw PlotError.invalidData("radar normalisation, \(metric), model \(m): value \(value) must be finite and non-negative")
        }
        let largest = values.max()!
        guard largest > 0 else { return values.map { _ in best } }  // all zero: a tie
        let scaled = values.map { $0 / largest }
        let score = higherIsBetter ? scaled : scaled.map { 1 / $0 }  // 1/0 = +inf: perfect
        let top = score.max()!, bottom = score.min()!
        guard top > bottom else { return values.map { _ in best } }
        if top.isInfinite { return score.map { $0.isInfinite ? best : worst } }
        return score.map { worst + (best - worst) * ($0 - bottom) / (top - bottom) }
    }

    /// Normalises a table `values[model][metric]` column by column.
    public static func normalise(_ values: [[Double]], higherIsBetter: [Bool], metricNames: [String]? = nil) throws -> [[Double]] {
        guard let first = values.first else { return [] }
        for (m, row) in values.enumerated() where row.count != higherIsBetter.count {
            throw PlotError.invalidData("radar normalisation: model \(m) has \(row.count) values for \(higherIsBetter.count) metrics")
        }
        var result = values
        for k in first.indices {
            let name = metricNames.flatMap { k < $0.count ? "metric '\($0[k])'" : nil } ?? "metric \(k)"
            let column = try normalise(values.map { $0[k] }, higherIsBetter: higherIsBetter[k], metric: name)
            for m in values.indices { result[m][k] = column[m] }
        }
        return result
    }
}
