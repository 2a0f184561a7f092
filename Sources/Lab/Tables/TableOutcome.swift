import Foundation

/// A regenerated table: its rows as numbers, the claims' verdicts, and where the files went.
/// Encodes to the `runner tables --json` object of one table.
public struct TableOutcome: Codable, Equatable, Sendable {
    /// `table3` etc.
    public var table: String
    public var title: String
    /// The preset the runs were taken at.
    public var preset: String
    /// `Results/tables/tableN.md`.
    public var markdown: String
    /// `Results/plots/tableN.png`, nil when the chart could not be drawn (see `notes`).
    public var plot: String?
    /// The table's columns, in order (metric key, name, direction, the paper's decimals).
    public var columns: [TableColumn]
    /// Rows in table order (ours, reference and paper-only).
    public var rows: [RowResult]
    public var claims: [ClaimResult]
    /// Rows the recipe should fill that have no runs at this preset.
    public var missingRows: [String]
    /// Warnings worth reading (unknown row tags, missing per-prompt detail, a chart not drawn).
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case table, title, preset, markdown, plot, columns, rows, claims, notes
        case missingRows = "missing_rows"
    }
}

/// One row's numbers: per column, the paper's value and ours over seeds.
public struct RowResult: Codable, Equatable, Sendable {
    public var id: String
    public var label: String
    public var paperLabel: String?
    public var kind: TableRow.Kind
    /// The seeds whose runs were used, in order.
    public var seeds: [String]
    /// The short ids of those runs (same order as `seeds`).
    public var runs: [String]
    /// How many of those runs were served from the step cache.
    public var cachedRuns: Int
    /// Metric key → cell.
    public var cells: [String: Cell]

    enum CodingKeys: String, CodingKey {
        case id, label, kind, seeds, runs, cells
        case paperLabel = "paper_label"
        case cachedRuns = "cached_runs"
    }
}

/// One table cell: our mean over seeds with its interval, beside the paper's value.
public struct Cell: Codable, Equatable, Sendable {
    /// Our mean over seeds (nil: no run logged this metric).
    public var mean: Double?
    /// Half-width of the 95 % interval (over seeds; see `intervalSource`).
    public var ci95: Double?
    /// Where `ci95` comes from: `seeds` (t-interval), `repetitions` (the logged `<key>.ci95`
    /// half-width over evaluation repetitions, used when one seed ran), or nil.
    public var intervalSource: String?
    /// How many seeds logged this metric.
    public var n: Int
    public var paper: Double?
    public var paperCI95: Double?

    enum CodingKeys: String, CodingKey {
        case mean, ci95, n, paper
        case intervalSource = "interval_source"
        case paperCI95 = "paper_ci95"
    }
}

/// A claim's verdict.
public enum ClaimVerdict: String, Codable, Sendable {
    /// Every comparison's 95 % bootstrap interval lies on the claimed side of zero.
    case reproduced
    /// Some comparison's interval lies wholly on the other side.
    case notReproduced = "not reproduced"
    /// Some interval contains zero (or a row has no runs) and none is contradicted.
    case inconclusive
}

/// The verdict on one claim, with every comparison behind it.
public struct ClaimResult: Codable, Equatable, Sendable {
    public var id: String
    public var text: String
    public var verdict: ClaimVerdict
    public var byConstruction: String?
    public var comparisons: [ComparisonResult]

    enum CodingKeys: String, CodingKey {
        case id, text, verdict, comparisons
        case byConstruction = "by_construction"
    }
}

/// One comparison's bootstrap: the difference in the claimed direction (positive = as the
/// paper says) and its 95 % percentile interval.
public struct ComparisonResult: Codable, Equatable, Sendable {
    public var metric: String
    public var better: String
    public var worse: String
    /// `sign · (better − worse)` on the table's means; nil when a row has no runs.
    public var difference: Double?
    public var low: Double?
    public var high: Double?
    public var verdict: ClaimVerdict
    /// What was resampled (`prompts and seeds`, `seeds`), or why there is no interval.
    public var basis: String
}
