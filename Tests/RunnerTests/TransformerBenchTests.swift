import Foundation
import XCTest

/// `runner bench infer-step` end to end (ours only, one short round: no Python needed).
final class TransformerBenchTests: XCTestCase {
    func testInferStepReportsThroughputAgainstTheSGEMMPeak() throws {
        let runner = RunnerProcess(results: try makeTemporaryFolder(self).appendingPathComponent("Results"))
        let report = try runner.json(["bench", "infer-step", "--ours-only", "--rounds", "1", "--iterations", "1",
                                      "--no-track", "--json"])
        XCTAssertEqual(report["name"] as? String, "infer-step")
        XCTAssertEqual(report["runs"] as? Int, 1)
        let gflops = report["gflops"] as? Double ?? 0, peak = report["sgemm_peak_gflops"] as? Double ?? 0
        XCTAssertGreaterThan(gflops, 0)
        XCTAssertGreaterThan(peak, 0)
        XCTAssertEqual(report["fraction_of_peak"] as? Double ?? 0, gflops / peak, accuracy: 1e-9)
        // 4 layers × (2·3200·256·3072 projection + 2·2·32·100²·256 attention) + 2·3200·256² head.
        XCTAssertEqual(report["gflop_per_step"] as? Double ?? 0, 21.8628096, accuracy: 1e-6)
    }
}
