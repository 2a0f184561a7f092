import Foundation

/// Several runs side by side: only the params that differ, and each step metric's last / min / max.
public struct RunComparison: Codable, Equatable, Sendable {
    /// A param whose value is not the same in every run (nil where a run lacks it).
    public struct ParamDifference: Codable, Equatable, Sendable {
        public var key: String
        public var values: [String?]
    }

    /// A metric's summary per run (nil where a run lacks it).
    public struct MetricColumn: Codable, Equatable, Sendable {
        public var key: String
        public var summaries: [MetricSummary?]
    }

    public var runs: [RunRecord]
    public var differingParams: [ParamDifference]
    /// Params logged with one value by every run (not listed).
    public var identicalParamCount: Int
    public var metrics: [MetricColumn]

    public init(details: [RunDetails]) {
        runs = details.map(\.run)
        let paramKeys = Set(details.flatMap(\.params.keys)).sorted()
        differingParams = []
        identicalParamCount = 0
        for key in paramKeys {
            let values = details.map { $0.params[key] }
            if Set(values.map { $0 ?? "\u{0}absent" }).count > 1 {
                differingParams.append(ParamDifference(key: key, values: values))
            } else {
                identicalParamCount += 1
            }
        }
        let metricKeys = Set(details.flatMap { $0.metrics.map(\.key) }).sorted()
        metrics = metricKeys.map { key in
            MetricColumn(key: key, summaries: details.map { run in run.metrics.first { $0.key == key } })
        }
    }

    /// Compares runs looked up in a tracker.
    public init(tracker: Tracker, runs: [RunRecord]) throws {
        self.init(details: try runs.map { try tracker.details(of: $0) })
    }
}
