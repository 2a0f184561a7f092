import Autograd
import Foundation
import XCTest
@testable import ViMoGen

final class FlowMatchingTests: XCTestCase {
    func testShiftedGrid() {
        let schedule = FlowSchedule()
        XCTAssertEqual(schedule.sigmas.count, 1000)
        XCTAssertEqual(schedule.sigmas[0], 0.005 / 1.004, accuracy: 1e-7)      // σ = 0.001
        XCTAssertEqual(schedule.sigmas[199], 1 / 1.8, accuracy: 1e-6)          // σ = 0.2 → 5·0.2/1.8
        XCTAssertEqual(schedule.sigmas[999], 1)
        let sampling = schedule.samplingSigmas(count: 2)
        XCTAssertEqual(sampling[0], 1)
        XCTAssertEqual(sampling[1], 2.5 / 3, accuracy: 1e-6)
        XCTAssertEqual(sampling[2], 0)
    }

    func testLossWeights() {
        let w = FlowSchedule().weights
        // The minimum of exp(−2((t−500)/1000)²) on the grid is at t = 1000 (σ' = 1): weight 0.
        XCTAssertEqual(w[999], 0)
        XCTAssertEqual(w.reduce(0, +) / 1000, 1, accuracy: 1e-4)
        // Hand value at σ = 0.2: t = 555.56, raw = exp(−2·0.05556²) = 0.993846; the grid's mean of
        // raw − e^(−1/2) is 0.189496 (computed once with numpy), so w = (0.993846 − 0.606531)/0.189496.
        XCTAssertEqual(w[199], (0.993846 - 0.606531) / 0.189496, accuracy: 2e-3)
        XCTAssertGreaterThan(w[199], w[0])
        XCTAssertGreaterThan(w[199], w[900])
    }

    func testDimensionWeights() {
        let full = LossWeighting.dimensionWeights(poseOnly: false)
        XCTAssertEqual(full[0], 1); XCTAssertEqual(full[257], 1); XCTAssertEqual(full[258], 3); XCTAssertEqual(full[275], 3)
        let pose = LossWeighting.dimensionWeights(poseOnly: true)
        XCTAssertEqual(pose[125], 1); XCTAssertEqual(pose[126], 0); XCTAssertEqual(pose[270], 0)
        XCTAssertEqual(pose.reduce(0, +), 126)
    }

    func testSmoothingTapsAndConstantSignal() {
        XCTAssertEqual(TemporalSmoothing.taps[2], 1 / (1 + 2 * Float(exp(-0.5)) + 2 * Float(exp(-2.0))), accuracy: 1e-6)
        let x = Tensor([Float](repeating: 2, count: 3 * 5 * 2), shape: [3, 5, 2])
        XCTAssertEqual(TemporalSmoothing.gaussian(x).scalars, x.scalars.map { _ in 2 })
    }
}
