import ArgumentParser
import Foundation
import Lab

/// `runner runs export --format csv|json`: runs for other tools.
struct RunsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export runs as CSV (one row per run, or per metric point with --history) or JSON (everything).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var trackerOptions: TrackerOptions
    @Option(help: "csv or json.") var format: Format
    @Flag(help: "CSV: one row per metric point (run_id, key, step, value, timestamp) instead of one per run.")
    var history = false
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?
    @Option(help: "Only runs of this experiment.") var experiment: String?
    @Argument(help: "Run ids to export (default: all runs).") var ids: [String] = []

    func run() throws {
        let tracker = try trackerOptions.open()
        let runs = ids.isEmpty ? try tracker.runs(experiment: experiment).reversed() : try ids.map { try tracker.run($0) }
        let data: Data
        switch format {
        case .csv where history:
            data = Data(RunExport.historyCSV(try runs.map { ($0, try tracker.metricHistory(of: $0)) }).utf8)
        case .csv:
            data = Data(RunExport.csv(try runs.map { try tracker.details(of: $0) }).utf8)
        case .json:
            data = try RunExport.json(tracker: tracker, runs: Array(runs)) + Data("\n".utf8)
        }
        if let output {
            let url = URL(fileURLWithPath: output)
            do { try data.write(to: url, options: .atomic) } catch {
                throw RunnerError("cannot write \(url.path): \(error.localizedDescription)")
            }
            Output.message("exported \(runs.count) runs to \(url.path)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
