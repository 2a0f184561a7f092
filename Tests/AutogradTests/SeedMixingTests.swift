import XCTest
import Autograd

/// The generator's stream and the seed mixing are fixed bit for bit: saved World takes,
/// prompt suites and checkpoints depend on them.
final class SeedMixingTests: XCTestCase {
    func testGeneratorStreamMatchesReferenceXoshiro() {
        // Reference values from a plain Python xoshiro256** seeded by SplitMix64(42).
        var rng = RandomGenerator(seed: 42)
        XCTAssertEqual([rng.next(), rng.next(), rng.next()], [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1])
        let restored = try? RandomGenerator(state: rng.state)
        XCTAssertEqual(restored, rng)
    }

    func testFinalizeIsSplitMix64AndKeysSeparateStreams() {
        XCTAssertEqual(SeedMixing.finalize(0), 0xE220_A839_7B1D_CDAF)  // SplitMix64's first output for seed 0
        let base = SeedMixing.seed(7, index: 3, stream: 1)
        XCTAssertEqual(base, SeedMixing.seed(7, index: 3, stream: 1))
        let others = [SeedMixing.seed(8, index: 3, stream: 1), SeedMixing.seed(7, index: 4, stream: 1), SeedMixing.seed(7, index: 3, stream: 2)]
        for other in others {
            XCTAssertNotEqual(other, base)
            XCTAssertGreaterThan((other ^ base).nonzeroBitCount, 16)  // unrelated, not a near neighbour
        }
    }
}
