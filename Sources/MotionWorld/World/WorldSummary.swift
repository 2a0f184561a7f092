import Autograd
import Foundation
import Motion

/// What `runner world info` prints: the lexicon by tier and category, and source sizes.
public struct WorldSummary: Sendable, Codable, Equatable {
    public var actions: Int
    public var actionsPerTier: [String: Int]
    public var actionsPerCategory: [String: Int]
    /// tier → category → count.
    public var grid: [String: [String: Int]]
    public var dynamicActions: Int
    public var styles: [String]
    public var datasets: [String]
    public var sources: [String: Int]
    public var totalTakes: Int

    public init(lexicon: Lexicon = .standard, size: WorldSize) {
        actions = lexicon.actions.count
        actionsPerTier = Dictionary(grouping: lexicon.actions, by: \.tier.rawValue).mapValues(\.count)
        actionsPerCategory = Dictionary(grouping: lexicon.actions, by: \.category).mapValues(\.count)
        grid = Dictionary(grouping: lexicon.actions, by: \.tier.rawValue).mapValues { Dictionary(grouping: $0, by: \.category).mapValues(\.count) }
        dynamicActions = lexicon.actions.filter(\.dynamic).count
        styles = lexicon.styles.map(\.id)
        datasets = lexicon.datasets.map(\.name)
        sources = Dictionary(uniqueKeysWithValues: WorldSource.allCases.map { ($0.rawValue, size[$0]) })
        totalTakes = size.total
    }

    /// A plain-text table for the terminal.
    public var text: String {
        let categories = actionsPerCategory.keys.sorted()
        var lines = ["Lexicon: \(actions) actions (\(dynamicActions) highly dynamic), \(styles.count) style adverbs"]
        let header = "tier".padding(toLength: 10, withPad: " ", startingAt: 0) + categories.map { String($0.prefix(6)).padding(toLength: 8, withPad: " ", startingAt: 0) }.joined() + "total"
        lines.append(header)
        for tier in Tier.allCases {
            let row = grid[tier.rawValue] ?? [:]
            lines.append(tier.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                         + categories.map { String(row[$0] ?? 0).padding(toLength: 8, withPad: " ", startingAt: 0) }.joined()
                         + String(actionsPerTier[tier.rawValue] ?? 0))
        }
        lines.append("Sources (\(totalTakes) takes):")
        for s in WorldSource.allCases { lines.append("  \(s.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(sources[s.rawValue] ?? 0)") }
        lines.append("Extended data sets: " + datasets.joined(separator: ", "))
        lines.append("Styles: " + styles.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}

/// One sampled performance of an action with its captions (`runner world sample`).
public struct WorldSample: Sendable {
    public var motion: SMPLMotion
    public var performance: Performance
    public var captions: Captions
}

extension World {
    /// `count` clean performances of one action with random style, speed, direction and
    /// handedness (deterministic in the world's seed).
    public func samples(of actionID: String, count: Int) throws -> [WorldSample] {
        guard let action = lexicon.action(actionID) else { throw SynthesisError.unknownAction(actionID) }
        return try (0..<count).map { k in
            var rng = RandomGenerator(seed: TakeSeed.derive(world: seed, index: k, stream: 3))
            let perf = perform(action, within: 5, using: &rng)
            let motion = try synthesizer.synthesize([perf]).motion
            let captions = writer.captions(for: [perf], using: &rng).take
            return WorldSample(motion: motion, performance: perf, captions: captions)
        }
    }
}
