import Foundation
import Motion
import Autograd

/// The embedded procedural human-motion world (ARCHITECTURE.md §3, §9): takes from four
/// sources — core studio MoCap, extended MoCap data sets, in-the-wild video, synthetic video
/// through the video prior — over an action lexicon split into tiers.
///
/// `World(seed:size:)` is deterministic: take `i` depends only on the seed and `i`, so takes
/// generate in parallel, in shards, or one at a time, and always come out byte for byte equal.
/// Takes are 3–12 s of SMPL motion at 30 fps with per-segment annotations.
public struct World: Sendable {
    public let seed: UInt64
    public let size: WorldSize
    public let lexicon: Lexicon
    let synthesizer: MotionSynthesizer
    let writer: CaptionWriter
    private let byTier: [Tier: [ActionSpec]]

    /// Shortest and longest take (seconds).
    public static let takeDuration: ClosedRange<Double> = 3...12

    public init(seed: UInt64 = 0, size: WorldSize = .proportional(total: 300), lexicon: Lexicon = .standard) {
        self.seed = seed; self.size = size; self.lexicon = lexicon
        synthesizer = MotionSynthesizer(lexicon: lexicon)
        writer = CaptionWriter(lexicon: lexicon)
        byTier = Dictionary(grouping: lexicon.actions, by: \.tier)
    }

    public var takeCount: Int { size.total }

    /// The source of take `index` (takes are laid out source by source, Table 5's order).
    public func source(ofTake index: Int) -> WorldSource {
        var start = 0
        for s in WorldSource.allCases {
            if index < start + size[s] { return s }
            start += size[s]
        }
        return .synthetic
    }

    /// The index range of one source's takes.
    public func range(of source: WorldSource) -> Range<Int> {
        var start = 0
        for s in WorldSource.allCases {
            if s == source { return start..<(start + size[s]) }
            start += size[s]
        }
        return 0..<0
    }

