import Foundation
import XCTest
@testable import Lab

/// `runner cache`, `plot`, `bench`, `version` and `--help`.
final class OtherCommandTests: XCTestCase {
    private func makeRunner() throws -> RunnerProcess {
        RunnerProcess(results: try makeTemporaryFolder(self).appendingPathComponent("Results"))
    }

    func testCacheListAndGarbageCollection() throws {
        let runner = try makeRunner()
        let cache = StepCache(root: runner.results.appendingPathComponent("cache"))
        let entry = try cache.entry(kind: "curate", version: "1", params: ["clips": "64"])
        try entry.publish { dir in try Data(repeating: 7, count: 2048).write(to: dir.appendingPathComponent("shard0")) }
        // A killed writer's leftover (its pid is gone).
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let host = ProcessLiveness.hostName.replacingOccurrences(of: "-", with: "_")
        let partial = cache.root.appendingPathComponent("train/.partial-\(String(repeating: "0", count: 32))-\(host)-\(finished.processIdentifier)-1")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)

        let listed = try runner.json(["cache", "list", "--json"])
        let entries = try XCTUnwrap(listed["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.compactMap { $0["hash"] as? String }, [entry.hash])
        XCTAssertEqual((listed["partials"] as? [String])?.count, 1)
        let text = try runner.run(["cache", "list"])
        XCTAssertTrue(text.stdout.contains("clips=64"), text.stdout)
        XCTAssertTrue(text.stderr.contains("1 unfinished writes"), text.stderr)

        let collected = try runner.json(["cache", "gc", "--json"])
        XCTAssertEqual(collected["partials"] as? [String], [partial.path])
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path))
        XCTAssertTrue(entry.isPublished, "a plain gc keeps finished entries")

        let byKind = try runner.json(["cache", "gc", "--kind", "curate", "--json"])
        XCTAssertEqual((byKind["entries"] as? [Any])?.count, 1)
        XCTAssertFalse(entry.isPublished)
    }

    func testPlotWritesImageScriptAndData() throws {
        let runner = try makeRunner()
        let tracker = try Tracker(path: runner.results.appendingPathComponent("tracker.sqlite"))
        let run = try tracker.startRun(name: "curve", heartbeat: false)
        for step in 0..<20 { try run.logMetric("loss", exp(-Double(step) / 5), step: step) }
        let result = try runner.run(["plot", run.shortID, "--metric", "loss", "--json"])
        if result.stderr.contains("gnuplot") && result.status != 0 { throw XCTSkip("gnuplot is not installed") }
        XCTAssertEqual(result.status, 0, result.stderr)
        let written = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(written["points"] as? Int, 20)
        let image = try XCTUnwrap(written["image"] as? String)
        XCTAssertEqual(image, runner.results.path + "/plots/loss-\(run.shortID).png")
        for key in ["image", "script", "data"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: written[key] as? String ?? ""), key)
        }
        let missing = try runner.run(["plot", run.shortID, "--metric", "los"])
        XCTAssertTrue(missing.stderr.contains("did you mean 'loss'"), missing.stderr)
    }

    func testBenchOursOnlyReportsTheArchitectureFields() throws {
        let runner = try makeRunner()
        let report = try runner.json(["bench", "matmul", "--ours-only", "--rounds", "1", "--iterations", "2", "--json"])
        XCTAssertEqual(report["name"] as? String, "matmul")
        XCTAssertEqual(report["runs"] as? Int, 2)
        XCTAssertGreaterThan(report["ours_median_ms"] as? Double ?? 0, 0)
        XCTAssertGreaterThan(report["gflops"] as? Double ?? 0, 0)
        for key in ["peer", "peer_median_ms", "ratio", "peer_peak_rss_mb"] { XCTAssertTrue(report[key] is NSNull, key) }
        // The result is also a tracked run, its iterations a step metric.
        let tracker = try Tracker(path: runner.results.appendingPathComponent("tracker.sqlite"))
        let run = try tracker.run("latest")
        XCTAssertEqual(run.name, "bench-matmul")
        XCTAssertEqual(run.experiment, "bench")
        XCTAssertEqual(try tracker.metricHistory(of: run, key: "ours_ms").count, 2)
        XCTAssertEqual(try tracker.details(of: run).params["peer"], "none")
        let unknown = try runner.run(["bench", "matmull"])
        XCTAssertTrue(unknown.stderr.contains("did you mean 'matmul'"), unknown.stderr)
    }

    func testVersionPrintsTheEnvironment() throws {
        let version = try makeRunner().json(["version", "--json"])
        XCTAssertEqual(version["version"] as? String, MoGenLab.version)
        let environment = try XCTUnwrap(version["environment"] as? [String: Any])
        XCTAssertTrue((environment["openBLASConfig"] as? String)?.contains("OpenBLAS") == true)
        XCTAssertEqual(environment["cores"] as? Int, ProcessInfo.processInfo.activeProcessorCount)
    }

    func testHelpListsOnlyWorkingCommands() throws {
        let help = try makeRunner().run(["--help"])
        for command in ["runs", "plot", "cache", "bench", "version"] {
            XCTAssertTrue(help.stdout.contains("  \(command) "), "missing \(command)")
        }
        XCTAssertFalse(help.stdout.contains("_log-metrics"), "internal commands stay hidden")
    }
}
