import ArgumentParser
import Foundation
import Lab
import Plot

/// `runner version`: the release and the environment every run records.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version and the environment recorded with every run.")

    @OptionGroup var output: JSONOption

    func run() throws {
        let environment = RunEnvironment.capture()
        let locations = ProjectLocations()
        let gnuplot = try? Gnuplot()
        if output.json {
            struct Version: Encodable {
                var version: String
                var environment: RunEnvironment
                var resultsRoot: String
                var tracker: String
                var gnuplot: String?
            }
            return try Output.json(Version(version: MoGenLab.version, environment: environment,
                                           resultsRoot: locations.resultsRoot.path, tracker: locations.tracker.path,
                                           gnuplot: gnuplot?.executable))
        }
        print("MoGenLab \(MoGenLab.version)")
        var table = TextTable(["git", environment.gitCommit.map { "\($0)\(environment.gitDirty == true ? " (dirty)" : "")" } ?? "not in a git checkout"])
        table.add(["cpu", "\(environment.cpuModel), \(environment.cores) cores"])
        table.add(["swift", environment.swiftVersion])
        table.add(["openblas", "\(environment.openBLASConfig); \(environment.threads) threads"])
        table.add(["gnuplot", gnuplot?.executable ?? "missing (apt-get install gnuplot-nox, or scripts/setup)"])
        table.add(["results", locations.resultsRoot.path])
        table.add(["tracker", locations.tracker.path])
        print(table.render(indent: "  "))
    }
}
