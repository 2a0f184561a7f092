import Foundation
import Motion
import MotionWorld

/// The procedural `World` as a `TakeSource`: sources `core`, `extended`, `wild`, `synthetic`
/// (Table 5's rows), takes generated one at a time in index order.
public struct WorldTakes: TakeSource {
    public let world: World
    /// Bump when the World's code changes the takes it makes (the World has no version of its own).
    public static let worldVersion = "2"

    public init(world: World) { self.world = world }

    /// A world of `takes` takes split in the paper's source proportions.
    public init(seed: UInt64, takes: Int) {
        self.init(world: World(seed: seed, size: .proportional(total: takes)))
    }

    public var cacheKey: String {
        let s = world.size
        // Seed first: `--plan` shows the first 8 characters of a changed input.
        return "seed\(world.seed)-takes\(s.core).\(s.extended).\(s.wild).\(s.synthetic)-world-v\(Self.worldVersion)-lexicon\(world.lexicon.actions.count)"
    }

    public var sourceNames: [String] { WorldSource.allCases.map(Self.shortName) }

    /// `core` for `mocap/core`.
    public static func shortName(_ source: WorldSource) -> String {
        String(source.rawValue.split(separator: "/").last!)
    }

    func source(named name: String) throws -> WorldSource {
        guard let source = WorldSource.allCases.first(where: { Self.shortName($0) == name }) else {
            throw UnknownSourceError(name: name, known: sourceNames)
        }
        return source
    }

    public func takeCount(of name: String) throws -> Int { world.range(of: try source(named: name)).count }

    public func forEachTake(of name: String, _ body: (Take) throws -> Void) throws {
        let range = world.range(of: try source(named: name))
        // 16 takes at a time on both cores, handed on one by one.
        for start in stride(from: range.lowerBound, to: range.upperBound, by: 16) {
            for take in try world.takes(start..<min(start + 16, range.upperBound), threads: 2) { try body(take) }
        }
    }
}
