import Foundation

/// One spoke of a radar chart: a metric and the direction in which it improves.
public struct RadarAxis: Sendable, Equatable {
    public var name: String
    public var higherIsBetter: Bool

    public init(_ name: String, higherIsBetter: Bool = true) {
        self.name = name
        self.higherIsBetter = higherIsBetter
    }
}

/// One model's polygon on a radar chart: a raw value per axis, in axis order.
public struct RadarSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// A radar (spider) chart comparing models across metrics, as in the paper's Fig. 1.
///
/// With `normalise` (the default) raw values go through `RadarNormalisation` (paper C.3), so
/// on every axis the best model sits at 1.0 and the worst at 0.2; without it, values must
/// already lie in [0, 1]. The first axis points up; the rest follow clockwise.
public struct RadarChart: Chart {
    public var title: String
    public var axes: [RadarAxis]
    public var series: [RadarSeries]
    public var normalise: Bool

    public init(title: String, axes: [RadarAxis], series: [RadarSeries], normalise: Bool = true) {
        self.title = title
        self.axes = axes
        self.series = series
        self.normalise = normalise
    }

    /// The radii drawn: normalised values, or the raw values when `normalise` is off.
    public func radii() throws -> [[Double]] {
        guard axes.count >= 3, !series.isEmpty else {
            throw PlotError.noData(what: "radar chart '\(title)' (\(axes.count) axes, \(series.count) series; needs at least 3 axes and 1 series)")
        }
        for model in series where model.values.count != axes.count {
            throw PlotError.invalidData("radar chart '\(title)', series '\(model.name)': \(model.values.count) values for \(axes.count) axes")
        }
        guard normalise else {
            for model in series {
                if let k = model.values.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                    throw PlotError.invalidData("radar chart '\(title)', series '\(model.name)', axis '\(axes[k].name)': \(model.values[k]) is outside [0, 1]; set normalise: true")
                }
            }
            return series.map(\.values)
        }
        do {
            return try RadarNormalisation.normalise(series.map(\.values), higherIsBetter: axes.map(\.higherIsBetter),
                                                    metricNames: axes.map(\.name))
        } catch let PlotError.invalidData(message) {
            throw PlotError.invalidData("radar chart '\(title)': \(message)")
        }
    }

    public func script(for medium: PlotMedium) throws -> ChartScript {
        let radii = try radii()
        let count = axes.count
        func point(_ axis: Int, _ radius: Double) -> (Double, Double) {
            let angle = Double.pi / 2 - 2 * Double.pi * Double(axis) / Double(count)
            return (radius * cos(angle), radius * sin(angle))
        }
        func line(_ p: (Double, Double)) -> String { "\(GnuplotSyntax.number(p.0)) \(GnuplotSyntax.number(p.1))\n" }

        var data = "# index 0: inner rings at 0.2 … 0.8\n"
        for ring in [0.2, 0.4, 0.6, 0.8] {
            for k in 0...count { data += line(point(k % count, ring)) }
            data += "\n"
        }
        data += "\n# index 1: outer ring at 1.0\n"
        for k in 0...count { data += line(point(k % count, 1)) }
        data += "\n\n# index 2: spokes\n"
        for k in 0..<count { data += line((0, 0)) + line(point(k, 1)) + "\n" }
        let firstModel = 3
        for (m, model) in series.enumerated() {
            data += "\n# index \(m + firstModel): \(model.name) (radius per axis, first repeated to close)\n"
            for k in 0...count { data += line(point(k % count, radii[m][k % count])) }
            data += "\n"
        }

        var commands = [
            "set title \(GnuplotSyntax.quote(title)) font ',13'",
            "unset border", "unset tics", "unset grid",
            "set size ratio -1",
            // Wide enough for axis labels; the legend sits in the empty top-right corner.
            "set xrange [-2.1:2.1]", "set yrange [-1.3:1.35]",
            medium == .image ? "set key inside top right Left reverse samplen 2" : "set key below width 2",
        ]
        for (k, axis) in axes.enumerated() {
            let (x, y) = point(k, 1.1)
            let align = x > 0.15 ? "left" : (x < -0.15 ? "right" : "center")
            commands.append("set label \(k + 1) \(GnuplotSyntax.quote(axis.name)) at \(x),\(y) \(align) front")
        }
        // Text has one character per layer, so it keeps only the outer ring as a frame.
        var layers = ["datafile index 1 using 1:2 with lines lc rgb '#bbbbbb' lw 1 notitle"]
        if medium == .image {
            // Ring values sit midway between the first two spokes, clear of the axis names.
            let half = Double.pi / Double(count), angle = Double.pi / 2 - half
            for (i, ring) in [0.2, 0.6, 1.0].enumerated() {
                let r = ring * cos(half) + 0.04
                commands.append("set label \(count + 1 + i) '\(ring)' at \(r * cos(angle)),\(r * sin(angle)) center textcolor rgb '#888888' font ',8'")
            }
            layers += ["datafile index 0 using 1:2 with lines lc rgb '#dddddd' lw 1 notitle",
                       "datafile index 2 using 1:2 with lines lc rgb '#cccccc' lw 1 notitle"]
        }
        for m in series.indices {
            let block = m + firstModel, colour = PlotPalette.colour(m), name = GnuplotSyntax.quote(series[m].name)
            if medium == .image {
                layers.append("datafile index \(block) using 1:2 with filledcurves closed fs transparent solid 0.12 noborder lc rgb '\(colour)' notitle")
                layers.append("datafile index \(block) using 1:2 with linespoints pt 7 ps 0.6 lw 2 lc rgb '\(colour)' title \(name)")
            } else {
                layers.append("datafile index \(block) using 1:2 with lines title \(name)")
            }
        }
        commands.append("plot " + layers.joined(separator: ", \\\n     "))
        return ChartScript(data: data, commands: commands.joined(separator: "\n"))
    }
}
