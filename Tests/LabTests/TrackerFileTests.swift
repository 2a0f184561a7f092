import Foundation
import GRDB
import XCTest
@testable import Lab

/// Opening tracker files that are old, foreign, newer or damaged.
final class TrackerFileTests: XCTestCase {
    /// The v1 schema exactly as first released; never edit (migrations must bring it forward).
    private let v1DDL = """
        CREATE TABLE experiments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE runs (
            uuid TEXT PRIMARY KEY,
            short_id TEXT NOT NULL UNIQUE,
            experiment_id INTEGER NOT NULL REFERENCES experiments(id),
            parent_uuid TEXT REFERENCES runs(uuid),
            name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')),
            start_time INTEGER NOT NULL,
            end_time INTEGER,
            heartbeat INTEGER NOT NULL
        );
        CREATE INDEX runs_by_experiment ON runs(experiment_id, start_time);
        CREATE INDEX runs_by_parent ON runs(parent_uuid);
        CREATE TABLE params (
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_uuid, key)
        );
        CREATE TABLE metrics (
            id INTEGER PRIMARY KEY,
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value REAL,
            step INTEGER NOT NULL,
            timestamp INTEGER NOT NULL
        );
        CREATE INDEX metrics_by_run_key ON metrics(run_uuid, key, step);
        CREATE TABLE latest_metrics (
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value REAL,
            step INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            PRIMARY KEY (run_uuid, key)
        );
        CREATE TABLE tags (
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_uuid, key)
        );
        """

    private func path() throws -> URL { try makeTemporaryFolder(self).appendingPathComponent("tracker.sqlite") }

    func testMigratesAFirstSchemaTrackerAndKeepsItsRuns() throws {
        let path = try path()
        let uuid = "0123abcd-0000-4000-8000-000000000000"
        let old = try DatabaseQueue(path: path.path)
        try old.write { db in
            try db.execute(sql: v1DDL)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1')")
            try db.execute(sql: "INSERT INTO experiments (id, name, created_at) VALUES (1, 'old', 1000)")
            try db.execute(sql: """
                INSERT INTO runs (uuid, short_id, experiment_id, name, status, start_time, end_time, heartbeat)
                VALUES (?, '0123abcd', 1, 'legacy', 'FINISHED', 1000, 2000, 2000)
                """, arguments: [uuid])
            try db.execute(sql: "INSERT INTO params VALUES (?, 'width', '64')", arguments: [uuid])
            try db.execute(sql: "INSERT INTO metrics (run_uuid, key, value, step, timestamp) VALUES (?, 'loss', 0.75, 9, 1500)",
                           arguments: [uuid])
            try db.execute(sql: "INSERT INTO latest_metrics VALUES (?, 'loss', 0.75, 9, 1500)", arguments: [uuid])
        }
        try old.close()

        let tracker = try Tracker(path: path)
        XCTAssertEqual(try tracker.schemaVersions(), ["v1", "v2"])
        let legacy = try tracker.run("0123abcd")
        XCTAssertEqual(legacy.name, "legacy")
        XCTAssertEqual(legacy.experiment, "old")
        XCTAssertEqual(legacy.status, .finished, "a finished v1 run is not swept")
        XCTAssertNil(legacy.host)
        let details = try tracker.details(of: legacy)
        XCTAssertEqual(details.params, ["width": "64"])
        XCTAssertEqual(details.metrics.first?.last, 0.75)
        XCTAssertNil(details.environment)
        // The v2 tables work on migrated runs.
        let file = path.deletingLastPathComponent().appendingPathComponent("a.txt")
        try Data("x".utf8).write(to: file)
        XCTAssertEqual(try tracker.logArtifact(file, run: legacy.uuid).size, 1)
    }

    func testFileFromNewerMoGenLabIsRefused() throws {
        let path = try path()
        _ = try Tracker(path: path)
        let queue = try DatabaseQueue(path: path.path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        try queue.close()
        XCTAssertThrowsError(try Tracker(path: path)) { error in
            XCTAssertEqual(error as? TrackerError, .newerSchema(path: path.path, knownVersions: TrackerSchema.versions))
        }
    }

    func testNonSQLiteFileIsNamedAndLeftUntouched() throws {
        let path = try path()
        let garbage = Data("these are my notes, not a database\n".utf8)
        try garbage.write(to: path)
        XCTAssertThrowsError(try Tracker(path: path)) { error in
            guard case let TrackerError.notATracker(named, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(named, path.path)
            XCTAssertTrue("\(error)".contains(path.path))
        }
        XCTAssertEqual(try Data(contentsOf: path), garbage)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path.path + "-wal"))
    }

    func testDamagedSQLiteFileIsNamedAndLeftUntouched() throws {
        let path = try path()
        var damaged = Data("SQLite format 3\0".utf8)
        damaged.append(Data(repeating: 0xA5, count: 4096 - damaged.count))
        try damaged.write(to: path)
        XCTAssertThrowsError(try Tracker(path: path)) { error in
            XCTAssertTrue("\(error)".contains(path.path), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: path), damaged)
    }

    func testSomeoneElsesDatabaseIsRefused() throws {
        let path = try path()
        let queue = try DatabaseQueue(path: path.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        try queue.close()
        XCTAssertThrowsError(try Tracker(path: path)) { error in
            XCTAssertEqual(error as? TrackerError, .foreignDatabase(path: path.path, tables: ["invoices"]))
        }
    }

    func testFolderAsTrackerPathIsRefused() throws {
        let folder = try makeTemporaryFolder(self)
        XCTAssertThrowsError(try Tracker(path: folder)) { error in
            XCTAssertEqual(error as? TrackerError, .unusablePath(path: folder.path, reason: "it is a folder"))
        }
    }
}
