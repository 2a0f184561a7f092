import Autograd
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
        SeedMixing.seed(world, index: index, stream: stream)
    }
}
