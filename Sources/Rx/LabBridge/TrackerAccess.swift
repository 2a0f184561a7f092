import Foundation
import Lab

/// Opens the tracker on first use (so recipes that never ask about runs never touch it) and
/// keeps it for the session.
public final class TrackerAccess {
    public let locations: ProjectLocations
    private var opened: Tracker?

    public init(locations: ProjectLocations = ProjectLocations()) { self.locations = locations }

    public func tracker() throws -> Tracker {
        if let opened { return opened }
        let tracker = try Tracker(locations: locations)
        opened = tracker
        return tracker
    }

    /// Runs matching a query of space-separated `key=value` terms: `experiment=`, `status=`,
    /// `parent=` (an id or name), `name=` (substring), `tag.KEY=`, `param.KEY=`. Newest first.
    public func runs(matching query: String, limit: Int) throws -> [RunDetails] {
        let tracker = try tracker()
        var experiment: String?, status: RunStatus?, parent: String?, name: String?
        var tags: [String: String] = [:], params: [String: String] = [:]
        let keys = ["experiment", "status", "parent", "name", "tag.KEY", "param.KEY"]
        for term in query.split(separator: " ").map(String.init) {
            guard let eq = term.firstIndex(of: "=") else {
                throw BuiltinFailure("query term `\(term)` is not key=value (keys: \(keys.joined(separator: ", ")))", argument: "query")
            }
            let key = String(term[..<eq]), value = String(term[term.index(after: eq)...])
            switch key {
            case "experiment": experiment = value
            case "name": name = value
            case "parent": parent = try tracker.run(value).uuid
            case "status":
                guard let s = RunStatus(rawValue: value.uppercased()) else {
                    throw BuiltinFailure("status `\(value)` is not one of \(RunStatus.allCases.map { $0.rawValue.lowercased() }.joined(separator: ", "))", argument: "query")
                }
                status = s
            default:
                if key.hasPrefix("tag.") { tags[String(key.dropFirst(4))] = value; continue }
                if key.hasPrefix("param.") { params[String(key.dropFirst(6))] = value; continue }
                throw BuiltinFailure("unknown query key `\(key)`\(Suggest.hint(key, in: keys)) (keys: \(keys.joined(separator: ", ")))", argument: "query")
            }
        }
        var found: [RunDetails] = []
        for record in try tracker.runs(experiment: experiment, status: status, parent: parent) where found.count < limit {
            if let name, !record.name.contains(name) { continue }
            let details = try tracker.details(of: record)
            guard tags.allSatisfy({ details.tags[$0.key] == $0.value }),
                  params.allSatisfy({ details.params[$0.key] == $0.value }) else { continue }
            found.append(details)
        }
        return found
    }

    /// Short ids of recent runs, for Tab completion; empty when the tracker cannot be opened.
    public func recentIDs(limit: Int = 200) -> [String] {
        guard FileManager.default.fileExists(atPath: locations.tracker.path),
              let runs = try? tracker().runs(limit: limit) else { return [] }
        return runs.map(\.shortID)
    }
}
