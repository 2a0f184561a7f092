import ArgumentParser
import Foundation
import Lab

/// `runner bench NAME`: one of the registered benchmarks against its peer.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark our code against its peer (a Python process), alternating rounds.",
        discussion: "Benchmarks:\n" + BenchRegistry.all.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.summary)" }
            .joined(separator: "\n"))

    @OptionGroup var output: JSONOption
    @OptionGroup var trackerOptions: TrackerOptions
    @Argument(help: ArgumentHelp("The benchmark.", valueName: "name"), completion: .list(BenchRegistry.all.map(\.name)))
    var name: String
    @Option(help: "Alternating rounds (default: the bench's own).") var rounds: Int?
    @Option(help: "Iterations per round on each side (default: the bench's own).") var iterations: Int?
    @Option(help: "Threads for both sides (default: all cores).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Measure ours only (no Python / torch needed).") var oursOnly = false
    @Flag(help: "Do not record the result as a run in the tracker (experiment 'bench').") var noTrack = false

    func validate() throws {
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        guard let entry = BenchRegistry.all.first(where: { $0.name == name }) else {
            let names = BenchRegistry.all.map(\.name)
            let hint = NearestName.suggest(for: name, among: names).map { "did you mean '\($0)'? " } ?? ""
            throw RunnerError("unknown benchmark '\(name)'; \(hint)(available: \(names.joined(separator: ", ")))")
        }
        let workload = try entry.make()
        var spec = BenchmarkSpec(name: entry.name, peer: oursOnly ? nil : try entry.peer?.spec(),
                                 iterationsPerRound: iterations ?? entry.iterationsPerRound, rounds: rounds ?? entry.rounds,
                                 extras: workload.extras, ours: workload.iteration)
        spec.warmupIterations = entry.warmupIterations
        let harness = BenchmarkHarness(threads: threads, log: output.json ? nil : Output.message)
        let report: BenchmarkReport
        if noTrack {
            report = try harness.run(spec)
        } else {
            // The run spans the measurement, so a failing bench leaves a FAILED run with its error.
            let run = try trackerOptions.open(mustExist: false)
                .startRun(name: "bench-\(entry.name)", experiment: "bench", environment: .capture(),
                          tags: ["bench": entry.name], heartbeat: false)
            report = try run.finishing { run in
                let report = try harness.run(spec)
                try BenchCommand.record(report, spec: spec, in: run)
                return report
            }
            Output.message("recorded as run \(run.shortID) (runner runs show \(run.shortID))")
        }
        if output.json { return print(try report.jsonLine()) }
        print(report.summary)
    }

    /// Logs a benchmark's settings as params, every timed iteration as the step metrics
    /// `ours_ms` / `peer_ms`, and the report's figures as metrics at step 0.
    static func record(_ report: BenchmarkReport, spec: BenchmarkSpec, in run: ActiveRun) throws {
        try run.logParams(["rounds": String(spec.rounds), "iterations_per_round": String(spec.iterationsPerRound),
                           "threads": String(report.threads), "peer": report.peer ?? "none"])
        var points: [MetricPoint] = []
        for (step, ms) in report.oursMs.enumerated() { points.append(MetricPoint(key: "ours_ms", value: ms, step: step)) }
        for (step, ms) in report.peerMs.enumerated() { points.append(MetricPoint(key: "peer_ms", value: ms, step: step)) }
        var figures = report.extra
        figures["ours_median_ms"] = report.oursMedianMs
        figures["ours_peak_rss_mb"] = report.oursPeakRSSMB
        if let peer = report.peerMedianMs { figures["peer_median_ms"] = peer }
        if let ratio = report.ratio { figures["ratio"] = ratio }
        if let peak = report.peerPeakRSSMB { figures["peer_peak_rss_mb"] = peak }
        points += figures.keys.sorted().map { MetricPoint(key: $0, value: figures[$0]!, step: 0) }
        try run.tracker.logMetrics(points, run: run.uuid)
    }
}

/// A registered benchmark: how to build our workload, and which peer script does the same work.
///
/// To add one: in `Sources/runner/Benches/<Name>Bench.swift` write
/// `extension BenchEntry { static let myBench = BenchEntry(name: …, summary: …, peer: …) { … } }`
/// and add `.myBench` to `BenchRegistry.all`.
struct BenchEntry {
    var name: String
    var summary: String
    var peer: PeerScript?
    var iterationsPerRound = 5
    var rounds = 5
    var warmupIterations = 2
    /// Builds inputs (outside the timing) and returns the timed iteration.
    var make: () throws -> BenchWorkload

    init(name: String, summary: String, peer: PeerScript?, iterationsPerRound: Int = 5, rounds: Int = 5,
         warmupIterations: Int = 2, make: @escaping () throws -> BenchWorkload) {
        self.name = name
        self.summary = summary
        self.peer = peer
        self.iterationsPerRound = iterationsPerRound
        self.rounds = rounds
        self.warmupIterations = warmupIterations
        self.make = make
    }
}

/// Our side of a benchmark: one timed iteration, plus extra report fields from the medians.
struct BenchWorkload {
    var iteration: () throws -> Void
    var extras: (_ oursMedianMs: Double, _ peerMedianMs: Double?) -> [String: Double] = { _, _ in [:] }
}

/// A peer script under `scripts/bench/` of the MoGenLab checkout.
struct PeerScript {
    /// What the peer is, for the report (e.g. "pytorch").
    var name: String
    /// Path relative to the package root, e.g. `scripts/bench/matmul_peer.py`.
    var script: String
    var arguments: [String] = []
    /// Python modules it imports (checked first, for an install hint).
    var modules: [String] = ["torch"]

    func spec() throws -> PeerSpec {
        guard let root = ProjectLocations.packageRoot() else {
            throw RunnerError("cannot find the MoGenLab checkout (for \(script)); run from inside it, or use --ours-only")
        }
        return PeerSpec(name: name, script: root.appendingPathComponent(script), arguments: arguments, requiredModules: modules)
    }
}

/// Every benchmark `runner bench` knows.
enum BenchRegistry {
    static let all: [BenchEntry] = [.matmul, .trainStep, .inferStep, .textEncode]
}
