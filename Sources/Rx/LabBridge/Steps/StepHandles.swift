import Foundation
import Lab
import Motion

/// A world to draw takes from: `world(seed:, preset:)`. Cheap: it generates nothing until a
/// step asks for takes.
public struct WorldHandle: Handle {
    public let takes: TakeSource
    public let seed: UInt64
    /// The preset it was sized by (`smoke`, `small`, …): steps tag their runs with it.
    public let preset: String
    /// Takes in the world (all sources).
    public let takeCount: Int

    public init(takes: TakeSource, seed: UInt64, preset: String, takeCount: Int) {
        self.takes = takes; self.seed = seed; self.preset = preset; self.takeCount = takeCount
    }

    public var typeName: String { "World" }
    public var summary: String { "World seed \(seed), \(preset) (\(takeCount) takes; sources \(takes.sourceNames.joined(separator: ", ")))" }
    public var identity: String { takes.cacheKey }
    public var fieldNames: [String] { ["seed", "preset", "takes", "sources", "key"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "seed": return .number(Double(seed))
        case "preset": return .string(preset)
        case "takes": return .number(Double(takeCount))
        case "sources": return .list(takes.sourceNames.map { .string($0) })
        case "key": return .string(takes.cacheKey)
        default: return nil
        }
    }
}

/// A curated dataset (`curate(…)`) seen in one caption style.
public struct DatasetHandle: Handle {
    public let dataset: CuratedDataset
    public let style: CaptionStyle
    public let preset: String
    public let seed: UInt64

    public init(dataset: CuratedDataset, style: CaptionStyle, preset: String, seed: UInt64) {
        self.dataset = dataset; self.style = style; self.preset = preset; self.seed = seed
    }

    public var typeName: String { "Dataset" }
    public var summary: String {
        "\(dataset.index.sources.joined(separator: " + ")), \(dataset.clipCount) clips, \(style.rawValue) captions (cache \(dataset.key.prefix(8)))"
    }
    /// The caption style is part of the identity: steps downstream see different text.
    public var identity: String { "\(dataset.key)/\(style.rawValue)" }
    public var fieldNames: [String] { ["clips", "frames", "sources", "captions", "rejected", "quality", "actions", "action_ids", "key", "folder"] }
    public func field(_ name: String) -> Value? {
        let index = dataset.index
        switch name {
        case "clips": return .number(Double(dataset.clipCount))
        case "frames": return .number(Double(index.frameCount))
        case "sources": return .list(index.sources.map { .string($0) })
        case "captions": return .string(style.rawValue)
        case "rejected": return .number(Double(index.rejections.values.reduce(0, +)))
        case "quality": return .record(Record(dataset.meanQuality().sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }))
        case "actions": return .number(Double(Set(index.clips.flatMap(\.actions)).count))
        case "action_ids": return .list(Set(index.clips.flatMap(\.actions)).sorted().map { .string($0) })
        case "key": return .string(dataset.key)
        case "folder": return .string(dataset.folder.path)
        default: return nil
        }
    }
}

/// Text features of a dataset's captions (`encode(data, encoder:)`).
public struct TextFeaturesHandle: Handle {
    public let encoder: String
    /// Nil for `bow`, whose embedding is learned with the model.
    public let features: TextFeatures?
    public let captionCount: Int
    public let key: String?

    public var typeName: String { "TextFeatures" }
    public var summary: String {
        features == nil ? "\(encoder): \(captionCount) captions (token ids only, nothing cached)"
            : "\(encoder): \(captionCount) captions × \(features!.featureSize) features (cache \(key!.prefix(8)))"
    }
    public var identity: String { key ?? "bow:\(captionCount)" }
    public var fieldNames: [String] { ["encoder", "captions", "size", "key"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "encoder": return .string(encoder)
        case "captions": return .number(Double(captionCount))
        case "size": return .number(Double(features?.featureSize ?? 0))
        case "key": return key.map { .string($0) } ?? Value.none
        default: return nil
        }
    }
}

/// Motions to look at or score: curated clips, generated motions or reference motions, each
/// with its prompt.
public struct MotionsHandle: Handle {
    /// Raw (denormalised) 276-dim frames, one per motion.
    public let frames: [FeatureFrames]
    /// Joints and titles (the prompts), for rendering.
    public let items: [MotionRenderer.Item]
    /// Where they came from, for the summary (`clips of 3fa2c1d0`).
    public let origin: String
    /// Names the content (a generate entry's hash, a dataset key and positions, …): the input
    /// key of the steps that consume these motions (`mbench`, `render`).
    public let key: String
    /// The seed of the arm that made them (a generated motion's model seed, a reference's
    /// draw): the `seed` tag of the `mbench` run that scores them.
    public let seed: UInt64?
    /// For generated motions: the branch that made each (`text`, `motion`; none for the video
    /// prior's own motion), as the gate chose in adaptive mode.
    public let branches: [String?]

    /// Decodes the frames to joints (velocities integrated from frame 0, as evaluation does).
    public init(frames: [FeatureFrames], prompts: [String], origin: String, key: String, seed: UInt64? = nil,
                branches: [String?] = []) throws {
        self.frames = frames
        items = try zip(frames, prompts).map { MotionRenderer.Item(try FrameEncoding.decode($0).joints, title: $1) }
        self.origin = origin
        self.key = key
        self.seed = seed
        self.branches = branches
    }

    /// The motions at `positions` (in that order), keyed after this set.
    public func selecting(_ positions: [Int]) throws -> MotionsHandle {
        try MotionsHandle(frames: positions.map { frames[$0] }, prompts: positions.map { items[$0].title },
                          origin: origin + " (\(positions.count) selected)",
                          key: String(SHA256.hex(key + ":" + positions.map(String.init).joined(separator: ",")).prefix(32)),
                          seed: seed, branches: branches.isEmpty ? [] : positions.map { branches[$0] })
    }

    public var prompts: [String] { items.map(\.title) }
    public var typeName: String { "Motions" }
    public var summary: String { "\(items.count) motions (\(origin))" }
    public var identity: String { key }
    public var fieldNames: [String] { ["count", "prompts", "branches", "quality", "seed", "key"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "count": return .number(Double(items.count))
        case "prompts": return .list(prompts.map { .string($0) })
        case "branches": return .list(branches.map { $0.map { .string($0) } ?? Value.none })
        case "seed": return seed.map { .number(Double($0)) } ?? Value.none
        case "key": return .string(key)
        case "quality":
            let scores = items.compactMap { try? QualityScores($0.joints).byOfficialName }
            guard !scores.isEmpty else { return Value.none }
            return .record(Record(scores[0].keys.sorted().map { key in
                (key, .number(scores.map { $0[key]! }.reduce(0, +) / Double(scores.count)))
            }))
        default: return nil
        }
    }
}
