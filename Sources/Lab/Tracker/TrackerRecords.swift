import Foundation

/// A run's life cycle, with MLflow's names.
public enum RunStatus: String, Codable, CaseIterable, Sendable {
    case running = "RUNNING"
    case finished = "FINISHED"
    case failed = "FAILED"
    case killed = "KILLED"
}

/// One row of `runs`: identity, place in the hierarchy, and life cycle.
public struct RunRecord: Codable, Equatable, Sendable {
    /// The full identifier (a lowercase UUID).
    public var uuid: String
    /// The first 8 hex digits of the uuid, unique in the tracker: what people type.
    public var shortID: String
    public var experiment: String
    public var parentUUID: String?
    public var name: String
    public var status: RunStatus
    public var startTime: Date
    public var endTime: Date?
    /// The last sign of life from the owning process.
    public var heartbeat: Date
    /// The host and process that own the run (nil for runs migrated from schema v1).
    public var host: String?
    public var pid: Int?
}

/// One logged value of a step metric.
public struct MetricPoint: Codable, Equatable, Sendable {
    public var key: String
    /// NaN is stored (as SQL NULL) and read back as NaN: a diverging loss is worth recording.
    public var value: Double
    public var step: Int
    public var timestamp: Date

    public init(key: String, value: Double, step: Int, timestamp: Date = Date()) {
        self.key = key
        self.value = value
        self.step = step
        self.timestamp = timestamp
    }
}

/// The shape of one metric over a run: the latest value (highest step) and the extremes.
public struct MetricSummary: Codable, Equatable, Sendable {
    public var key: String
    public var last: Double
    public var lastStep: Int
    public var min: Double
    public var max: Double
    public var count: Int
}

/// A file a run produced, identified by content.
public struct ArtifactRecord: Codable, Equatable, Sendable {
    /// Where the file is, as given when it was logged (relative to the results root when inside it).
    public var path: String
    public var sha256: String
    public var size: Int64
}

/// Everything the tracker knows about one run.
public struct RunDetails: Codable, Equatable, Sendable {
    public var run: RunRecord
    public var environment: RunEnvironment?
    public var params: [String: String]
    public var tags: [String: String]
    public var metrics: [MetricSummary]
    public var artifacts: [ArtifactRecord]
}

/// Milliseconds since 1970, the tracker's time unit.
enum TrackerTime {
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
