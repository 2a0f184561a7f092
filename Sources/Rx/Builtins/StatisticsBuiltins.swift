import Foundation

/// Summaries of lists of numbers, as the tables need them (mean ± 95 % interval over seeds).
enum StatisticsBuiltins {
    static var all: [Builtin] { [sum, mean, std, median, min, max, ci95] }

    private static func numbers(_ name: String, doc: String, minimum: Int = 1,
                                _ f: @escaping ([Double]) -> Value) -> Builtin {
        Builtin(name, [Parameter("values", .list(.number))], returns: .number, doc: doc) { args, _ in
            let xs = try args.numbers("values")
            guard xs.count >= minimum else {
                throw BuiltinFailure("needs at least \(minimum) value\(minimum == 1 ? "" : "s"), got \(xs.count)", argument: "values")
            }
            return f(xs)
        }
    }

    static let sum = numbers("sum", doc: "The sum (0 for an empty list).", minimum: 0) { .number($0.reduce(0, +)) }
    static let mean = numbers("mean", doc: "The arithmetic mean.") { .number(Stats.mean($0)) }
    static let std = numbers("std", doc: "The sample standard deviation (divides by n − 1).", minimum: 2) { .number(Stats.std($0)) }
    static let median = numbers("median", doc: "The median.") { xs in
        let s = xs.sorted(), n = s.count
        return .number(n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2)
    }
    static let min = numbers("min", doc: "The smallest value.") { .number($0.min()!) }
    static let max = numbers("max", doc: "The largest value.") { .number($0.max()!) }

    static let ci95 = Builtin("ci95", [Parameter("values", .list(.number))], returns: .record,
                              doc: "Mean and 95 % interval by Student's t: {mean, half, low, high, n}. One value gives half = 0.") { args, _ in
        let xs = try args.numbers("values")
        guard !xs.isEmpty else { throw BuiltinFailure("needs at least 1 value, got 0", argument: "values") }
        let m = Stats.mean(xs)
        let half = xs.count < 2 ? 0 : Stats.tCritical95(degreesOfFreedom: xs.count - 1) * Stats.std(xs) / Double(xs.count).squareRoot()
        return .record(Record([("mean", .number(m)), ("half", .number(half)), ("low", .number(m - half)),
                               ("high", .number(m + half)), ("n", .number(Double(xs.count)))]))
    }
}

/// The arithmetic behind the statistics builtins.
enum Stats {
    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

    static func std(_ xs: [Double]) -> Double {
        let m = mean(xs)
        return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
    }

    /// Two-sided 97.5 % quantile of Student's t; 1.96 beyond 30 degrees of freedom.
    static func tCritical95(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        return df >= 1 && df <= table.count ? table[df - 1] : 1.96
    }
}
