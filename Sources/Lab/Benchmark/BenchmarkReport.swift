import Foundation

/// A benchmark's result in the JSON shape of ARCHITECTURE §8 (`ratio` = ours ÷ peer, lower is better),
/// plus the bench's extra fields at top level.
public struct BenchmarkReport: Encodable, Equatable {
    public var name: String
    public var oursMedianMs: Double
    public var peer: String?
    public var peerMedianMs: Double?
    public var oursPeakRSSMB: Double
    public var peerPeakRSSMB: Double?
    public var threads: Int
    /// Timed iterations per side.
    public var runs: Int
    /// Every timed iteration, for spread (not part of the JSON).
    public var oursMs: [Double]
    public var peerMs: [Double]
    public var extra: [String: Double]

    public var ratio: Double? { peerMedianMs.map { oursMedianMs / $0 } }

    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: Key("name"))
        try container.encode(oursMedianMs, forKey: Key("ours_median_ms"))
        try container.encode(peer, forKey: Key("peer"))
        try container.encode(peerMedianMs, forKey: Key("peer_median_ms"))
        try container.encode(ratio, forKey: Key("ratio"))
        try container.encode(oursPeakRSSMB, forKey: Key("ours_peak_rss_mb"))
        try container.encode(peerPeakRSSMB, forKey: Key("peer_peak_rss_mb"))
        try container.encode(threads, forKey: Key("threads"))
        try container.encode(runs, forKey: Key("runs"))
        for key in extra.keys.sorted() { try container.encode(extra[key]!, forKey: Key(key)) }
    }

    /// The JSON object on one line.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A short human summary.
    public var summary: String {
        var lines = ["\(name): ours \(Self.format(oursMedianMs)) ms (median of \(runs))"]
        if let peer, let peerMedianMs, let ratio {
            lines[0] += ", \(peer) \(Self.format(peerMedianMs)) ms, ratio \(Self.format(ratio)) (ours ÷ peer, lower is better)"
        }
        var memory = "peak RSS: ours \(Self.format(oursPeakRSSMB)) MB"
        if let peerPeakRSSMB { memory += ", peer \(Self.format(peerPeakRSSMB)) MB" }
        lines.append(memory + "; threads \(threads)")
        for key in extra.keys.sorted() { lines.append("\(key): \(Self.format(extra[key]!))") }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        abs(value) >= 100 ? String(format: "%.1f", value) : abs(value) >= 1 ? String(format: "%.3f", value) : String(format: "%.4f", value)
    }
}
