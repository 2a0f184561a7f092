import Foundation
import GRDB

/// Writing: experiments, runs and everything logged to them. All take the run's uuid;
/// `ActiveRun` wraps them for the run a process owns.
extension Tracker {
    /// Starts a RUNNING run owned by this process, with a heartbeat until `finish`.
    ///
    /// - Parameters:
    ///   - name: a label people read (need not be unique).
    ///   - experiment: created if absent.
    ///   - parent: the uuid of the parent run (a recipe invocation is the parent of its steps).
    ///   - environment: what it runs on; `RunEnvironment.capture(…)` in normal use.
    ///   - tags: initial tags (`table`, `arm`, `seed`, `preset`, `step` by convention).
    public func startRun(name: String, experiment: String = "default", parent: String? = nil,
                         environment: RunEnvironment? = nil, tags: [String: String] = [:],
                         heartbeat: Bool = true) throws -> ActiveRun {
        try Tracker.validate(name, kind: "run")
        try Tracker.validate(experiment, kind: "experiment")
        let now = TrackerTime.millis(Date())
        let record: RunRecord = try write { db in
            let experimentID = try experimentID(named: experiment, in: db)
            var uuid = UUID().uuidString.lowercased()
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE short_id = ?", arguments: [String(uuid.prefix(8))]) == true {
                uuid = UUID().uuidString.lowercased()
            }
            if let parent, try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE uuid = ?", arguments: [parent]) != true {
                throw TrackerError.unknownRun(query: parent, path: path.path, suggestion: nil)
            }
            try db.execute(sql: """
                INSERT INTO runs (uuid, short_id, experiment_id, parent_uuid, name, status, start_time, heartbeat, host, pid)
                VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?)
                """, arguments: [uuid, String(uuid.prefix(8)), experimentID, parent, name, now, now,
                                 ProcessLiveness.hostName, Int(getpid())])
            if let environment { try insert(environment, run: uuid, in: db) }
            for (key, value) in tags {
                try Tracker.validate(key, kind: "tag")
                try db.execute(sql: "INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?)", arguments: [uuid, key, value])
            }
            return RunRecord(uuid: uuid, shortID: String(uuid.prefix(8)), experiment: experiment, parentUUID: parent,
                             name: name, status: .running, startTime: TrackerTime.date(now), endTime: nil,
                             heartbeat: TrackerTime.date(now), host: ProcessLiveness.hostName, pid: Int(getpid()))
        }
        return ActiveRun(tracker: self, record: record, environment: environment, heartbeat: heartbeat)
    }

    /// Logs params; each key can be logged once, and logging the same value again is a no-op.
    /// - Throws: `TrackerError.paramChanged` naming the key if a different value was logged before.
    public func logParams(_ params: [String: String], run uuid: String) throws {
        try write { db in
            let shortID = try requireRun(uuid, in: db)
            for key in params.keys.sorted() {
                let value = params[key]!
                try Tracker.validate(key, kind: "param")
                if let logged = try String.fetchOne(db, sql: "SELECT value FROM params WHERE run_uuid = ? AND key = ?", arguments: [uuid, key]) {
                    if logged != value {
                        throw TrackerError.paramChanged(run: shortID, key: key, logged: logged, attempted: value)
                    }
                    continue
                }
                try db.execute(sql: "INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?)", arguments: [uuid, key, value])
            }
        }
    }

    /// Appends metric points and updates the latest-value table in the same transaction.
    /// The latest value of a key is the one with the highest step (then the latest timestamp).
    public func logMetrics(_ points: [MetricPoint], run uuid: String) throws {
        guard !points.isEmpty else { return }
        for point in points { try Tracker.validate(point.key, kind: "metric") }
        try write { db in
            try requireRun(uuid, in: db)
            for point in points {
                let value: Double? = point.value.isNaN ? nil : point.value
                let timestamp = TrackerTime.millis(point.timestamp)
                try db.execute(sql: "INSERT INTO metrics (run_uuid, key, value, step, timestamp) VALUES (?, ?, ?, ?, ?)",
                               arguments: [uuid, point.key, value, point.step, timestamp])
                try db.execute(sql: """
                    INSERT INTO latest_metrics (run_uuid, key, value, step, timestamp) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (run_uuid, key) DO UPDATE SET
                        value = excluded.value, step = excluded.step, timestamp = excluded.timestamp
                    WHERE excluded.step > latest_metrics.step
                       OR (excluded.step = latest_metrics.step AND excluded.timestamp >= latest_metrics.timestamp)
                    """, arguments: [uuid, point.key, value, point.step, timestamp])
            }
        }
    }

    /// Sets tags (mutable labels, unlike params).
    public func setTags(_ tags: [String: String], run uuid: String) throws {
        try write { db in
            try requireRun(uuid, in: db)
            for (key, value) in tags {
                try Tracker.validate(key, kind: "tag")
                try db.execute(sql: "INSERT OR REPLACE INTO tags (run_uuid, key, value) VALUES (?, ?, ?)", arguments: [uuid, key, value])
            }
        }
    }

    /// Records a file the run produced, with its SHA-256 and size. A path inside the results
    /// root is stored relative to it, so results folders can move.
    @discardableResult
    public func logArtifact(_ file: URL, run uuid: String, resultsRoot: URL? = nil) throws -> ArtifactRecord {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: file.path) } catch {
            throw TrackerError.database(path: path.path, message: "artifact \(file.path) cannot be read: \(error.localizedDescription)")
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let digest = try SHA256.hex(fileAt: file)
        var stored = file.standardizedFileURL.path
        if let root = resultsRoot?.standardizedFileURL.path, stored.hasPrefix(root + "/") {
            stored = String(stored.dropFirst(root.count + 1))
        }
        let record = ArtifactRecord(path: stored, sha256: digest, size: size)
        try write { db in
            try requireRun(uuid, in: db)
            try db.execute(sql: "INSERT OR REPLACE INTO artifacts (run_uuid, path, sha256, size) VALUES (?, ?, ?, ?)",
                           arguments: [uuid, record.path, record.sha256, record.size])
        }
        return record
    }

    /// Ends a run with the given status (normally FINISHED or FAILED).
    public func endRun(_ uuid: String, status: RunStatus) throws {
        let now = TrackerTime.millis(Date())
        try write { db in
            try requireRun(uuid, in: db)
            try db.execute(sql: "UPDATE runs SET status = ?, end_time = ?, heartbeat = ? WHERE uuid = ?",
                           arguments: [status.rawValue, status == .running ? nil : now, now, uuid])
        }
    }

    /// Writes a run's heartbeat (the `ActiveRun` timer calls this).
    public func beat(_ uuid: String, at date: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET heartbeat = ? WHERE uuid = ? AND status = 'RUNNING'",
                           arguments: [TrackerTime.millis(date), uuid])
        }
    }

    // MARK: - Helpers

    /// The run's short id; throws `unknownRun` for a uuid not in this tracker.
    @discardableResult
    func requireRun(_ uuid: String, in db: Database) throws -> String {
        guard let shortID = try String.fetchOne(db, sql: "SELECT short_id FROM runs WHERE uuid = ?", arguments: [uuid]) else {
            throw TrackerError.unknownRun(query: uuid, path: path.path, suggestion: nil)
        }
        return shortID
    }

    func experimentID(named name: String, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM experiments WHERE name = ?", arguments: [name]) { return id }
        try db.execute(sql: "INSERT INTO experiments (name, created_at) VALUES (?, ?)", arguments: [name, TrackerTime.millis(Date())])
        return db.lastInsertedRowID
    }

    private func insert(_ environment: RunEnvironment, run uuid: String, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO run_environment (run_uuid, git_commit, git_dirty, recipe_sha256, seed, cpu_model, cores,
                                         swift_version, openblas_config, threads)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, environment.gitCommit, environment.gitDirty, environment.recipeSHA256, environment.seed,
                             environment.cpuModel, environment.cores, environment.swiftVersion,
                             environment.openBLASConfig, environment.threads])
    }

    static func validate(_ name: String, kind: String) throws {
        if name.isEmpty || name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            throw TrackerError.invalidName(kind: kind, value: name)
        }
    }
}
