import Foundation

/// The checks a decoded spec must pass beyond its JSON types: known steps, unique ids, paper
/// values only for existing columns, both reference rows, claims that name existing rows and
/// columns.
struct TableSpecValidation {
    let spec: TableSpec
    let file: String

    static let steps = ["mbench", "humanml3d"]

    func check() throws {
        guard Self.steps.contains(spec.step) else {
            throw fail("step", "'\(spec.step)' is not one of \(Self.steps.joined(separator: ", "))")
        }
        guard !spec.columns.isEmpty else { throw fail("columns", "a table needs at least one column") }
        var keys: Set<String> = []
        for (c, column) in spec.columns.enumerated() {
            guard keys.insert(column.key).inserted else { throw fail("columns[\(c)].key", "'\(column.key)' appears twice") }
            guard (0...8).contains(column.decimals) else {
                throw fail("columns[\(c)].decimals", "\(column.decimals); expected 0 to 8 digits")
            }
        }
        try checkRows(columns: spec.columns.map(\.key))
        try checkClaims(columns: spec.columns.map(\.key))
    }

    private func checkRows(columns: [String]) throws {
        var ids: Set<String> = []
        for (r, row) in spec.rows.enumerated() {
            guard !row.id.isEmpty else { throw fail("rows[\(r)].id", "empty") }
            guard ids.insert(row.id).inserted else { throw fail("rows[\(r)].id", "'\(row.id)' appears twice") }
            for (field, values) in [("paper", row.paper), ("paper_ci95", row.paperCI95)] {
                for key in (values ?? [:]).keys.sorted() where !columns.contains(key) {
                    throw fail("rows[\(r)].\(field).\(key)", "not a column of this table" + hint(key, columns))
                }
            }
            if row.kind == .paper && (row.paper ?? [:]).isEmpty {
                throw fail("rows[\(r)].paper", "a row of kind 'paper' needs the paper's values")
            }
        }
        for required in ["oracle", "floor"] {
            guard let row = spec.row(required) else {
                throw fail("rows", "missing the '\(required)' reference row (every table has an oracle and a floor)")
            }
            if row.kind != .reference {
                throw fail("rows[\(spec.rows.firstIndex(of: row)!)].kind", "the '\(required)' row must have kind 'reference'")
            }
        }
    }

    private func checkClaims(columns: [String]) throws {
        let tracked = spec.trackedRows.map(\.id)
        var ids: Set<String> = []
        for (k, claim) in spec.claims.enumerated() {
            guard ids.insert(claim.id).inserted else { throw fail("claims[\(k)].id", "'\(claim.id)' appears twice") }
            guard !claim.comparisons.isEmpty else { throw fail("claims[\(k)].comparisons", "a claim needs at least one comparison") }
            for (c, comparison) in claim.comparisons.enumerated() {
                let place = "claims[\(k)].comparisons[\(c)]"
                guard columns.contains(comparison.metric) else {
                    throw fail("\(place).metric", "'\(comparison.metric)' is not a column of this table" + hint(comparison.metric, columns))
                }
                for (side, term) in [("better", comparison.better), ("worse", comparison.worse)] {
                    for id in term.rows where !tracked.contains(id) {
                        throw fail("\(place).\(side)", "'\(id)' is not a row the recipe fills" + hint(id, tracked))
                    }
                }
            }
        }
    }

    private func hint(_ name: String, _ candidates: [String]) -> String {
        if let near = NearestName.suggest(for: name, among: candidates) { return "; did you mean '\(near)'?" }
        return " (valid: \(candidates.joined(separator: ", ")))"
    }

    private func fail(_ field: String, _ problem: String) -> TableError {
        .invalidSpec(file: file, field: field, problem: problem)
    }
}
