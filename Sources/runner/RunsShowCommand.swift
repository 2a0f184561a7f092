import ArgumentParser
import Foundation
import Lab

/// `runner runs show ID`: everything about one run.
struct RunsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one run: status, environment, params, tags, metrics, artifacts.")

    @OptionGroup var trackerOptions: TrackerOptions
    @OptionGroup var output: JSONOption
    @Argument(help: "Run id: short id, full uuid, uuid prefix, or unique name.") var id: String

    func run() throws {
        let tracker = try trackerOptions.open()
        let details = try tracker.details(of: try tracker.run(id))
        let children = try tracker.runs(parent: details.run.uuid)
        if output.json {
            struct Shown: Encodable { var details: RunDetails; var children: [RunRecord] }
            return try Output.json(Shown(details: details, children: children))
        }
        print(RunsShowCommand.text(details, children: children, parent: try details.run.parentUUID.map { try tracker.run($0) }))
    }

    static func text(_ details: RunDetails, children: [RunRecord], parent: RunRecord?) -> String {
        let run = details.run
        var lines = ["run \(run.shortID)  \(run.name)  (experiment \(run.experiment))"]
        var facts = TextTable(["uuid", run.uuid])
        facts.add(["status", run.status.rawValue + (details.tags["mogenlab.killed_reason"].map { " (\($0))" } ?? "")])
        facts.add(["started", Output.date(run.startTime)])
        if let end = run.endTime {
            facts.add(["ended", "\(Output.date(end)) (after \(Output.duration(end.timeIntervalSince(run.startTime))))"])
        }
        if let parent { facts.add(["parent", "\(parent.shortID) \(parent.name)"]) }
        if let host = run.host { facts.add(["owner", "\(host) pid \(run.pid.map(String.init) ?? "?")"]) }
        lines.append(facts.render(indent: "  "))
        if let environment = details.environment {
            lines.append("environment")
            var table = TextTable(["git", environment.gitCommit.map { "\($0)\(environment.gitDirty == true ? " (dirty)" : "")" } ?? "not a git checkout"])
            if let recipe = environment.recipeSHA256 { table.add(["recipe sha256", recipe]) }
            if let seed = environment.seed { table.add(["seed", String(seed)]) }
            table.add(["machine", "\(environment.cpuModel), \(environment.cores) cores"])
            table.add(["software", "Swift \(environment.swiftVersion); \(environment.openBLASConfig); \(environment.threads) threads"])
            lines.append(table.render(indent: "  "))
        }
        let visibleTags = details.tags.filter { !$0.key.hasPrefix("mogenlab.killed_reason") }
        for (title, values) in [("params", details.params), ("tags", visibleTags)] where !values.isEmpty {
            lines.append(title)
            var table = TextTable(["", ""])
            table.rows = values.keys.sorted().map { [$0, values[$0]!] }
            lines.append(table.render(indent: "  ").split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
        }
        if !details.metrics.isEmpty {
            lines.append("metrics")
            var table = TextTable(["key", "last", "at step", "min", "max", "points"])
            for metric in details.metrics {
                table.add([metric.key, Output.number(metric.last), String(metric.lastStep), Output.number(metric.min),
                           Output.number(metric.max), String(metric.count)])
            }
            lines.append(table.render(indent: "  "))
        }
        if !details.artifacts.isEmpty {
            lines.append("artifacts")
            var table = TextTable(["path", "sha256", "size"])
            for artifact in details.artifacts {
                table.add([artifact.path, String(artifact.sha256.prefix(16)), Output.bytes(artifact.size)])
            }
            lines.append(table.render(indent: "  "))
        }
        if !children.isEmpty {
            lines.append("steps (child runs)")
            var table = TextTable(["id", "name", "status"])
            for child in children.reversed() { table.add([child.shortID, child.name, child.status.rawValue]) }
            lines.append(table.render(indent: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
