/// Derives independent seeds from structured keys, so that per-item random streams (a World
/// take, a prompt suite) do not depend on the order items are generated in.
public enum SeedMixing {
    /// The SplitMix64 finaliser (Steele et al. 2014): a bijection on UInt64 whose outputs for
    /// nearby inputs look unrelated.
    @inlinable public static func finalize(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of item `index` of stream `stream` under `seed`: index and stream are spread
    /// by two odd Weyl constants, combined with the seed, and finalised twice, so a change in
    /// any of the three changes about half the bits of the result.
    @inlinable public static func seed(_ seed: UInt64, index: Int, stream: UInt64 = 0) -> UInt64 {
        let key = seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15) ^ (stream &* 0xD1B5_4A32_D192_ED03)
        return finalize(finalize(key))
    }
}
