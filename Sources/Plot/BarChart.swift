import Foundation

/// One series of a grouped bar chart: a value per group and, optionally, the half-width of its
/// 95 % interval per group (drawn as an error bar, value ± error).
public struct BarSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]
    public var errors: [Double]?

    public init(name: String, values: [Double], errors: [Double]? = nil) {
        self.name = name
        self.values = values
        self.errors = errors
    }
}

/// Grouped bars: one cluster per group (e.g. an MBench dimension), one bar per series (e.g. a
/// model or table arm) in it. A `NaN` value is a missing bar.
public struct BarChart: Chart {
    public var title: String
    public var yLabel: String
    public var groups: [String]
    public var series: [BarSeries]

    public init(title: String, yLabel: String = "", groups: [String], series: [BarSeries]) {
        self.title = title
        self.yLabel = yLabel
        self.groups = groups
        self.series = series
    }

    public func script(for medium: PlotMedium) throws -> ChartScript {
        try validate()
        let withErrors = series.contains { $0.errors != nil }
        var data = "# group" + series.map { " " + GnuplotSyntax.field($0.name) + (withErrors ? " ±95%" : "") }.joined() + "\n"
        for (g, group) in groups.enumerated() {
            data += GnuplotSyntax.field(group)
            for bars in series {
                data += " " + GnuplotSyntax.number(bars.values[g])
                if withErrors { data += " " + GnuplotSyntax.number(bars.errors?[g] ?? 0) }
            }
            data += "\n"
        }
        let columnsPerSeries = withErrors ? 2 : 1
        let bars = series.enumerated().map { index, bars -> String in
            let first = 2 + index * columnsPerSeries
            let using = withErrors ? "\(first):\(first + 1)" : "\(first)"
            // gnuplot's text legend shows no sample for bars, so name the character drawn.
            let name = medium == .text && index < GnuplotSyntax.dumbCharacters.count
                ? "\(bars.name) [\(GnuplotSyntax.dumbCharacters[index])]" : bars.name
            return "datafile using \(using)\(index == 0 ? ":xtic(1)" : "") title \(GnuplotSyntax.quote(name)) lc rgb '\(PlotPalette.colour(index))'"
        }
        let allNonNegative = series.allSatisfy { $0.values.allSatisfy { !$0.isFinite || $0 >= 0 } }
        var commands = [
            "set title \(GnuplotSyntax.quote(medium == .text ? GnuplotSyntax.textTitle(title, yLabel: yLabel) : title)) font ',13'",
            "set ylabel \(GnuplotSyntax.quote(medium == .text ? "" : yLabel))",
            "set border 3",
            "set tics nomirror",
            "set xtics scale 0",
            "set style data histograms",
            withErrors ? "set style histogram errorbars gap 1.5 lw 1.2" : "set style histogram clustered gap 1.5",
            medium == .image ? "set style fill solid 0.9 border -1" : "set style fill empty",
            "set boxwidth 0.9 relative",
            medium == .image ? "set key outside right top Left reverse samplen 2" : "set key below width 2",
        ]
        if medium == .image { commands.append("set grid ytics back lt 1 lc rgb '#e4e4e4' lw 1") }
        // Cluster g is centred on x = g; gnuplot's autoscale would leave a cluster-wide gap at each side.
        commands.append("set xrange [-0.6:\(Double(groups.count) - 0.4)]")
        if allNonNegative { commands.append("set yrange [0:*]") }
        if groups.count > 6 || (groups.map(\.count).max() ?? 0) > 14 { commands.append("set xtics rotate by -30 left") }
        commands.append("plot " + bars.joined(separator: ", \\\n     "))
        return ChartScript(data: data, commands: commands.joined(separator: "\n"))
    }

    private func validate() throws {
        guard !groups.isEmpty, !series.isEmpty else {
            throw PlotError.noData(what: "bar chart '\(title)' (\(groups.count) groups, \(series.count) series)")
        }
        for bars in series {
            guard bars.values.count == groups.count else {
                throw PlotError.invalidData("bar chart '\(title)', series '\(bars.name)': \(bars.values.count) values for \(groups.count) groups")
            }
            if let errors = bars.errors {
                guard errors.count == groups.count else {
                    throw PlotError.invalidData("bar chart '\(title)', series '\(bars.name)': \(errors.count) error bars for \(groups.count) groups")
                }
                if let g = errors.firstIndex(where: { $0 < 0 }) {
                    throw PlotError.invalidData("bar chart '\(title)', series '\(bars.name)', group '\(groups[g])': negative error bar \(errors[g])")
                }
            }
        }
        guard series.contains(where: { $0.values.contains(where: \.isFinite) }) else {
            throw PlotError.noData(what: "bar chart '\(title)' (every value is missing)")
        }
    }
}
