import Foundation

/// Mean and 95 % t-interval over seeds: the numbers a table cell shows.
public enum SeedStatistics {
    /// The mean of `values` (NaN for none).
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The half-width of the two-sided 95 % Student-t interval of the mean,
    /// t(0.975, n−1) · s / √n with the sample standard deviation s; nil for fewer than 2 values.
    public static func halfWidth95(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let m = mean(values), n = Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        return tQuantile975(degreesOfFreedom: values.count - 1) * (variance / n).squareRoot()
    }

    /// t(0.975, df): exact to three decimals up to 30 degrees of freedom (a table), then
    /// 1.96 + 2.4 / df, within 0.003 of the true value (few recipes run more than 30 seeds).
    public static func tQuantile975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "a t quantile needs at least one degree of freedom")
        if df <= table.count { return table[df - 1] }
        return 1.96 + 2.4 / Double(df)
    }

    private static let table: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
}
