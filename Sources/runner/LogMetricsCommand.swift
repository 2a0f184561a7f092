import ArgumentParser
import Foundation
import Lab

/// `runner _log-metrics`: internal, hidden from --help. Logs synthetic metric points, one
/// transaction each, so tests can check that concurrent processes lose nothing and that a killed
/// writer's run becomes KILLED. Prints the run's short id on stdout when it starts.
struct LogMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_log-metrics", abstract: "Internal: log synthetic metrics (for tests).", shouldDisplay: false)

    @OptionGroup var trackerOptions: TrackerOptions
    @Option var name = "log-metrics"
    @Option var key = "value"
    @Option var count = 1000
    @Option(help: "Seconds to wait, heartbeat running, after logging and before finishing.") var hold: Double = 0
    @Option(help: "Heartbeat interval in seconds.") var heartbeat: Double = 15

    func run() throws {
        let tracker = try Tracker(path: trackerOptions.locations.tracker,
                                  options: Tracker.Options(heartbeatInterval: heartbeat))
        let run = try tracker.startRun(name: name, environment: .capture(seed: 0))
        print(run.shortID)
        fflush(stdout)
        for step in 0..<count { try run.logMetric(key, Double(step) * 0.5, step: step) }
        if hold > 0 { Thread.sleep(forTimeInterval: hold) }
        try run.finish()
    }
}
