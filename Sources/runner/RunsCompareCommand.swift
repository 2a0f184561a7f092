import ArgumentParser
import Foundation
import Lab

/// `runner runs compare ID ID…`: params that differ, metrics' last / min / max.
struct RunsCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs: only the params that differ, and each step metric's last / min / max.")

    @OptionGroup var trackerOptions: TrackerOptions
    @OptionGroup var output: JSONOption
    @Argument(help: "Two or more run ids.") var ids: [String]

    func validate() throws {
        guard ids.count >= 2 else { throw ValidationError("compare needs at least two run ids (got \(ids.count))") }
    }

    func run() throws {
        let tracker = try trackerOptions.open()
        let comparison = try RunComparison(tracker: tracker, runs: try ids.map { try tracker.run($0) })
        if output.json { return try Output.json(comparison) }
        print(RunsCompareCommand.text(comparison))
    }

    static func text(_ comparison: RunComparison) -> String {
        var table = TextTable([""] + comparison.runs.map(\.shortID))
        table.add(["name"] + comparison.runs.map(\.name))
        table.add(["status"] + comparison.runs.map(\.status.rawValue))
        var lines: [String] = []
        let same = comparison.identicalParamCount
        let sameNote = same == 0 ? "" : " (\(same) identical not shown)"
        if comparison.differingParams.isEmpty {
            table.add(["params: all identical\(sameNote)"] + comparison.runs.map { _ in "" })
        } else {
            table.add(["params that differ\(sameNote)"] + comparison.runs.map { _ in "" })
            for difference in comparison.differingParams {
                table.add(["  " + difference.key] + difference.values.map { $0 ?? "—" })
            }
        }
        if !comparison.metrics.isEmpty {
            table.add(["metrics: last / min / max"] + comparison.runs.map { _ in "" })
            for column in comparison.metrics {
                table.add(["  " + column.key] + column.summaries.map { summary in
                    summary.map { "\(Output.number($0.last)) / \(Output.number($0.min)) / \(Output.number($0.max))" } ?? "—"
                })
            }
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }
}
