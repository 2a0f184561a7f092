import Foundation
import Lab

/// A tracker run as a recipe value: `r = run("3fa2c1d0")`, then `r.metrics.Jitter_Degree`,
/// `r.params.lr`, `r.tags.arm`, `r.status`.
public struct RunHandle: Handle {
    public let details: RunDetails

    public init(_ details: RunDetails) { self.details = details }

    public var typeName: String { "Run" }
    public var summary: String {
        "\(details.run.shortID) \(details.run.name) (\(details.run.status.rawValue.lowercased()))"
    }
    public var identity: String { details.run.uuid }
    public var fieldNames: [String] {
        ["id", "uuid", "name", "experiment", "status", "parent", "start", "seconds", "params", "tags", "metrics"]
    }

    public func field(_ name: String) -> Value? {
        let run = details.run
        switch name {
        case "id": return .string(run.shortID)
        case "uuid": return .string(run.uuid)
        case "name": return .string(run.name)
        case "experiment": return .string(run.experiment)
        case "status": return .string(run.status.rawValue.lowercased())
        case "parent": return run.parentUUID.map { .string($0) } ?? Value.none
        case "start": return .string(ISO8601DateFormatter().string(from: run.startTime))
        case "seconds": return run.endTime.map { .number($0.timeIntervalSince(run.startTime)) } ?? Value.none
        case "params": return .record(Record(details.params.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        case "tags": return .record(Record(details.tags.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        case "metrics": return .record(Record(details.metrics.map { ($0.key, .number($0.last)) }))
        default: return nil
        }
    }
}
