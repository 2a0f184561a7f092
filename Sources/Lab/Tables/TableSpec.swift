import Foundation

/// One paper table as data (`Experiments/tables/tableN.json`): what to print, which tracker
/// runs fill it, the paper's numbers, and the claims to check.
public struct TableSpec: Codable, Equatable, Sendable {
    /// `table3` etc.: the file's stem and the recipes' `table` tag.
    public var name: String = ""
    /// The heading of the Markdown table.
    public var title: String
    /// The paper's caption, verbatim.
    public var caption: String
    /// The recipe whose runs fill this table (named when there are none yet).
    public var recipe: String
    /// The `step` tag of the child runs to read: `mbench` or `humanml3d`.
    public var step: String
    public var columns: [TableColumn]
    public var rows: [TableRow]
    /// The stand-ins used, one sentence per entry.
    public var footnote: [String]
    public var claims: [TableClaim]
    /// Bars (default) or a radar over the columns (table 2).
    public var chart: ChartKind

    /// The chart drawn for a table.
    public enum ChartKind: String, Codable, CaseIterable, Sendable, SpecChoice {
        case bars, radar
    }

    enum CodingKeys: String, CodingKey { case title, caption, recipe, step, columns, rows, footnote, claims, chart }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        caption = try c.decode(String.self, forKey: .caption)
        recipe = try c.decode(String.self, forKey: .recipe)
        step = try c.decode(String.self, forKey: .step)
        columns = try c.decode([TableColumn].self, forKey: .columns)
        rows = try c.decode([TableRow].self, forKey: .rows)
        footnote = try c.decode([String].self, forKey: .footnote)
        claims = try c.decodeIfPresent([TableClaim].self, forKey: .claims) ?? []
        chart = try c.decodeIfPresent(ChartKind.self, forKey: .chart) ?? .bars
    }

    /// The column logged under `key`, if the table has one.
    public func column(_ key: String) -> TableColumn? { columns.first { $0.key == key } }

    /// The row with id `id`, if the table has one.
    public func row(_ id: String) -> TableRow? { rows.first { $0.id == id } }

    /// Rows the recipe fills (ours and the reference rows), in table order.
    public var trackedRows: [TableRow] { rows.filter { $0.kind != .paper } }
}

/// A column: a metric as logged, how it is shown, and which way is better.
public struct TableColumn: Codable, Equatable, Sendable {
    /// The metric key in the tracker (official MBench name, or HumanML3D-style name for table 8).
    public var key: String
    /// The column heading.
    public var name: String
    public var better: Direction
    /// Digits after the point, as the paper prints this column.
    public var decimals: Int

    /// Which way a metric improves.
    public enum Direction: String, Codable, CaseIterable, Sendable, SpecChoice {
        case higher, lower
    }

    /// +1 when higher is better, −1 when lower is better: multiplies a difference so that a
    /// positive result always means "better".
    public var sign: Double { better == .higher ? 1 : -1 }
}

/// A row: one arm of the recipe (or a reference row, or a paper-only row), with the paper's values.
public struct TableRow: Codable, Equatable, Sendable {
    /// The `row` tag the recipe gives this arm's runs (`paper:…` for paper-only rows).
    public var id: String
    /// What the row is here.
    public var label: String
    /// The paper's row name, when the paper has a counterpart.
    public var paperLabel: String?
    /// The paper's values by metric key (nil: no paper counterpart).
    public var paper: [String: Double]?
    /// The paper's ± half-widths by metric key (table 8 only).
    public var paperCI95: [String: Double]?
    public var kind: Kind
    /// An arm the table's recipe may leave out: omitted without comment when it has no runs.
    public var optional: Bool

    /// What fills a row.
    public enum Kind: String, Codable, CaseIterable, Sendable, SpecChoice {
        /// One of our arms.
        case ours
        /// The oracle or the floor (every table has both).
        case reference
        /// A row with the paper's numbers only (a baseline not re-run here).
        case paper
    }

    enum CodingKeys: String, CodingKey {
        case id, label, paper, kind, optional
        case paperLabel = "paper_label"
        case paperCI95 = "paper_ci95"
    }

    public init(id: String, label: String, paperLabel: String? = nil, paper: [String: Double]? = nil,
                paperCI95: [String: Double]? = nil, kind: Kind = .ours, optional: Bool = false) {
        self.id = id; self.label = label; self.paperLabel = paperLabel; self.paper = paper
        self.paperCI95 = paperCI95; self.kind = kind; self.optional = optional
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        paperLabel = try c.decodeIfPresent(String.self, forKey: .paperLabel)
        paper = try c.decodeIfPresent([String: Double].self, forKey: .paper)
        paperCI95 = try c.decodeIfPresent([String: Double].self, forKey: .paperCI95)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .ours
        optional = try c.decodeIfPresent(Bool.self, forKey: .optional) ?? false
    }
}

/// A claim of the paper (ARCHITECTURE §7) as comparisons that must all hold.
public struct TableClaim: Codable, Equatable, Sendable {
    public var id: String
    /// The claim in words.
    public var text: String
    public var comparisons: [TableComparison]
    /// Set when the World builds the claim in (wholly or partly): says how.
    public var byConstruction: String?

    enum CodingKeys: String, CodingKey {
        case id, text, comparisons
        case byConstruction = "by_construction"
    }
}

/// "`better` beats `worse` on `metric`", in the metric's own direction.
public struct TableComparison: Codable, Equatable, Sendable {
    public var metric: String
    public var better: ComparisonTerm
    public var worse: ComparisonTerm
}

/// One side of a comparison: a row's value, or the change between two rows (`to − from`,
/// for "the largest gain").
public enum ComparisonTerm: Codable, Equatable, Sendable, CustomStringConvertible {
    case row(String)
    case gain(from: String, to: String)

    private enum GainKeys: String, CodingKey { case from, to }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let id = try? single.decode(String.self) {
            self = .row(id)
            return
        }
        let c = try decoder.container(keyedBy: GainKeys.self)
        self = .gain(from: try c.decode(String.self, forKey: .from), to: try c.decode(String.self, forKey: .to))
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .row(let id):
            var c = encoder.singleValueContainer()
            try c.encode(id)
        case let .gain(from, to):
            var c = encoder.container(keyedBy: GainKeys.self)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
        }
    }

    /// The rows this term reads.
    public var rows: [String] {
        switch self {
        case .row(let id): return [id]
        case let .gain(from, to): return [to, from]
        }
    }

    /// The term's value from per-row values.
    public func value(_ rowValue: (String) -> Double) -> Double {
        switch self {
        case .row(let id): return rowValue(id)
        case let .gain(from, to): return rowValue(to) - rowValue(from)
        }
    }

    public var description: String {
        switch self {
        case .row(let id): return id
        case let .gain(from, to): return "gain \(from) → \(to)"
        }
    }
}

/// A closed set of names in a spec: an unknown one is an error listing the valid names.
public protocol SpecChoice: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension SpecChoice {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not one of \(names)")
        }
        self = value
    }
}
