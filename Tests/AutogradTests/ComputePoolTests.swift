import Foundation
import XCTest
@testable import Autograd
import AutogradKernels

/// The compute pool (`ThreadPool.c` behind `BLAS.parallelFor` / `parallelRanges`): every task
/// runs exactly once, nested and concurrent regions run inline, and results do not depend on
/// which thread claimed what.
final class ComputePoolTests: XCTestCase {
    private var savedThreads = 1

    override func setUp() {
        savedThreads = ComputeThreads.count
        ComputeThreads.set(2)
    }

    override func tearDown() { ComputeThreads.set(savedThreads) }

    func testEveryItemRunsOnce() {
        for count in [2, 7, 8, 9, 1_000, 100_003] {
            let hits = UnsafeMutablePointer<Int32>.allocate(capacity: count)
            hits.initialize(repeating: 0, count: count)
            defer { hits.deallocate() }
            BLAS.parallelFor(count) { hits[$0] += 1 }
            XCTAssertEqual((0..<count).filter { hits[$0] != 1 }.count, 0, "parallelFor(\(count))")
            hits.update(repeating: 0, count: count)
            BLAS.parallelRanges(count, minimumPerWorker: 3) { range in
                for i in range { hits[i] += 1 }
            }
            XCTAssertEqual((0..<count).filter { hits[$0] != 1 }.count, 0, "parallelRanges(\(count))")
        }
    }

    func testNestedRegionsRunInline() {
        let outer = 16, inner = 50
        let hits = UnsafeMutablePointer<Int32>.allocate(capacity: outer * inner)
        hits.initialize(repeating: 0, count: outer * inner)
        defer { hits.deallocate() }
        BLAS.parallelFor(outer) { i in
            BLAS.parallelRanges(inner, minimumPerWorker: 1) { range in
                for j in range { hits[i * inner + j] += 1 }
            }
        }
        XCTAssertEqual((0..<(outer * inner)).filter { hits[$0] != 1 }.count, 0)
    }

    /// Two threads driving regions at once: one gets the pool, the other runs inline, and
    /// afterwards regions still run in parallel.
    func testConcurrentCallersBothFinish() {
        let count = 20_000
        let a = UnsafeMutablePointer<Float>.allocate(capacity: count), b = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { a.deallocate(); b.deallocate() }
        let group = DispatchGroup()
        for (target, value) in [(a, Float(1)), (b, Float(2))] {
            let pointer = UnsafeMutableSendablePointer(target)
            DispatchQueue.global().async(group: group) {
                for _ in 0..<200 {
                    fillThroughPool(pointer.pointer, count: count, value: value)
                }
            }
        }
        group.wait()
        XCTAssertTrue((0..<count).allSatisfy { a[$0] == 1 && b[$0] == 2 })
        XCTAssertEqual(ag_pool_inside_region(), 0)
    }

    /// Split products are bitwise the same from run to run, whichever thread took which block.
    func testSplitProductsAreDeterministic() {
        var rng = RandomGenerator(seed: 3)
        let a = rng.normal([1_000, 128]), b = rng.normal([128, 384])
        let first = matmul(a, b).scalars
        for _ in 0..<5 { XCTAssertEqual(matmul(a, b).scalars, first) }
    }
}

/// A raw pointer the test hands to another thread.
private struct UnsafeMutableSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

/// Fills `count` floats with `value` through the pool, in ranges of at least 32 elements.
private func fillThroughPool(_ p: UnsafeMutablePointer<Float>, count: Int, value: Float) {
    BLAS.parallelRanges(count, minimumPerWorker: 64) { range in
        for i in range { p[i] = value }
    }
}
