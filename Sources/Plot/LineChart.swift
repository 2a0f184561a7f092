import Foundation

/// One named curve of a line chart: y against x (e.g. a metric against training step).
public struct LineSeries: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]

    /// `x` and `y` must have the same length (checked when the chart is drawn).
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// A curve from (x, y) pairs, e.g. `(step, value)` rows read from the tracker.
    public init(name: String, points: [(x: Double, y: Double)]) {
        self.init(name: name, x: points.map(\.x), y: points.map(\.y))
    }

    /// A curve over x = 0, 1, 2, …
    public init(name: String, values: [Double]) {
        self.init(name: name, x: values.indices.map(Double.init), y: values)
    }
}

/// Several curves on shared axes: step metrics of several runs, losses, learning rates.
///
/// With `smoothing` > 0 each curve is drawn faintly as recorded and boldly after TensorBoard's
/// debiased exponential moving average with that weight (0.6–0.95 are typical). Non-finite
/// values are left out of the drawing (gnuplot skips `NaN`).
public struct LineChart: Chart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [LineSeries]
    public var logY: Bool
    public var smoothing: Double

    public init(title: String, xLabel: String = "step", yLabel: String = "", series: [LineSeries],
                logY: Bool = false, smoothing: Double = 0) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logY = logY
        self.smoothing = smoothing
    }

    public func script(for medium: PlotMedium) throws -> ChartScript {
        guard (0..<1).contains(smoothing) else {
            throw PlotError.invalidData("line chart '\(title)': smoothing must be in [0, 1), got \(smoothing)")
        }
        try validate()
        var data = ""
        var curves: [String] = []
        for (index, curve) in series.enumerated() {
            let smoothed = smoothing > 0 ? LineChart.exponentialMovingAverage(curve.y, weight: smoothing) : curve.y
            data += "# series \(index): \(curve.name)\n# x value smoothed\n"
            for i in curve.x.indices {
                data += "\(GnuplotSyntax.number(curve.x[i])) \(GnuplotSyntax.number(curve.y[i])) \(GnuplotSyntax.number(smoothed[i]))\n"
            }
            data += "\n\n"
            let style = curve.x.count <= 25 && medium == .image ? "linespoints pt 7 ps 0.7" : "lines"
            let name = GnuplotSyntax.quote(curve.name)
            // Text has one character per curve and no transparency: show only the smoothed curve.
            if smoothing > 0 && medium == .image {
                let faint = medium == .image ? PlotPalette.translucent(index, alpha: 0.3) : PlotPalette.colour(index)
                curves.append("datafile index \(index) using 1:2 with lines lc rgb '\(faint)' lw 1 notitle")
            }
            curves.append("datafile index \(index) using 1:3 with \(style) lc rgb '\(PlotPalette.colour(index))' lw 2 title \(name)")
        }
        var commands = [
            "set title \(GnuplotSyntax.quote(medium == .text ? GnuplotSyntax.textTitle(title, yLabel: yLabel) : title)) font ',13'",
            "set xlabel \(GnuplotSyntax.quote(xLabel))",
            "set ylabel \(GnuplotSyntax.quote(medium == .text ? "" : yLabel))",
            "set border 3",
            "set tics nomirror",
            // Outside the axes the legend can never hide a curve.
            medium == .image ? "set key outside right top Left reverse samplen 2" : "set key below width 2",
        ]
        // In text a grid is a field of asterisks that buries the curves.
        if medium == .image { commands.append("set grid back lt 1 lc rgb '#e4e4e4' lw 1") }
        if logY {
            // Fit the data rather than whole decades, which can leave most of the height empty.
            let values = series.flatMap(\.y).filter { $0.isFinite && $0 > 0 }
            let low = values.min()! / 1.25, high = values.max()! * 1.25
            let tics = LineChart.logTics(from: low, to: high).map { "\(GnuplotSyntax.number($0))" }
            commands += ["set logscale y", "set yrange [\(low):\(high)]", "set mytics 10",
                         "set ytics (" + tics.joined(separator: ", ") + ")"]
        }
        commands.append("plot " + curves.joined(separator: ", \\\n     "))
        return ChartScript(data: data, commands: commands.joined(separator: "\n"))
    }

    private func validate() throws {
        guard !series.isEmpty else { throw PlotError.noData(what: "line chart '\(title)' (no series)") }
        var finitePoints = 0
        for curve in series {
            guard curve.x.count == curve.y.count else {
                throw PlotError.invalidData("line chart '\(title)', series '\(curve.name)': \(curve.x.count) x values but \(curve.y.count) y values")
            }
            for (x, y) in zip(curve.x, curve.y) where x.isFinite && y.isFinite {
                if logY && y <= 0 {
                    throw PlotError.invalidData("line chart '\(title)', series '\(curve.name)': value \(y) at x = \(x) cannot be shown on a log-y axis; drop logY or the point")
                }
                finitePoints += 1
            }
        }
        guard finitePoints > 0 else { throw PlotError.noData(what: "line chart '\(title)' (no finite points)") }
    }

    /// TensorBoard's smoothing: an exponential moving average with bias correction, so early
    /// points are not pulled towards zero. Non-finite values are passed through and skipped.
    public static func exponentialMovingAverage(_ values: [Double], weight: Double) -> [Double] {
        var average = 0.0
        var count = 0
        return values.map { value in
            guard value.isFinite else { return value }
            count += 1
            average = average * weight + (1 - weight) * value
            return average / (1 - pow(weight, Double(count)))
        }
    }

    /// Labelled ticks for a log axis: 1-2-5 steps per decade, or every digit when the range
    /// spans so little that 1-2-5 would label fewer than three values.
    static func logTics(from low: Double, to high: Double) -> [Double] {
        func tics(_ mantissas: [Double]) -> [Double] {
            let first = Int(floor(log10(low))), last = Int(ceil(log10(high)))
            return (first...last).flatMap { exponent in mantissas.map { $0 * pow(10, Double(exponent)) } }
                .filter { $0 >= low && $0 <= high }
        }
        let coarse = tics([1, 2, 5])
        return coarse.count >= 3 ? coarse : tics([1, 2, 3, 4, 5, 6, 7, 8, 9])
    }
}