    /// The plan of take `index`: source, performances and captions (no motion).
    public func plan(_ index: Int) throws -> TakePlan {
        guard index >= 0 && index < takeCount else { throw WorldError.takeOutOfRange(index: index, count: takeCount) }
        var rng = RandomGenerator(seed: TakeSeed.derive(world: seed, index: index, stream: 1))
        let source = source(ofTake: index)
        let count = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3].randomElement(using: &rng)!
        var performances: [Performance] = []
        var dataset: String? = nil
        var pool = try actions(for: source, using: &rng)
        if source == .extended {
            // One named data set per take; its categories decide which actions it recorded.
            let sets = lexicon.datasets.filter { set in pool.contains { set.categories.contains($0.category) } }
            if let chosen = sets.randomElement(using: &rng) {
                dataset = chosen.name
                pool = pool.filter { chosen.categories.contains($0.category) || $0.tier == .core }
            }
        }
        for _ in 0..<count {
            performances.append(perform(pool.randomElement(using: &rng)!, within: 9 / Double(count), using: &rng))
        }
        let written: (segments: [Captions], take: Captions)
        if source == .extended {
            written = writer.annotate(labels: performances.map(\.actionID), using: &rng)
        } else {
            written = writer.captions(for: performances, using: &rng)
        }
        let id = "\(source.rawValue)/\(dataset.map { $0 + "/" } ?? "")\(String(format: "%06d", index))"
        return TakePlan(index: index, id: id, source: source, dataset: dataset, performances: performances,
                        segmentCaptions: written.segments, captions: written.take,
                        seed: TakeSeed.derive(world: seed, index: index, stream: 2))
    }

    /// Take `index`: the planned performances synthesised, cut to at most 12 s, and for video
    /// sources degraded as visual MoCap would degrade them.
    public func take(_ index: Int) throws -> Take {
        let plan = try plan(index)
        var (motion, spans) = try synthesizer.synthesize(plan.performances)
        let maxFrames = Int(Self.takeDuration.upperBound * motion.fps)
        if motion.frameCount > maxFrames {
            motion.rootTranslation.removeLast(motion.frameCount - maxFrames)
            motion.rotations.removeLast(motion.rotations.count - maxFrames * SMPLJoint.count)
        }
        let minFrames = Int(Self.takeDuration.lowerBound * motion.fps)
        if motion.frameCount < minFrames {
            // Short actions (a flip, a door opened) end in a held pose, as a studio take would.
            let last = motion.frameCount - 1, n = SMPLJoint.count
            let pose = Array(motion.rotations[(last * n)..<((last + 1) * n)])
            for _ in motion.frameCount..<minFrames {
                motion.rootTranslation.append(motion.rootTranslation[last]); motion.rotations += pose
            }
            spans[spans.count - 1] = spans[spans.count - 1].lowerBound...motion.duration
        }
        var rng = RandomGenerator(seed: plan.seed)
        switch plan.source {
        case .core, .extended: break
        case .wild: motion = VideoDegradation.inTheWild.apply(to: motion, using: &rng)
        case .synthetic:
            let dynamic = plan.performances.contains { lexicon.action($0.actionID)?.dynamic == true }
            motion = VideoDegradation.generatedVideo.apply(to: motion, dynamic: dynamic, using: &rng).motion
        }
        let end = motion.duration
        var segments: [TakeSegment] = []
        for (k, perf) in plan.performances.enumerated() where spans[k].lowerBound < end {
            let tier = lexicon.action(perf.actionID)!.tier
            segments.append(TakeSegment(actionID: perf.actionID, tier: tier.rawValue, start: spans[k].lowerBound,
                                        end: min(spans[k].upperBound, end), captions: plan.segmentCaptions[k]))
        }
        return Take(id: plan.id, source: plan.source.motionSource, motion: motion, segments: segments)
    }

    /// The seven-part Box 1 annotation of take `index` (its part 1 is the take's motion caption).
    public func annotation(ofTake index: Int) throws -> BoxOneAnnotation {
        let plan = try plan(index), take = try take(index)
        let spans = take.segments.map { $0.start...$0.end }
        return BoxOneAnnotator(lexicon: lexicon).annotate(take.motion, performances: Array(plan.performances.prefix(spans.count)),
                                                          spans: spans, summary: plan.captions.motion)
    }

    /// Consecutive index ranges of at most `size` takes covering the world, for streaming a
    /// large world shard by shard (`takes(_:threads:)` on each).
    public func shards(of size: Int) -> [Range<Int>] {
        let step = max(1, size)
        return stride(from: 0, to: takeCount, by: step).map { $0..<min($0 + step, takeCount) }
    }

    /// Takes `range`, generated on `threads` threads (order and bytes do not depend on it).
    public func takes(_ range: Range<Int>, threads: Int = 2) throws -> [Take] {
        let count = range.count
        guard count > 0 else { return [] }
        // One slot per take, each written by exactly one worker; deinitialised before it is
        // freed so the takes it held are released.
        let results = UnsafeMutableBufferPointer<Result<Take, Error>?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < count {
                results[i] = Result { try take(range.lowerBound + i) }
                i += workers
            }
        }
        return try results.map { try $0!.get() }
    }

    // MARK: Drawing performances

    private func actions(for source: WorldSource, using rng: inout RandomGenerator) throws -> [ActionSpec] {
        let roll = Double.random(in: 0..<1, using: &rng)
        var acc = 0.0
        for (tier, share) in source.tierMix {
            acc += share
            if roll < acc || tier == source.tierMix.last!.0 {
                guard let list = byTier[tier], !list.isEmpty else { throw WorldError.noActions(tier: tier.rawValue) }
                return list
            }
        }
        throw WorldError.noActions(tier: "any")
    }

    /// A random performance of `action` lasting roughly `seconds` (at least 3 s of take in all).
    func perform(_ action: ActionSpec, within seconds: Double, using rng: inout RandomGenerator) -> Performance {
        var perf = Performance(actionID: action.id)
        if Double.random(in: 0..<1, using: &rng) < 0.5 { perf.style = lexicon.styles.randomElement(using: &rng)!.id }
        perf.tempo = Float.random(in: 0.88...1.12, using: &rng)
        perf.amplitude = Float.random(in: 0.85...1.15, using: &rng)
        perf.leftHanded = action.handed == true && Double.random(in: 0..<1, using: &rng) < 0.35
        let target = max(3, seconds) * Double.random(in: 0.8...1.1, using: &rng)
        switch action.engine {
        case .gait:
            let dirs = (action.gait?.dirs ?? ["forward"]).compactMap(GaitDirection.init(rawValue:))
            perf.direction = dirs.randomElement(using: &rng) ?? .forward
            if perf.direction == .circle { perf.turn = Float.random(in: 30...60, using: &rng) * (Bool.random(using: &rng) ? 1 : -1) }
            else if perf.direction == .forward, Double.random(in: 0..<1, using: &rng) < 0.25 {
                perf.turn = Float.random(in: 10...25, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
            }
            perf.duration = Float(target)
        case .keys:
            let keys = action.keys!
            let style = perf.style.flatMap { id in lexicon.styles.first { $0.id == id } }
            let tempo = Effort.limited(tempo: perf.tempo * (style?.tempo ?? 1), amplitude: perf.amplitude * (style?.amplitude ?? 1)).tempo
            let period = Double(keys.period / tempo)
            let range = keys.reps ?? [1, 1]
            let wanted = Int((target / period).rounded())
            perf.repetitions = min(max(wanted, range[0]), range[1])
        }
        return perf
    }
}
