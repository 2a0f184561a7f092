import Foundation

/// `producer.json` in a cache entry: which tracker run made it, so `--plan` can answer
/// "cached: run 3fa2c1d0" and a reader can find the run's metrics.
public struct StepProducer: Codable, Equatable, Sendable {
    public static let fileName = "producer.json"
    /// The tracker run's short id (nil when the step ran without a tracker, e.g. in tests).
    public var run: String?
    /// Wall time of the step's work.
    public var seconds: Double

    public init(run: String?, seconds: Double) { self.run = run; self.seconds = seconds }

    public func write(to folder: URL) throws {
        try JSONEncoder().encode(self).write(to: folder.appendingPathComponent(Self.fileName))
    }

    /// The producer of a published entry, if it recorded one.
    public static func read(from folder: URL) -> StepProducer? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(StepProducer.self, from: data)
    }
}

/// What a step reports to while it works: metrics (the tracker's child run), progress (a bar),
/// and the run id to record in the entry. All optional, so tests can run steps bare.
public struct StepReporting {
    public var metrics: MetricSink?
    public var progress: ((_ label: String, _ total: Int?, _ unit: String) -> ProgressBar)?
    public var runID: String?

    public init(metrics: MetricSink? = nil, runID: String? = nil,
                progress: ((_ label: String, _ total: Int?, _ unit: String) -> ProgressBar)? = nil) {
        self.metrics = metrics; self.runID = runID; self.progress = progress
    }

    /// Reporting that records nothing.
    public static let silent = StepReporting()

    /// A progress observer for `label`, or nil.
    func bar(_ label: String, total: Int?, unit: String) -> ProgressBar? { progress?(label, total, unit) }
}
