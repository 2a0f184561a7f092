import Foundation

/// How table numbers are printed: the paper's digits for the column, but never fewer than two
/// significant digits (our scales can be smaller than the paper's, e.g. capsule penetration).
enum TableNumber {
    /// Digits after the point for `value` in a column printed with `decimals`.
    static func digits(for value: Double, decimals: Int) -> Int {
        guard value != 0, value.isFinite else { return decimals }
        let twoSignificant = Int((-log10(abs(value))).rounded(.down)) + 2
        return min(max(decimals, twoSignificant), 10)
    }

    /// `value` with `digits` decimals (`NaN` → "—").
    static func fixed(_ value: Double, digits: Int, signed: Bool = false) -> String {
        guard value.isFinite else { return "—" }
        // + 0 turns −0 (a lower-is-better difference of nothing) into 0, which prints without a sign.
        return String(format: signed ? "%+.\(digits)f" : "%.\(digits)f", value + 0)
    }

    /// Our cell: mean ± half-width (the half-width with the mean's digits), "—" when absent.
    static func cell(_ cell: Cell, decimals: Int) -> String {
        guard let mean = cell.mean else { return "—" }
        let digits = digits(for: mean, decimals: decimals)
        let value = fixed(mean, digits: digits)
        guard let interval = cell.ci95 else { return cell.n > 1 ? value : "\(value) ± —" }
        return "\(value) ± \(fixed(interval, digits: digits))" + (cell.intervalSource == "repetitions" ? "†" : "")
    }

    /// The paper's value as the paper prints it (the column's digits), with its ± when given.
    static func paper(_ cell: Cell, decimals: Int) -> String {
        guard let paper = cell.paper else { return "—" }
        let value = fixed(paper, digits: decimals)
        guard let interval = cell.paperCI95 else { return value }
        return "\(value) ± \(fixed(interval, digits: decimals))"
    }
}
