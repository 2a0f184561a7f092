import XCTest
import Foundation
@testable import MBench

final class FrechetDistanceTests: XCTestCase {
    /// The inputs of `scripts/mbench/fid_reference.py`.
    static func referenceInputs() -> (a: [[Float]], b: [[Float]]) {
        func a(_ i: Double, _ j: Double) -> Float { Float(sin(0.37 * (i + 1) * (j + 1) + 0.5 * j)) }
        func b(_ i: Double, _ j: Double) -> Float {
            let wave: Double = cos(0.23 * (i + 2) * (j + 1))
            return Float(wave * (1 + 0.1 * j) + 0.2)
        }
        let rows = (0..<12).map(Double.init), columns = (0..<5).map(Double.init)
        return (rows.map { i in columns.map { j in a(i, j) } }, rows.map { i in columns.map { j in b(i, j) } })
    }

    func testMatchesSciPyReference() throws {
        let (a, b) = Self.referenceInputs()
        // python3 scripts/mbench/fid_reference.py (NumPy 2.4, SciPy 1.17: linalg.sqrtm)
        XCTAssertEqual(try FrechetDistance.between(a, b), 0.419668243026, accuracy: 1e-9)
    }

    func testIdenticalSetsAreAtZeroAndShiftAddsItsSquare() throws {
        let (a, _) = Self.referenceInputs()
        XCTAssertEqual(try FrechetDistance.between(a, a), 0, accuracy: 1e-9)
        let shifted = a.map { row in row.enumerated().map { $0.offset == 2 ? $0.element + 3 : $0.element } }
        XCTAssertEqual(try FrechetDistance.between(a, shifted), 9, accuracy: 1e-4)
    }

    func testEigenDecompositionOfAKnownMatrix() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3; its square root squared gives it back.
        let eigen = try SymmetricEigen([2, 1, 1, 2], n: 2)
        XCTAssertEqual(eigen.values[0], 1, accuracy: 1e-12)
        XCTAssertEqual(eigen.values[1], 3, accuracy: 1e-12)
        let root = eigen.map { $0.squareRoot() }
        let square = FrechetDistance.multiply(root, root, 2)
        for (x, y) in zip(square, [2.0, 1, 1, 2]) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }

    func testTooFewRowsIsAnError() {
        XCTAssertThrowsError(try FrechetDistance.between([[1, 2]], [[1, 2], [3, 4]]))
    }
}
