import Motion

/// Everything about a take that is decided before any motion is synthesised: its source, its
/// performances and its captions. Cheap, so tier checks can run over a whole world.
public struct TakePlan: Sendable, Equatable {
    public var index: Int
    public var id: String
    public var source: WorldSource
    /// The extended source's data set (nil for other sources).
    public var dataset: String?
    public var performances: [Performance]
    public var segmentCaptions: [Captions]
    public var captions: Captions
    /// Seed of the take's own random stream (motion details and capture artifacts).
    public var seed: UInt64
}

/// Per-take random streams derived from (world seed, take index), so that takes can be
/// generated in any order and in parallel and still come out byte for byte the same.
enum TakeSeed {
    static func derive(world: UInt64, index: Int, stream: UInt64) -> UInt64 {
        var rng = SplitMix64(seed: world ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15) ^ (stream &* 0xD1B5_4A32_D192_ED03))
        _ = rng.next()
        return rng.next()
    }
}
