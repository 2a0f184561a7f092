import Foundation

/// Turns the chosen runs into table rows: per column, the mean over seeds and its 95 % interval.
enum TableAggregation {
    static func rows(spec: TableSpec, selection: TableRunSelection) -> [RowResult] {
        spec.rows.compactMap { row -> RowResult? in
            let runs = selection.runs[row.id] ?? []
            if row.optional && runs.isEmpty { return nil }
            var cells: [String: Cell] = [:]
            for column in spec.columns {
                cells[column.key] = cell(column: column, runs: runs, paper: row.paper?[column.key],
                                         paperCI95: row.paperCI95?[column.key])
            }
            return RowResult(id: row.id, label: row.label, paperLabel: row.paperLabel, kind: row.kind,
                             seeds: runs.map(\.seed), runs: runs.map(\.record.shortID),
                             cachedRuns: runs.filter(\.cached).count, cells: cells)
        }
    }

    /// One cell. With one seed, a logged `<key>.ci95` (table 8's half-width over evaluation
    /// repetitions) stands in for the interval over seeds.
    static func cell(column: TableColumn, runs: [TableRun], paper: Double?, paperCI95: Double?) -> Cell {
        let values = runs.compactMap { $0.metrics[column.key] }.filter(\.isFinite)
        var interval = SeedStatistics.halfWidth95(values)
        var source: String? = interval == nil ? nil : "seeds"
        if interval == nil, values.count == 1, let logged = runs.compactMap({ $0.metrics[column.key + ".ci95"] }).first,
           logged.isFinite {
            interval = logged
            source = "repetitions"
        }
        return Cell(mean: values.isEmpty ? nil : SeedStatistics.mean(values), ci95: interval, intervalSource: source,
                    n: values.count, paper: paper, paperCI95: paperCI95)
    }
}
