import Foundation
import Plot

/// The chart of a table: a radar over the nine dimensions for table 2 (paper appendix C.3
/// normalisation), grouped bars with 95 % whiskers for the others. Our rows with runs only.
struct TableChart {
    var spec: TableSpec
    var rows: [RowResult]

    /// "Table 3" from "Table 3 — branch selection …", for chart titles.
    private var shortTitle: String { spec.title.components(separatedBy: " — ").first ?? spec.name }

    /// The rows drawn: ours and the reference rows that have runs.
    private var drawn: [RowResult] { rows.filter { $0.kind != .paper && !$0.runs.isEmpty } }

    func chart() throws -> any Chart {
        spec.chart == .radar ? try radar() : bars()
    }

    func write(to url: URL) throws {
        try chart().write(to: url)
    }

    /// Metrics differ in scale by orders of magnitude (consistency ~0.5, jitter ~0.01), so each
    /// metric is divided by its largest absolute mean over the rows drawn; whiskers likewise.
    func bars() -> BarChart {
        let scale = spec.columns.map { column in
            drawn.compactMap { $0.cells[column.key]?.mean.map(abs) }.max().flatMap { $0 > 0 ? $0 : nil } ?? 1
        }
        let series = drawn.map { row in
            BarSeries(name: row.id,
                      values: spec.columns.enumerated().map { k, column in (row.cells[column.key]?.mean ?? .nan) / scale[k] },
                      errors: spec.columns.enumerated().map { k, column in (row.cells[column.key]?.ci95 ?? 0) / scale[k] })
        }
        return BarChart(title: "\(shortTitle): each metric ÷ its largest row (whiskers: 95 % interval)",
                        yLabel: "relative to the largest row",
                        groups: spec.columns.map { "\($0.name) \($0.better == .higher ? "↑" : "↓")" }, series: series)
    }

    /// Dimensions no row logged are left out, then rows missing any remaining dimension (the
    /// normalisation needs every value).
    func radar() throws -> RadarChart {
        let axes = spec.columns.filter { column in drawn.contains { $0.cells[column.key]?.mean != nil } }
        let complete = drawn.filter { row in axes.allSatisfy { row.cells[$0.key]?.mean != nil } }
        guard axes.count >= 3, !complete.isEmpty else {
            throw PlotError.noData(what: "radar of \(spec.name): \(axes.count) dimensions logged, \(complete.count) rows with all of them")
        }
        return RadarChart(title: "\(shortTitle): MBench, best = 1.0, worst = 0.2 per dimension",
                          axes: axes.map { RadarAxis($0.name, higherIsBetter: $0.better == .higher) },
                          series: complete.map { row in
                              RadarSeries(name: row.id, values: axes.map { row.cells[$0.key]!.mean! })
                          })
    }
}
