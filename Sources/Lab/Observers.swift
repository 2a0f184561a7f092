/// Observer protocols through which science code reports what it does, knowing nothing of
/// SQLite, caches or terminals. `Lab` supplies the implementations: `ActiveRun` (the tracker) is
/// a `MetricSink`, `ProgressBar` is a `ProgressObserver`. They depend on nothing, so they can move
/// to a lower module unchanged if a science module below `Lab` needs them.

/// Receives step metrics (a training loss, an evaluation score).
public protocol MetricSink: AnyObject {
    /// Records `value` for `key` at `step`. Implementations may throw on storage failure.
    func record(_ key: String, _ value: Double, step: Int) throws
    /// Records several keys at one step; the default forwards to `record` one by one.
    func record(_ values: [String: Double], step: Int) throws
}

extension MetricSink {
    public func record(_ values: [String: Double], step: Int) throws {
        for key in values.keys.sorted() { try record(key, values[key]!, step: step) }
    }
}

/// A sink that keeps every point in memory: for tests and for code that wants the numbers back.
public final class MetricRecorder: MetricSink {
    public private(set) var points: [(key: String, value: Double, step: Int)] = []
    public init() {}
    public func record(_ key: String, _ value: Double, step: Int) throws { points.append((key, value, step)) }
    /// The values of one key in logging order.
    public func values(of key: String) -> [Double] { points.filter { $0.key == key }.map(\.value) }
}

/// Receives progress of long work (steps of training, clips of curation).
public protocol ProgressObserver: AnyObject {
    /// `completed` units are done out of `total` (nil when unknown).
    func progress(completed: Int, total: Int?)
}
