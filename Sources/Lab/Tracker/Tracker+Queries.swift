import Foundation
import GRDB

/// Reading: runs, their details, metric histories.
extension Tracker {
    /// Runs, newest first, optionally filtered.
    public func runs(experiment: String? = nil, status: RunStatus? = nil, parent: String? = nil,
                     limit: Int? = nil) throws -> [RunRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let experiment { conditions.append("e.name = ?"); arguments += [experiment] }
        if let status { conditions.append("r.status = ?"); arguments += [status.rawValue] }
        if let parent { conditions.append("r.parent_uuid = ?"); arguments += [parent] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limitClause = limit.map { " LIMIT \(max(0, $0))" } ?? ""
        return try read { db in
            try Row.fetchAll(db, sql: "\(Tracker.runSelect) \(filter) ORDER BY r.start_time DESC, r.rowid DESC\(limitClause)",
                             arguments: arguments).map(Tracker.runRecord)
        }
    }

    /// The names of all experiments.
    public func experiments() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM experiments ORDER BY name") }
    }

    /// Finds a run by short id, full uuid, uuid prefix (4+ characters), `latest` (the newest
    /// run) or unique name.
    /// - Throws: `TrackerError.unknownRun` with the nearest short id or name, or `.ambiguousRun`.
    public func run(_ query: String) throws -> RunRecord {
        let needle = query.lowercased()
        return try read { db in
            let exact = try Row.fetchAll(db, sql: "\(Tracker.runSelect) WHERE r.short_id = ? OR r.uuid = ?",
                                         arguments: [needle, needle])
            if let row = exact.first { return Tracker.runRecord(row) }
            if needle == "latest",
               let newest = try Row.fetchOne(db, sql: "\(Tracker.runSelect) ORDER BY r.start_time DESC, r.rowid DESC LIMIT 1") {
                return Tracker.runRecord(newest)
            }
            if needle.count >= 4 {
                let prefixed = try Row.fetchAll(db, sql: "\(Tracker.runSelect) WHERE r.uuid LIKE ? ESCAPE '\\'",
                                                arguments: [Tracker.likeEscaped(needle) + "%"])
                if prefixed.count == 1 { return Tracker.runRecord(prefixed[0]) }
                if prefixed.count > 1 {
                    throw TrackerError.ambiguousRun(query: query, matches: prefixed.map { $0["short_id"] as String })
                }
            }
            let named = try Row.fetchAll(db, sql: "\(Tracker.runSelect) WHERE r.name = ?", arguments: [query])
            if named.count == 1 { return Tracker.runRecord(named[0]) }
            if named.count > 1 {
                throw TrackerError.ambiguousRun(query: query, matches: named.map { $0["short_id"] as String })
            }
            let candidates = try String.fetchAll(db, sql: "SELECT short_id FROM runs UNION SELECT name FROM runs")
            throw TrackerError.unknownRun(query: query, path: path.path,
                                          suggestion: NearestName.suggest(for: query, among: candidates))
        }
    }

    /// Everything about one run.
    public func details(of run: RunRecord) throws -> RunDetails {
        try read { db in
            let params = try Row.fetchAll(db, sql: "SELECT key, value FROM params WHERE run_uuid = ?", arguments: [run.uuid])
            let tags = try Row.fetchAll(db, sql: "SELECT key, value FROM tags WHERE run_uuid = ?", arguments: [run.uuid])
            let artifacts = try Row.fetchAll(db, sql: "SELECT path, sha256, size FROM artifacts WHERE run_uuid = ? ORDER BY path",
                                             arguments: [run.uuid]).map {
                ArtifactRecord(path: $0["path"], sha256: $0["sha256"], size: $0["size"])
            }
            return RunDetails(run: run, environment: try environment(of: run.uuid, in: db),
                              params: Dictionary(uniqueKeysWithValues: params.map { ($0["key"], $0["value"]) }),
                              tags: Dictionary(uniqueKeysWithValues: tags.map { ($0["key"], $0["value"]) }),
                              metrics: try metricSummaries(of: run.uuid, in: db), artifacts: artifacts)
        }
    }

    /// A metric's points in step order (all keys when `key` is nil).
    public func metricHistory(of run: RunRecord, key: String? = nil) throws -> [MetricPoint] {
        try read { db in
            let filter = key == nil ? "" : " AND key = ?"
            var arguments: StatementArguments = [run.uuid]
            if let key { arguments += [key] }
            return try Row.fetchAll(db, sql: "SELECT key, value, step, timestamp FROM metrics WHERE run_uuid = ?\(filter) ORDER BY key, step, timestamp, id",
                                    arguments: arguments).map {
                MetricPoint(key: $0["key"], value: ($0["value"] as Double?) ?? .nan, step: $0["step"],
                            timestamp: TrackerTime.date($0["timestamp"]))
            }
        }
    }

    /// The metric keys a run logged.
    public func metricKeys(of run: RunRecord) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT key FROM latest_metrics WHERE run_uuid = ? ORDER BY key", arguments: [run.uuid]) }
    }

    /// The number of metric points a run logged (all keys).
    public func metricCount(of run: RunRecord) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metrics WHERE run_uuid = ?", arguments: [run.uuid]) ?? 0 }
    }

    // MARK: - Row decoding

    static let runSelect = """
        SELECT r.uuid, r.short_id, e.name AS experiment, r.parent_uuid, r.name, r.status, r.start_time, r.end_time,
               r.heartbeat, r.host, r.pid
        FROM runs r JOIN experiments e ON e.id = r.experiment_id
        """

    static func runRecord(_ row: Row) -> RunRecord {
        let status: String = row["status"]
        return RunRecord(uuid: row["uuid"], shortID: row["short_id"], experiment: row["experiment"],
                         parentUUID: row["parent_uuid"], name: row["name"],
                         status: RunStatus(rawValue: status) ?? .failed,
                         startTime: TrackerTime.date(row["start_time"]),
                         endTime: (row["end_time"] as Int64?).map(TrackerTime.date),
                         heartbeat: TrackerTime.date(row["heartbeat"]), host: row["host"], pid: row["pid"])
    }

    private func environment(of uuid: String, in db: Database) throws -> RunEnvironment? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run_environment WHERE run_uuid = ?", arguments: [uuid]) else { return nil }
        return RunEnvironment(gitCommit: row["git_commit"], gitDirty: row["git_dirty"], recipeSHA256: row["recipe_sha256"],
                              seed: row["seed"], cpuModel: row["cpu_model"], cores: row["cores"],
                              swiftVersion: row["swift_version"], openBLASConfig: row["openblas_config"], threads: row["threads"])
    }

    private func metricSummaries(of uuid: String, in db: Database) throws -> [MetricSummary] {
        try Row.fetchAll(db, sql: """
            SELECT l.key, l.value AS last, l.step AS last_step, MIN(m.value) AS min, MAX(m.value) AS max, COUNT(*) AS count
            FROM latest_metrics l JOIN metrics m ON m.run_uuid = l.run_uuid AND m.key = l.key
            WHERE l.run_uuid = ? GROUP BY l.key ORDER BY l.key
            """, arguments: [uuid]).map {
            MetricSummary(key: $0["key"], last: ($0["last"] as Double?) ?? .nan, lastStep: $0["last_step"],
                          min: ($0["min"] as Double?) ?? .nan, max: ($0["max"] as Double?) ?? .nan, count: $0["count"])
        }
    }

    private static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
