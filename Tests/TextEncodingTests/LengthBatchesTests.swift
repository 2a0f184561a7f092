import XCTest
@testable import TextEncoding

final class LengthBatchesTests: XCTestCase {
    func testLongestFirstAndEveryIndexOnce() {
        let lengths = [5, 12, 7, 12, 3]
        let batches = LengthBatches.plan(lengths: lengths, tokenBudget: 1000, maxBatchSize: 10)
        XCTAssertEqual(batches, [[1, 3, 2, 0, 4]])  // all short: one batch, longest first, ties in order
    }

    func testTokenBudgetAndBatchSizeCut() {
        let lengths = [10, 10, 10, 10, 10]
        XCTAssertEqual(LengthBatches.plan(lengths: lengths, tokenBudget: 20, maxBatchSize: 10), [[0, 1], [2, 3], [4]])
        XCTAssertEqual(LengthBatches.plan(lengths: lengths, tokenBudget: 1000, maxBatchSize: 3), [[0, 1, 2], [3, 4]])
    }

    func testLongSequenceDoesNotPadShortOnes() {
        let lengths = [6, 256, 40, 30, 8]
        let batches = LengthBatches.plan(lengths: lengths, tokenBudget: 8192, maxBatchSize: 512)
        // 256 alone; 40 and 30 together (30 ≥ ¾·40); then the short ones.
        XCTAssertEqual(batches, [[1], [2, 3], [4, 0]])
    }
}
