import Foundation
import XCTest
@testable import Lab

/// Several `runner` processes on one tracker file.
final class TrackerProcessTests: XCTestCase {
    func testTwoProcessesLoggingConcurrentlyKeepEveryPoint() throws {
        let runner = RunnerProcess(results: try makeTemporaryFolder(self).appendingPathComponent("Results"))
        let writers = try (0..<2).map { index in
            try runner.start(["_log-metrics", "--count", "1000", "--name", "writer\(index)", "--key", "loss"])
        }
        for writer in writers {
            writer.process.waitUntilExit()
            let errors = String(decoding: writer.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(writer.process.terminationStatus, 0, errors)
        }
        let tracker = try Tracker(path: runner.results.appendingPathComponent("tracker.sqlite"))
        let runs = try tracker.runs()
        XCTAssertEqual(Set(runs.map(\.name)), ["writer0", "writer1"])
        XCTAssertEqual(try runs.map { try tracker.metricCount(of: $0) }.reduce(0, +), 2000)
        for run in runs {
            XCTAssertEqual(run.status, .finished)
            let loss = try XCTUnwrap(tracker.details(of: run).metrics.first)
            XCTAssertEqual(loss.count, 1000)
            XCTAssertEqual(loss.lastStep, 999)
            XCTAssertEqual(loss.last, 499.5)
        }
    }

    func testKilledWriterIsMarkedKilledAtNextOpenWithItsMetrics() throws {
        let runner = RunnerProcess(results: try makeTemporaryFolder(self).appendingPathComponent("Results"))
        let writer = try runner.start(["_log-metrics", "--count", "25", "--hold", "60", "--heartbeat", "0.2", "--name", "victim"])
        // The writer prints its run id first, then logs; wait until its 25 points are in.
        let handle = writer.output.fileHandleForReading
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            XCTAssertFalse(chunk.isEmpty, "the writer exited early")
            if chunk.isEmpty { return }
            printed.append(chunk)
        }
        let shortID = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let path = runner.results.appendingPathComponent("tracker.sqlite")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let observer = try Tracker(path: path)
            if try observer.metricCount(of: try observer.run(shortID)) == 25 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let before = try Tracker(path: path).run(shortID)
        XCTAssertEqual(before.status, .running, "a live writer is not swept")

        kill(writer.process.processIdentifier, SIGKILL)
        writer.process.waitUntilExit()

        let shown = try runner.json(["runs", "show", shortID, "--json"])
        let details = try XCTUnwrap(shown["details"] as? [String: Any])
        let run = try XCTUnwrap(details["run"] as? [String: Any])
        XCTAssertEqual(run["status"] as? String, "KILLED")
        let metrics = try XCTUnwrap(details["metrics"] as? [[String: Any]])
        XCTAssertEqual(metrics.first?["count"] as? Int, 25)
        let tags = try XCTUnwrap(details["tags"] as? [String: String])
        XCTAssertTrue(tags["mogenlab.killed_reason"]?.contains("\(writer.process.processIdentifier)") == true)
    }
}
