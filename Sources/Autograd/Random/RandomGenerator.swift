import Foundation

/// The project's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// A value type whose whole state is four `UInt64`s (`state`), so it can be saved in a
/// checkpoint and restored to continue the exact same stream. Same seed → same numbers on
/// every machine (no platform RNG, no libm in the integer path).
public struct RandomGenerator: RandomNumberGenerator, Codable, Equatable, Sendable {
    // Four stored words (not an array) so `next()` is a few register operations with no
    // heap access or uniqueness check: the World draws millions of numbers per second.
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The full generator state (four words); assign a saved value to resume a stream.
    public var state: [UInt64] {
        get { [s0, s1, s2, s3] }
        set {
            precondition(newValue.count == 4, "RandomGenerator state must be 4 words, got \(newValue.count)")
            (s0, s1, s2, s3) = (newValue[0], newValue[1], newValue[2], newValue[3])
        }
    }

    /// A generator whose stream is determined by `seed`.
    public init(seed: UInt64) {
        // SplitMix64 spreads a small seed over all 256 bits.
        var s = seed
        func next() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = next(); s1 = next(); s2 = next(); s3 = next()
    }

    /// Restores a generator from a saved `state` (four words, not all zero).
    public init(state: [UInt64]) throws {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else {
            throw RandomStateError(message: "RNG state must be 4 words, not all zero; got \(state.count) words")
        }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    private enum CodingKeys: String, CodingKey { case state }

    /// Decodes `{"state": [w0, w1, w2, w3]}`, the format saved states have always had.
    public init(from decoder: Decoder) throws {
        let words = try decoder.container(keyedBy: CodingKeys.self).decode([UInt64].self, forKey: .state)
        try self.init(state: words)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state)
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform float in [0, 1) with 24 random bits.
    @inlinable public mutating func uniform() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable public mutating func uniformDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal sample (Box–Muller on two uniforms).
    public mutating func normal() -> Float {
        let (a, _) = normalPair()
        return a
    }

    private mutating func normalPair() -> (Float, Float) {
        let first = next()
        return RandomGenerator.boxMuller(first, next())
    }

    /// Box–Muller on the 53-bit doubles of two raw draws (the first made (0, 1] so log is finite).
    @inline(__always)
    private static func boxMuller(_ first: UInt64, _ second: UInt64) -> (Float, Float) {
        let u1 = 1 - Double(first >> 11) * 0x1p-53
        let u2 = Double(second >> 11) * 0x1p-53
        let r = (-2 * Foundation.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return (Float(r * Foundation.cos(angle)), Float(r * Foundation.sin(angle)))
    }

    /// A tensor of normal samples with the given mean and standard deviation.
    ///
    /// The raw draws are taken in order, then transformed in parallel: the values are the same
    /// as drawing pair after pair, and the transcendental functions no longer run on one core.
    public mutating func normal(_ shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        let t = Tensor(uninitialisedShape: shape)
        let p = t.pointer, count = t.count, pairs = (count + 1) / 2
        let raw = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * pairs)
        defer { raw.deallocate() }
        for j in 0..<(2 * pairs) { raw[j] = next() }
        BLAS.parallelRanges(pairs, minimumPerWorker: 1_024) { range in
            for j in range {
                let (a, b) = RandomGenerator.boxMuller(raw[2 * j], raw[2 * j + 1])
                p[2 * j] = mean + std * a
                if 2 * j + 1 < count { p[2 * j + 1] = mean + std * b }
            }
        }
        return t
    }

    /// A tensor of uniform samples in [low, high).
    public mutating func uniform(_ shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        let t = Tensor(uninitialisedShape: shape)
        for i in 0..<t.count { t.pointer[i] = low + (high - low) * uniform() }
        return t
    }

    /// A uniform integer in 0..<n (unbiased).
    public mutating func integer(below n: Int) -> Int {
        precondition(n > 0, "integer(below:): bound must be positive, got \(n)")
        return Int(next(upperBound: UInt64(n)))
    }

    /// A random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, integer(below: i + 1)) }
        }
        return p
    }
}

/// A saved RNG state that cannot be restored.
public struct RandomStateError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
