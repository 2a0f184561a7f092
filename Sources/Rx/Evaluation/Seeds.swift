/// Deterministic seeds: a step's seed is a hash of the recipe's seed and the step's path, so
/// arms get different but reproducible randomness and adding an arm does not shift the others.
public enum Seeds {
    /// SplitMix64 finaliser over (recipe seed, FNV-1a of the path).
    public static func derive(_ seed: UInt64, path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return mix(mix(seed) ^ hash)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// SplitMix64: the small seeded generator behind `shuffle` and `sample`.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        return Seeds.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }
}
