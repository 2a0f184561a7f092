import Foundation
import GRDB

/// One finished evaluation child run of a table (TABLES-CONTRACT.md): its tags, the latest
/// value of every metric, and its artifacts.
public struct TableRun: Sendable, Equatable {
    public var record: RunRecord
    /// The `row` tag (nil when the recipe did not pass `row:`).
    public var row: String?
    /// The `seed` tag ("" when absent).
    public var seed: String
    /// The `preset` tag ("" when absent).
    public var preset: String
    /// The step was served from the cache (tag `cached` = `true`).
    public var cached: Bool
    public var metrics: [String: Double]
    public var artifacts: [ArtifactRecord]
}

/// The contract's query: per (row, seed), the newest finished child run with the table's
/// `table` and `step` tags at one preset.
public struct TableRunSelection: Sendable {
    /// The preset the runs were taken at.
    public var preset: String
    /// Every preset that has runs for this table, newest first.
    public var presetsSeen: [String]
    /// Row id → the chosen runs, one per seed, in seed order.
    public var runs: [String: [TableRun]]
    /// Row tags of runs the spec does not know (a recipe typo, or an old row name).
    public var unknownRows: [String]
    /// Runs without a `row` tag (they cannot be placed in the table).
    public var untagged: Int

    /// Selects from `candidates` (newest first): the preset asked for, else the newest run's.
    init(candidates: [TableRun], knownRows: Set<String>, preset wanted: String?) {
        var seen: [String] = []
        for run in candidates where !seen.contains(run.preset) { seen.append(run.preset) }
        presetsSeen = seen
        preset = wanted ?? seen.first ?? ""
        var chosen: [String: [String: TableRun]] = [:]
        var unknown: Set<String> = []
        var untagged = 0
        for run in candidates where run.preset == preset {
            guard let row = run.row else { untagged += 1; continue }
            guard knownRows.contains(row) else { unknown.insert(row); continue }
            if chosen[row]?[run.seed] == nil { chosen[row, default: [:]][run.seed] = run }  // newest first: keep the first
        }
        runs = chosen.mapValues { bySeed in bySeed.keys.sorted(by: TableRunSelection.seedOrder).map { bySeed[$0]! } }
        unknownRows = unknown.sorted()
        self.untagged = untagged
    }

    /// Numeric seeds in numeric order, anything else after them in text order.
    static func seedOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
    }
}

extension Tracker {
    /// Finished runs tagged `table` = `table` and `step` = `step`, newest first.
    public func tableRuns(table: String, step: String) throws -> [TableRun] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                \(Tracker.runSelect)
                JOIN tags tt ON tt.run_uuid = r.uuid AND tt.key = 'table' AND tt.value = ?
                JOIN tags ts ON ts.run_uuid = r.uuid AND ts.key = 'step' AND ts.value = ?
                WHERE r.status = 'FINISHED'
                ORDER BY r.start_time DESC, r.rowid DESC
                """, arguments: [table, step])
            return try rows.map { row in
                let record = Tracker.runRecord(row)
                let tags = Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM tags WHERE run_uuid = ?",
                                                      arguments: [record.uuid]).map { ($0["key"] as String, $0["value"] as String) },
                                      uniquingKeysWith: { $1 })
                let metrics = Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM latest_metrics WHERE run_uuid = ?",
                                                         arguments: [record.uuid]).map { ($0["key"] as String, ($0["value"] as Double?) ?? .nan) },
                                         uniquingKeysWith: { $1 })
                let artifacts = try Row.fetchAll(db, sql: "SELECT path, sha256, size FROM artifacts WHERE run_uuid = ? ORDER BY path",
                                                 arguments: [record.uuid]).map {
                    ArtifactRecord(path: $0["path"], sha256: $0["sha256"], size: $0["size"])
                }
                return TableRun(record: record, row: tags["row"], seed: tags["seed"] ?? "", preset: tags["preset"] ?? "",
                                cached: tags["cached"] == "true", metrics: metrics, artifacts: artifacts)
            }
        }
    }
}
