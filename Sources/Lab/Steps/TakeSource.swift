import Motion

/// Where curation's raw takes come from: the procedural World, or a user's imported files.
///
/// A source hands out takes one at a time (so a large world never sits in memory) in a fixed
/// order, and names itself by a content key that changes whenever the takes would change.
public protocol TakeSource: Sendable {
    /// Identity of the takes for cache keys (e.g. the World's seed, size and version, hashed).
    var cacheKey: String { get }
    /// The source names `curate(sources:)` accepts, e.g. `core`, `extended`, `wild`, `synthetic`.
    var sourceNames: [String] { get }
    /// How many takes `forEachTake(of:)` will hand out for `name` (for progress bars).
    func takeCount(of name: String) throws -> Int
    /// The takes of one source, in a fixed order.
    func forEachTake(of name: String, _ body: (Take) throws -> Void) throws
}

/// A source name a `TakeSource` does not have.
public struct UnknownSourceError: Error, CustomStringConvertible {
    public let name: String
    public let known: [String]

    public init(name: String, known: [String]) { self.name = name; self.known = known }

    public var description: String {
        let hint = NearestName.suggest(for: name, among: known).map { "; did you mean `\($0)`?" } ?? ""
        return "unknown source `\(name)`\(hint) (sources: \(known.joined(separator: ", ")))"
    }
}
