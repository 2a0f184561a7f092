import Foundation

/// The Markdown of `Results/tables/tableN.md`: the paper's numbers beside ours per row (the
/// reference rows included), the claims' verdicts, the runs used, notes, the stand-ins, the chart.
/// Contains no timestamp, so regenerating from the same runs gives the same file.
struct TableMarkdown {
    var spec: TableSpec
    var outcome: TableOutcome
    /// The tracker file the runs came from.
    var tracker: String

    func render() -> String {
        var lines = ["# \(spec.title)", "", "> \(spec.caption)", ""]
        let seeds = Array(Set(outcome.rows.flatMap(\.seeds))).sorted(by: TableRunSelection.seedOrder)
        lines.append("Ours: preset `\(outcome.preset)`, seed(s) \(seeds.joined(separator: ", ")); mean ± half-width of the "
            + "95 % t-interval over seeds (± — when one seed ran). Paper: the numbers printed in the paper. "
            + "Runs from `\(tracker)`.")
        lines.append("")
        lines += table()
        if outcome.rows.contains(where: { $0.cells.values.contains { $0.intervalSource == "repetitions" } }) {
            lines += ["", "† one seed: the logged half-width over the evaluation's repetitions."]
        }
        if !spec.claims.isEmpty {
            lines += ["", "## Claims (ARCHITECTURE.md §7)", ""]
            for claim in outcome.claims { lines += claimLines(claim) }
        }
        lines += ["", "## Runs", "", "| row | seeds | runs | cached |", "|---|---|---|---|"]
        for row in outcome.rows where row.kind != .paper {
            let runs = row.runs.isEmpty ? "no runs" : row.runs.joined(separator: ", ")
            let seeds = row.seeds.isEmpty ? "—" : row.seeds.joined(separator: ", ")
            lines.append("| \(row.id) | \(seeds) | \(runs) | \(row.cachedRuns) of \(row.runs.count) |")
        }
        if !outcome.notes.isEmpty {
            lines += ["", "## Notes", ""]
            lines += outcome.notes.map { "- \($0)" }
        }
        lines += ["", "## Stand-ins", ""]
        lines += spec.footnote.map { "- \($0)" }
        if outcome.plot != nil {
            lines += ["", "![\(spec.name)](../plots/\(spec.name).png)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func table() -> [String] {
        var header = "| row | paper row |"
        var rule = "|---|---|"
        for column in spec.columns {
            let arrow = column.better == .higher ? "↑" : "↓"
            header += " \(column.name) \(arrow) (paper) | \(column.name) \(arrow) (ours) |"
            rule += "--:|--:|"
        }
        var lines = [header, rule]
        for row in outcome.rows {
            let missing = row.kind != .paper && row.runs.isEmpty
            let label = row.kind == .reference ? "*\(escape(row.label))*" : escape(row.label)
            var line = "| \(label) | \(escape(row.paperLabel ?? "—")) |"
            for column in spec.columns {
                let cell = row.cells[column.key]!
                let ours = row.kind == .paper ? "not run here" : (missing ? "no runs" : TableNumber.cell(cell, decimals: column.decimals))
                line += " \(TableNumber.paper(cell, decimals: column.decimals)) | \(ours) |"
            }
            lines.append(line)
        }
        return lines
    }

    private func claimLines(_ claim: ClaimResult) -> [String] {
        var lines = ["- **\(claim.verdict.rawValue)** — \(claim.text)."]
        for comparison in claim.comparisons {
            let column = spec.column(comparison.metric)!
            var text = "  - \(comparison.better) vs \(comparison.worse) on \(column.name): "
            if let difference = comparison.difference {
                let digits = TableNumber.digits(for: difference, decimals: column.decimals)
                text += "difference \(TableNumber.fixed(difference, digits: digits, signed: true)) in the claimed direction"
                if let low = comparison.low, let high = comparison.high {
                    text += ", 95 % [\(TableNumber.fixed(low, digits: digits, signed: true)), "
                        + "\(TableNumber.fixed(high, digits: digits, signed: true))]"
                }
                text += " (\(comparison.basis)) → \(comparison.verdict.rawValue)"
            } else {
                text += comparison.basis
            }
            lines.append(text)
        }
        if let note = claim.byConstruction { lines.append("  - *By the World's construction:* \(note).") }
        return lines
    }

    private func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
