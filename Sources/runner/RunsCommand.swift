import ArgumentParser
import Foundation
import Lab

/// `runner runs …`: the tracker's runs.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, show, compare and export tracked runs.",
        subcommands: [RunsListCommand.self, RunsShowCommand.self, RunsCompareCommand.self, RunsExportCommand.self])
}

/// `runner runs list`: newest first.
struct RunsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, newest first.")

    @OptionGroup var trackerOptions: TrackerOptions
    @OptionGroup var output: JSONOption
    @Option(help: "Only runs of this experiment.") var experiment: String?
    @Option(help: "Only runs with this status (RUNNING, FINISHED, FAILED, KILLED).") var status: String?
    @Option(help: "At most this many runs.") var limit: Int?

    func run() throws {
        let tracker = try trackerOptions.open()
        var statusFilter: RunStatus?
        if let status {
            guard let parsed = RunStatus(rawValue: status.uppercased()) else {
                let names = RunStatus.allCases.map(\.rawValue)
                let hint = NearestName.suggest(for: status.uppercased(), among: names).map { "did you mean '\($0)'? " } ?? ""
                throw RunnerError("unknown status '\(status)'; \(hint)(valid: \(names.joined(separator: ", ")))")
            }
            statusFilter = parsed
        }
        if let experiment, try !tracker.experiments().contains(experiment) {
            let known = try tracker.experiments()
            let hint = NearestName.suggest(for: experiment, among: known).map { "did you mean '\($0)'? " } ?? ""
            throw RunnerError("no experiment '\(experiment)' in \(tracker.path.path); \(hint)(known: \(known.joined(separator: ", ")))")
        }
        let runs = try tracker.runs(experiment: experiment, status: statusFilter, limit: limit)
        if output.json {
            struct Listing: Encodable { var tracker: String; var runs: [RunRecord] }
            return try Output.json(Listing(tracker: tracker.path.path, runs: runs))
        }
        if runs.isEmpty { return Output.message("no runs in \(tracker.path.path)") }
        let shortIDs = Dictionary(try tracker.runs().map { ($0.uuid, $0.shortID) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(["ID", "NAME", "EXPERIMENT", "STATUS", "STARTED", "DURATION", "PARENT"])
        for run in runs {
            let end = run.endTime ?? (run.status == .running ? Date() : run.heartbeat)
            table.add([run.shortID, run.name, run.experiment, run.status.rawValue, Output.date(run.startTime),
                       Output.duration(end.timeIntervalSince(run.startTime)),
                       run.parentUUID.map { shortIDs[$0] ?? String($0.prefix(8)) } ?? ""])
        }
        print(table.render())
    }
}
