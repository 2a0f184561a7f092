import Foundation
import XCTest
@testable import Lab

/// `runner runs list|show|compare|export` on a tracker the test builds with the Lab API.
final class RunsCommandTests: XCTestCase {
    private var runner: RunnerProcess!
    private var ids: (recipe: String, a: String, b: String) = ("", "", "")

    override func setUpWithError() throws {
        runner = RunnerProcess(results: try makeTemporaryFolder(self).appendingPathComponent("Results"))
        let tracker = try Tracker(path: runner.results.appendingPathComponent("tracker.sqlite"))
        let environment = RunEnvironment(gitCommit: String(repeating: "a", count: 40), gitDirty: true, recipeSHA256: nil,
                                         seed: 0, cpuModel: "Test CPU", cores: 2, swiftVersion: "6.3",
                                         openBLASConfig: "OpenBLAS test", threads: 2)
        let recipe = try tracker.startRun(name: "table3", experiment: "tables", environment: environment, heartbeat: false)
        let a = try recipe.startChild(name: "train-t2m", tags: ["arm": "t2m"], heartbeat: false)
        let b = try recipe.startChild(name: "train-adaptive", tags: ["arm": "adaptive"], heartbeat: false)
        try a.logParams(["width": "128", "depth": "4", "mode": "t2m"])
        try b.logParams(["width": "128", "depth": "4", "mode": "adaptive"])
        for step in 0..<5 {
            try a.logMetric("loss", 1.0 / Double(step + 1), step: step)
            try b.logMetric("loss", 2.0 / Double(step + 1), step: step)
        }
        try b.logMetric("Jitter_Degree", 0.03, step: 4)
        try a.finish()
        try b.finish(.failed)
        try recipe.finish()
        ids = (recipe.shortID, a.shortID, b.shortID)
    }

