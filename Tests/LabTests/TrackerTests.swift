import Foundation
import GRDB
import XCTest
@testable import Lab

final class TrackerTests: XCTestCase {
    private func makeTracker(options: Tracker.Options = Tracker.Options()) throws -> Tracker {
        try Tracker(path: try makeTemporaryFolder(self).appendingPathComponent("tracker.sqlite"), options: options)
    }

    private let environment = RunEnvironment(gitCommit: "abc123", gitDirty: false, recipeSHA256: SHA256.hex("train()"),
                                             seed: 7, cpuModel: "Test CPU", cores: 2, swiftVersion: "6.3",
                                             openBLASConfig: "OpenBLAS 0.3.21", threads: 2)

    func testOpenCreatesCurrentSchemaInWALMode() throws {
        let tracker = try makeTracker()
        XCTAssertEqual(try tracker.schemaVersions(), TrackerSchema.versions)
        let mode = try tracker.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
    }

    func testRunLifecycleRecordsEverything() throws {
        let tracker = try makeTracker()
        let run = try tracker.startRun(name: "train", experiment: "table3", environment: environment,
                                       tags: ["arm": "adaptive"], heartbeat: false)
        XCTAssertEqual(run.shortID, String(run.uuid.prefix(8)))
        try run.logParams(["width": "128", "depth": "4"])
        try run.logMetric("loss", 2.0, step: 0)
        try run.logMetric("loss", 0.5, step: 2)
        try run.logMetric("loss", 1.0, step: 1)  // out of order: the latest value stays at step 2
        try run.logMetric("loss", .nan, step: 1)
        try run.finish()

        let stored = try tracker.run(run.shortID)
        XCTAssertEqual(stored.status, .finished)
        XCTAssertNotNil(stored.endTime)
        let details = try tracker.details(of: stored)
        XCTAssertEqual(details.params, ["width": "128", "depth": "4"])
        XCTAssertEqual(details.tags["arm"], "adaptive")
        XCTAssertEqual(details.environment, environment)
        let loss = try XCTUnwrap(details.metrics.first { $0.key == "loss" })
        XCTAssertEqual(loss.last, 0.5)
        XCTAssertEqual(loss.lastStep, 2)
        XCTAssertEqual(loss.min, 0.5)
        XCTAssertEqual(loss.max, 2.0)
        XCTAssertEqual(loss.count, 4)
        let history = try tracker.metricHistory(of: stored, key: "loss")
        XCTAssertEqual(history.map(\.step), [0, 1, 1, 2])
        XCTAssertEqual(history.filter { $0.value.isNaN }.count, 1, "NaN is kept, not dropped")
    }

    func testParamsAreImmutable() throws {
        let run = try makeTracker().startRun(name: "r", heartbeat: false)
        try run.logParam("lr", "0.001")
        try run.logParam("lr", "0.001")  // the same value again is fine
        XCTAssertThrowsError(try run.logParam("lr", "0.01")) { error in
            XCTAssertEqual(error as? TrackerError,
                           .paramChanged(run: run.shortID, key: "lr", logged: "0.001", attempted: "0.01"))
            XCTAssertTrue("\(error)".contains("'lr'"))
        }
    }

