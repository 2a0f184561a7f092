import Foundation

/// A small seeded generator (SplitMix64, Steele et al. 2014) so motion simulation is
/// reproducible without depending on another module's RNG. Every simulator takes any
/// `RandomNumberGenerator`, so a generator from elsewhere plugs in too.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A standard normal sample (Box–Muller; one of the pair is discarded for simplicity).
func standardNormal<G: RandomNumberGenerator>(using rng: inout G) -> Float {
    let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
    let u2 = Double.random(in: 0..<1, using: &rng)
    return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
}
