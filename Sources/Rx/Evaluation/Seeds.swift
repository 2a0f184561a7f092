import Autograd

/// Deterministic seeds: a step's seed is a hash of the recipe's seed and the step's path, so
/// arms get different but reproducible randomness and adding an arm does not shift the others.
/// The mixing is Autograd's `SeedMixing` and the draws (`shuffle`, `sample`, `clips`) come from
/// Autograd's `RandomGenerator`: the project has one RNG.
public enum Seeds {
    /// `SeedMixing.finalize` over (finalised recipe seed ⊕ FNV-1a of the path).
    public static func derive(_ seed: UInt64, path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return SeedMixing.finalize(SeedMixing.finalize(seed) ^ hash)
    }
}