    func testLatestMetricsTableFollowsHighestStep() throws {
        let tracker = try makeTracker()
        let run = try tracker.startRun(name: "r", heartbeat: false)
        try run.logMetrics(["a": 1, "b": 10], step: 5)
        try run.logMetrics(["a": 2], step: 3)
        let latest = try tracker.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value, step FROM latest_metrics ORDER BY key")
                .map { "\($0["key"] as String)=\($0["value"] as Double)@\($0["step"] as Int)" }
        }
        XCTAssertEqual(latest, ["a=1.0@5", "b=10.0@5"])
    }

    func testArtifactsAreChecksummedAndRelativeToResults() throws {
        let tracker = try makeTracker()
        let results = try makeTemporaryFolder(self)
        let file = results.appendingPathComponent("plots/loss.svg")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("abc".utf8).write(to: file)
        let run = try tracker.startRun(name: "r", heartbeat: false)
        let artifact = try run.logArtifact(file, resultsRoot: results)
        XCTAssertEqual(artifact, ArtifactRecord(path: "plots/loss.svg", sha256: SHA256.hex("abc"), size: 3))
        XCTAssertEqual(try tracker.details(of: run.record).artifacts, [artifact])
    }

    func testRunLookupByShortIDPrefixAndNameWithSuggestions() throws {
        let tracker = try makeTracker()
        let parent = try tracker.startRun(name: "recipe", heartbeat: false)
        let child = try parent.startChild(name: "curate")
        XCTAssertEqual(try tracker.run(child.uuid).shortID, child.shortID)
        XCTAssertEqual(try tracker.run(String(child.uuid.prefix(6)).uppercased()).uuid, child.uuid)
        XCTAssertEqual(try tracker.run("curate").parentUUID, parent.uuid)
        XCTAssertEqual(try tracker.runs(parent: parent.uuid).map(\.uuid), [child.uuid])
        var typo = Array(child.shortID)
        typo[7] = typo[7] == "0" ? "1" : "0"
        XCTAssertThrowsError(try tracker.run(String(typo))) { error in
            guard case let TrackerError.unknownRun(_, _, suggestion) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(suggestion, child.shortID)
        }
        XCTAssertThrowsError(try tracker.run("curat")) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'curate'"), "\(error)")
        }
    }

    func testRunWithStaleHeartbeatIsKilledAtNextOpenAndKeepsMetrics() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder.appendingPathComponent("tracker.sqlite")
        let first = try Tracker(path: path)
        let run = try first.startRun(name: "stale", heartbeat: false)
        try run.logMetric("loss", 1.5, step: 1)
        // Owned by a process elsewhere whose last heartbeat is 10 minutes old.
        try first.write { db in
            try db.execute(sql: "UPDATE runs SET host = 'elsewhere', heartbeat = heartbeat - 600000 WHERE uuid = ?",
                           arguments: [run.uuid])
        }
        let live = try first.startRun(name: "live", heartbeat: false)

        let second = try Tracker(path: path, options: Tracker.Options(staleAfter: 90))
        let swept = try second.run(run.shortID)
        XCTAssertEqual(swept.status, .killed)
        XCTAssertEqual(swept.endTime, swept.heartbeat)
        XCTAssertEqual(try second.metricCount(of: swept), 1)
        XCTAssertTrue(try second.details(of: swept).tags["mogenlab.killed_reason"]?.contains("no heartbeat") == true)
        XCTAssertEqual(try second.run(live.shortID).status, .running, "a live run is left alone")
    }

    func testRunOfDeadProcessOnThisHostIsKilledAtOnce() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("tracker.sqlite")
        let first = try Tracker(path: path)
        let run = try first.startRun(name: "crashed", heartbeat: false)
        let dead = try deadProcessID()
        try first.write { db in try db.execute(sql: "UPDATE runs SET pid = ? WHERE uuid = ?", arguments: [dead, run.uuid]) }
        let reopened = try Tracker(path: path)
        XCTAssertEqual(try reopened.run(run.shortID).status, .killed)
        XCTAssertTrue(try reopened.details(of: run.record).tags["mogenlab.killed_reason"]?.contains("\(dead)") == true)
    }

    func testHeartbeatAdvancesWhileRunning() throws {
        let tracker = try makeTracker(options: Tracker.Options(heartbeatInterval: 0.05))
        let run = try tracker.startRun(name: "beating")
        let started = try tracker.run(run.shortID).heartbeat
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertGreaterThan(try tracker.run(run.shortID).heartbeat, started)
        try run.finish()
    }

    func testFinishingMarksFailedRunsWithTheError() throws {
        struct Boom: Error {}
        let tracker = try makeTracker()
        let run = try tracker.startRun(name: "boom", heartbeat: false)
        XCTAssertThrowsError(try run.finishing { _ in throw Boom() })
        XCTAssertEqual(try tracker.run(run.shortID).status, .failed)
        XCTAssertNotNil(try tracker.details(of: run.record).tags["mogenlab.error"])
    }

    func testTwoConnectionsLoggingConcurrentlyLoseNothing() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("tracker.sqlite")
        let trackers = [try Tracker(path: path), try Tracker(path: path)]
        let runs = try trackers.map { try $0.startRun(name: "writer", heartbeat: false) }
        var failures: [Error] = []
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                for step in 0..<300 { try runs[index].logMetric("loss", Double(step), step: step) }
            } catch {
                lock.lock(); failures.append(error); lock.unlock()
            }
        }
        XCTAssertTrue(failures.isEmpty, "\(failures)")
        let total = try trackers[0].read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metrics") }
        XCTAssertEqual(total, 600)
    }

    func testCompareListsOnlyDifferingParams() throws {
        let tracker = try makeTracker()
        let a = try tracker.startRun(name: "a", heartbeat: false)
        let b = try tracker.startRun(name: "b", heartbeat: false)
        try a.logParams(["width": "128", "seed": "0", "encoder": "minilm"])
        try b.logParams(["width": "128", "seed": "1"])
        try a.logMetric("loss", 3, step: 0)
        try a.logMetric("loss", 1, step: 1)
        let comparison = try RunComparison(tracker: tracker, runs: [a.record, b.record])
        XCTAssertEqual(comparison.differingParams.map(\.key), ["encoder", "seed"])
        XCTAssertEqual(comparison.differingParams.first?.values, ["minilm", nil])
        XCTAssertEqual(comparison.identicalParamCount, 1)
        XCTAssertEqual(comparison.metrics.first?.summaries.first??.max, 3)
        XCTAssertNil(comparison.metrics.first?.summaries.last ?? nil)
    }

    func testCSVExportQuotesAndWidens() throws {
        let tracker = try makeTracker()
        let run = try tracker.startRun(name: "with, comma", heartbeat: false)
        try run.logParams(["note": "say \"hi\""])
        try run.logMetric("acc", 0.25, step: 3)
        let csv = RunExport.csv([try tracker.details(of: run.record)])
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines[0], "run_id,uuid,name,experiment,status,parent_uuid,start_time,end_time,param.note,metric.acc")
        XCTAssertTrue(lines[1].hasPrefix("\(run.shortID),\(run.uuid),\"with, comma\",default,RUNNING,,"))
        XCTAssertTrue(lines[1].hasSuffix(",\"say \"\"hi\"\"\",0.25"))
    }

    func testInvalidNamesAreRejected() throws {
        let tracker = try makeTracker()
        XCTAssertThrowsError(try tracker.startRun(name: "", heartbeat: false))
        let run = try tracker.startRun(name: "ok", heartbeat: false)
        XCTAssertThrowsError(try run.logMetric("bad\nkey", 1, step: 0)) { error in
            XCTAssertEqual(error as? TrackerError, .invalidName(kind: "metric", value: "bad\nkey"))
        }
    }

    func testLocationsResolveFlagThenEnvironmentThenDefault() {
        let cwd = URL(fileURLWithPath: "/work/x")
        XCTAssertEqual(ProjectLocations(environment: [:], currentDirectory: cwd).tracker.path, "/work/x/Results/tracker.sqlite")
        XCTAssertEqual(ProjectLocations(environment: ["MOGENLAB_RESULTS": "/r"], currentDirectory: cwd).tracker.path,
                       "/r/tracker.sqlite")
        XCTAssertEqual(ProjectLocations(environment: ["MOGENLAB_TRACKER": "t.db"], currentDirectory: cwd).tracker.path,
                       "/work/x/t.db")
        XCTAssertEqual(ProjectLocations(trackerOverride: "/a.db", environment: ["MOGENLAB_TRACKER": "t.db"],
                                        currentDirectory: cwd).tracker.path, "/a.db")
        XCTAssertEqual(ProjectLocations(environment: ["MOGENLAB_RESULTS": "/r"]).cacheRoot.path, "/r/cache")
    }

    func testEnvironmentCaptureDescribesThisMachine() {
        let captured = RunEnvironment.capture(seed: 3, recipeSource: "abc", checkout: packageRoot)
        XCTAssertEqual(captured.seed, 3)
        XCTAssertEqual(captured.recipeSHA256, SHA256.hex("abc"))
        XCTAssertEqual(captured.cores, ProcessInfo.processInfo.activeProcessorCount)
        XCTAssertTrue(captured.openBLASConfig.contains("OpenBLAS"), captured.openBLASConfig)
        XCTAssertGreaterThan(captured.threads, 0)
        XCTAssertTrue(["6.1", "6.2", "6.3", "6.4", ">=6.5"].contains(captured.swiftVersion), captured.swiftVersion)
        if let commit = captured.gitCommit { XCTAssertEqual(commit.count, 40) }
    }
}

extension TrackerTests {
    func testLoggingToAnUnknownRunNamesIt() throws {
        let tracker = try Tracker(path: try makeTemporaryFolder(self).appendingPathComponent("t.sqlite"))
        XCTAssertThrowsError(try tracker.logMetrics([MetricPoint(key: "loss", value: 1, step: 0)], run: "no-such-run")) { error in
            XCTAssertEqual(error as? TrackerError, .unknownRun(query: "no-such-run", path: tracker.path.path, suggestion: nil))
        }
    }

    func testLatestNamesTheNewestRun() throws {
        let tracker = try Tracker(path: try makeTemporaryFolder(self).appendingPathComponent("t.sqlite"))
        _ = try tracker.startRun(name: "first", heartbeat: false)
        let second = try tracker.startRun(name: "second", heartbeat: false)
        XCTAssertEqual(try tracker.run("latest").uuid, second.uuid)
    }
}