    func testListShowsEveryRunNewestFirst() throws {
        let listed = try runner.json(["runs", "list", "--json"])
        let runs = try XCTUnwrap(listed["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.compactMap { $0["shortID"] as? String }, [ids.b, ids.a, ids.recipe])
        XCTAssertEqual(runs.compactMap { $0["status"] as? String }, ["FAILED", "FINISHED", "FINISHED"])

        let text = try runner.run(["runs", "list", "--status", "failed"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains(ids.b) && !text.stdout.contains(ids.a), text.stdout)
        XCTAssertTrue(text.stdout.contains(ids.recipe), "the PARENT column names the recipe run")

        let typo = try runner.run(["runs", "list", "--experiment", "tabels"])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.stderr.contains("did you mean 'tables'"), typo.stderr)
    }

    func testShowGivesParamsMetricsEnvironmentAndSteps() throws {
        let text = try runner.run(["runs", "show", ids.a])
        XCTAssertEqual(text.status, 0, text.stderr)
        for expected in ["train-t2m", "FINISHED", "mode", "t2m", "loss", "0.2", "(dirty)", "Test CPU", "table3"] {
            XCTAssertTrue(text.stdout.contains(expected), "missing \(expected) in:\n\(text.stdout)")
        }
        let recipe = try runner.json(["runs", "show", ids.recipe, "--json"])
        let children = try XCTUnwrap(recipe["children"] as? [[String: Any]])
        XCTAssertEqual(Set(children.compactMap { $0["shortID"] as? String }), [ids.a, ids.b])
        let details = try XCTUnwrap(recipe["details"] as? [String: Any])
        let environment = try XCTUnwrap(details["environment"] as? [String: Any])
        XCTAssertEqual(environment["cpuModel"] as? String, "Test CPU")
    }

    func testCompareShowsOnlyDifferingParamsAndMetricExtremes() throws {
        let compared = try runner.json(["runs", "compare", ids.a, ids.b, "--json"])
        let differing = try XCTUnwrap(compared["differingParams"] as? [[String: Any]])
        XCTAssertEqual(differing.compactMap { $0["key"] as? String }, ["mode"])
        XCTAssertEqual(compared["identicalParamCount"] as? Int, 2)
        let metrics = try XCTUnwrap(compared["metrics"] as? [[String: Any]])
        let loss = try XCTUnwrap(metrics.first { $0["key"] as? String == "loss" })
        let summaries = try XCTUnwrap(loss["summaries"] as? [[String: Any]])
        XCTAssertEqual(summaries[0]["last"] as? Double, 0.2)
        XCTAssertEqual(summaries[1]["max"] as? Double, 2.0)
        XCTAssertEqual(summaries[1]["min"] as? Double, 0.4)

        let text = try runner.run(["runs", "compare", ids.a, ids.b])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("params that differ (2 identical not shown)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("0.2 / 0.2 / 1"), text.stdout)
        XCTAssertFalse(text.stdout.contains("width"), "identical params are not listed")
    }

    func testExportCSVAndJSON() throws {
        let csv = try runner.run(["runs", "export", "--format", "csv", ids.a, ids.b])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0], "run_id,uuid,name,experiment,status,parent_uuid,start_time,end_time,param.depth,param.mode,param.width,metric.Jitter_Degree,metric.loss")
        XCTAssertTrue(lines[1].hasPrefix(ids.a + ","))
        XCTAssertTrue(lines[1].hasSuffix(",4,t2m,128,,0.2"), String(lines[1]))

        let history = try runner.run(["runs", "export", "--format", "csv", "--history", ids.b])
        XCTAssertEqual(history.stdout.split(separator: "\n").count, 1 + 6)

        let file = runner.results.deletingLastPathComponent().appendingPathComponent("all.json")
        let written = try runner.run(["runs", "export", "--format", "json", "--output", file.path])
        XCTAssertEqual(written.status, 0, written.stderr)
        let exported = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let runs = try XCTUnwrap(exported["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 3)
        let histories = runs.compactMap { ($0["history"] as? [Any])?.count }
        XCTAssertEqual(histories.sorted(), [0, 5, 6])
    }

    func testMistakesGetSuggestions() throws {
        var typo = Array(ids.a)
        typo[0] = typo[0] == "f" ? "e" : "f"
        let unknownRun = try runner.run(["runs", "show", String(typo)])
        XCTAssertEqual(unknownRun.status, 1)
        XCTAssertTrue(unknownRun.stderr.contains("did you mean '\(ids.a)'"), unknownRun.stderr)

        let unknownFlag = try runner.run(["runs", "list", "--jsno"])
        XCTAssertNotEqual(unknownFlag.status, 0)
        XCTAssertTrue(unknownFlag.stderr.contains("Did you mean '--json'"), unknownFlag.stderr)

        let unknownCommand = try runner.run(["runs", "comapre", ids.a, ids.b])
        XCTAssertNotEqual(unknownCommand.status, 0)
        XCTAssertTrue(unknownCommand.stderr.contains("Did you mean 'compare'"), unknownCommand.stderr)

        let tooFew = try runner.run(["runs", "compare", ids.a])
        XCTAssertNotEqual(tooFew.status, 0)
        XCTAssertTrue(tooFew.stderr.contains("at least two run ids"), tooFew.stderr)
    }

    func testCorruptTrackerIsNamedAndLeftAlone() throws {
        let path = runner.results.deletingLastPathComponent().appendingPathComponent("notes.sqlite")
        let garbage = Data("definitely not a database".utf8)
        try garbage.write(to: path)
        let result = try runner.run(["runs", "list", "--tracker", path.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(path.path) is not a MoGenLab tracker"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: path), garbage)
    }

    func testTrackerFlagBeatsEnvironment() throws {
        let elsewhere = runner.results.deletingLastPathComponent().appendingPathComponent("other.sqlite")
        _ = try Tracker(path: elsewhere).startRun(name: "lonely", heartbeat: false)
        let viaFlag = try runner.json(["runs", "list", "--json", "--tracker", elsewhere.path])
        XCTAssertEqual((viaFlag["runs"] as? [[String: Any]])?.count, 1)
        let viaEnvironment = try runner.run(["runs", "list", "--json"], environment: ["MOGENLAB_TRACKER": elsewhere.path])
        XCTAssertTrue(viaEnvironment.stdout.contains("lonely"), viaEnvironment.stdout)
    }
}
