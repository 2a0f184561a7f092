import Foundation

extension TableOutcome {
    /// The table for a terminal: one line per row we ran (paper-only rows are in the Markdown),
    /// each cell "ours (paper …)", columns padded.
    public func text() -> String {
        let header = ["row"] + columns.map { "\($0.name) \($0.better == .higher ? "↑" : "↓")" }
        let body = rows.filter { $0.kind != .paper }.map { row in
            [row.id] + columns.map { column -> String in
                let cell = row.cells[column.key]!
                let ours = row.runs.isEmpty ? "no runs" : TableNumber.cell(cell, decimals: column.decimals)
                return cell.paper == nil ? ours : "\(ours) (paper \(TableNumber.fixed(cell.paper!, digits: column.decimals)))"
            }
        }
        let all = [header] + body
        let widths = header.indices.map { k in all.map { $0[k].count }.max()! }
        return all.map { line in
            line.enumerated().map { k, cell in k == line.count - 1 ? cell : cell.padding(toLength: widths[k], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
