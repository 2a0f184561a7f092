import ArgumentParser
import Foundation
import Lab
import Plot

/// `runner plot ID… --metric KEY`: a line plot of step metrics for one or several runs.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Line plot of step metrics for runs (PNG or SVG with its gnuplot script and data; or text).",
        discussion: """
            The image goes to --output, default $MOGENLAB_RESULTS/plots/<metric>-<run ids>.png, with the \
            gnuplot script (.gp) and data (.dat) beside it; re-draw with `gnuplot <name>.gp`.
            """)

    @OptionGroup var trackerOptions: TrackerOptions
    @OptionGroup var jsonOption: JSONOption
    @Argument(help: "Run ids (short id, uuid prefix or unique name).") var ids: [String]
    @Option(name: .long, help: "Metric key; repeat to draw several metrics on one chart.") var metric: [String] = []
    @Option(name: [.short, .long], help: ArgumentHelp("Image file, .png or .svg.", valueName: "file")) var output: String?
    @Flag(help: "Print the chart as text on stdout instead of writing an image.") var text = false
    @Flag(help: "Logarithmic y axis.") var logY = false
    @Option(help: "Exponential smoothing weight in [0, 1) (TensorBoard style; raw curve drawn faintly).")
    var smoothing: Double = 0

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one run id (see `runner runs list`)") }
        if metric.isEmpty { throw ValidationError("give a metric: --metric KEY (see `runner runs show ID`)") }
        if !(0..<1).contains(smoothing) { throw ValidationError("--smoothing must be in [0, 1), got \(smoothing)") }
        if text && jsonOption.json { throw ValidationError("--text and --json exclude each other") }
    }

    func run() throws {
        let tracker = try trackerOptions.open()
        let runs = try ids.map { try tracker.run($0) }
        var series: [LineSeries] = []
        for run in runs {
            let keys = try tracker.metricKeys(of: run)
            for key in metric {
                guard keys.contains(key) else {
                    let hint = NearestName.suggest(for: key, among: keys).map { "did you mean '\($0)'? " } ?? ""
                    throw RunnerError("run \(run.shortID) has no metric '\(key)'; \(hint)(it has: \(keys.isEmpty ? "none" : keys.joined(separator: ", ")))")
                }
                let points = try tracker.metricHistory(of: run, key: key).filter { !$0.value.isNaN }
                let name = metric.count == 1 ? "\(run.shortID) \(run.name)" : "\(run.shortID) \(key)"
                series.append(LineSeries(name: name, points: points.map { (x: Double($0.step), y: $0.value) }))
            }
        }
        let chart = LineChart(title: metric.joined(separator: ", "), xLabel: "step", yLabel: metric.count == 1 ? metric[0] : "value",
                              series: series, logY: logY, smoothing: smoothing)
        if text { return print(try chart.text()) }
        let url = output.map { URL(fileURLWithPath: $0) } ?? defaultFile(runs: runs)
        let files = try chart.write(to: url)
        if jsonOption.json {
            struct Written: Encodable { var image: String; var script: String; var data: String; var series: Int; var points: Int }
            return try Output.json(Written(image: files.image.path, script: files.script.path, data: files.data.path,
                                           series: series.count, points: series.map(\.x.count).reduce(0, +)))
        }
        Output.message("wrote \(files.image.path) (script \(files.script.lastPathComponent), data \(files.data.lastPathComponent))")
    }

    private func defaultFile(runs: [RunRecord]) -> URL {
        let safeMetric = metric.joined(separator: "+").map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return trackerOptions.locations.resultsRoot.appendingPathComponent("plots")
            .appendingPathComponent("\(String(safeMetric))-\(runs.map(\.shortID).joined(separator: "-")).png")
    }
}
