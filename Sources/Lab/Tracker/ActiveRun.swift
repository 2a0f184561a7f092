import Foundation

/// The run this process owns: logs to it, keeps its heartbeat, and ends it.
///
/// A `MetricSink`, so a trainer can report losses without knowing about the tracker. If the
/// process dies before `finish`, the next `Tracker` open marks the run KILLED.
public final class ActiveRun: MetricSink, @unchecked Sendable {
    public let tracker: Tracker
    /// The run as it was when started (status RUNNING).
    public let record: RunRecord
    /// The environment recorded at the start (children inherit it unless given their own).
    public let environment: RunEnvironment?
    private var timer: DispatchSourceTimer?
    private let lock = NSLock()

    public var uuid: String { record.uuid }
    public var shortID: String { record.shortID }

    init(tracker: Tracker, record: RunRecord, environment: RunEnvironment?, heartbeat: Bool) {
        self.tracker = tracker
        self.record = record
        self.environment = environment
        if heartbeat { startHeartbeat(every: tracker.options.heartbeatInterval) }
    }

    deinit { stopHeartbeat() }

    public func logParams(_ params: [String: String]) throws { try tracker.logParams(params, run: uuid) }
    public func logParam(_ key: String, _ value: String) throws { try tracker.logParams([key: value], run: uuid) }

    public func logMetric(_ key: String, _ value: Double, step: Int, timestamp: Date = Date()) throws {
        try tracker.logMetrics([MetricPoint(key: key, value: value, step: step, timestamp: timestamp)], run: uuid)
    }

    /// Logs several keys at one step in one transaction.
    public func logMetrics(_ values: [String: Double], step: Int, timestamp: Date = Date()) throws {
        let points = values.keys.sorted().map { MetricPoint(key: $0, value: values[$0]!, step: step, timestamp: timestamp) }
        try tracker.logMetrics(points, run: uuid)
    }

    public func setTags(_ tags: [String: String]) throws { try tracker.setTags(tags, run: uuid) }

    @discardableResult
    public func logArtifact(_ file: URL, resultsRoot: URL? = nil) throws -> ArtifactRecord {
        try tracker.logArtifact(file, run: uuid, resultsRoot: resultsRoot)
    }

    /// Starts a child run (a step of this run), recording this run's environment unless given
    /// another (e.g. with the step's own seed).
    public func startChild(name: String, environment: RunEnvironment? = nil, tags: [String: String] = [:],
                           heartbeat: Bool = true) throws -> ActiveRun {
        try tracker.startRun(name: name, experiment: record.experiment, parent: uuid, environment: environment ?? self.environment,
                             tags: tags, heartbeat: heartbeat)
    }

    /// Ends the run (FINISHED by default) and stops its heartbeat.
    public func finish(_ status: RunStatus = .finished) throws {
        stopHeartbeat()
        try tracker.endRun(uuid, status: status)
    }

    /// Runs `body`, then ends the run FINISHED, or FAILED (with the error as a tag) if it throws.
    public func finishing<T>(_ body: (ActiveRun) throws -> T) throws -> T {
        do {
            let result = try body(self)
            try finish(.finished)
            return result
        } catch {
            try? setTags(["mogenlab.error": "\(error)"])
            try? finish(.failed)
            throw error
        }
    }

    // MetricSink
    public func record(_ key: String, _ value: Double, step: Int) throws { try logMetric(key, value, step: step) }
    public func record(_ values: [String: Double], step: Int) throws { try logMetrics(values, step: step) }

    private func startHeartbeat(every interval: TimeInterval) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        let tracker = self.tracker, uuid = self.uuid
        // A missed beat is harmless (the next one comes); a failure must not crash the work.
        timer.setEventHandler { try? tracker.beat(uuid) }
        timer.resume()
        lock.lock(); self.timer = timer; lock.unlock()
    }

    private func stopHeartbeat() {
        lock.lock(); let timer = self.timer; self.timer = nil; lock.unlock()
        timer?.cancel()
    }
}
