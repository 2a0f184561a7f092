import Foundation
import XCTest
@testable import Autograd

final class NPIONDArrayTests: XCTestCase {
    func testInitialiserChecksShapeAgainstValueCount() throws {
        let array = try NDArray([Float](repeating: 1, count: 6), shape: [2, 3])
        XCTAssertEqual(array.dtype, .f32)
        XCTAssertEqual(array.count, 6)
        XCTAssertEqual(array.bytes.count, 24)
        XCTAssertThrowsError(try NDArray([Float](repeating: 1, count: 5), shape: [2, 3])) { error in
            XCTAssertTrue("\(error)".contains("[2, 3]") && "\(error)".contains("5 values"), "\(error)")
        }
        XCTAssertThrowsError(try NDArray([Float](), shape: [-1]))
        XCTAssertEqual(try NDArray([Double(2)], shape: []).count, 1)
    }

    func testRawBytesInitialiserChecksByteCount() {
        XCTAssertThrowsError(try NDArray(dtype: .f64, shape: [2], bytes: Data(count: 15))) { error in
            XCTAssertTrue("\(error)".contains("needs 16 bytes, got 15"), "\(error)")
        }
    }

    func testAccessorsConvertBetweenTypes() throws {
        let ints = NDArray([Int64(-3), 0, 7])
        XCTAssertEqual(try ints.floats(), [-3, 0, 7])
        XCTAssertEqual(ints.doubles(), [-3, 0, 7])
        XCTAssertEqual(try ints.int32s(), [-3, 0, 7])
        XCTAssertThrowsError(try ints.uint8s()) { XCTAssertTrue("\($0)".contains("element 0 = -3"), "\($0)") }
        let floats = NDArray([Float(1), 2.5])
        XCTAssertThrowsError(try floats.int64s()) { XCTAssertTrue("\($0)".contains("element 1 = 2.5"), "\($0)") }
        XCTAssertEqual(try NDArray([Float(4), -2]).int64s(), [4, -2])
        XCTAssertThrowsError(try NDArray([Int64(1) << 40]).int32s())
        XCTAssertThrowsError(try NDArray([1e300]).floats()) { XCTAssertTrue("\($0)".contains("Float"), "\($0)") }
        XCTAssertEqual(try NDArray([Double.infinity]).floats(), [.infinity])
        XCTAssertEqual(try NDArray([true, false]).int32s(), [1, 0])
        XCTAssertEqual(try NDArray([UInt8(0), 1]).bools(), [false, true])
        XCTAssertThrowsError(try NDArray([Int32(2)]).bools())
    }

    func testHalfPrecisionConversionsRoundToNearestEven() throws {
        let values: [Float] = [1, -2, 0.5, 65504, 0x1p-24, 0, -0.0, 1 + 0x1p-11, 1 + 3 * 0x1p-11, 70000, 0x1p-26]
        let half = try NDArray(values).converted(to: .f16)
        XCTAssertEqual(half.dtype, .f16)
        let halfBits = half.elements(as: UInt16.self)
        // 1+2^-11 is a tie between 1 and 1+2^-10: rounds to even (1); 1+3*2^-11 rounds up to 1+2^-9.
        XCTAssertEqual(halfBits, [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x0000, 0x8000, 0x3C00, 0x3C02, 0x7C00, 0x0000])
        XCTAssertEqual(try half.floats(), [1, -2, 0.5, 65504, 0x1p-24, 0, -0.0, 1, 1 + 0x1p-9, .infinity, 0])
        let brain = try NDArray([Float(1), -2.5, 1 + 0x1p-8, 1 + 3 * 0x1p-8]).converted(to: .bf16)
        XCTAssertEqual(brain.elements(as: UInt16.self), [0x3F80, 0xC020, 0x3F80, 0x3F82])
        XCTAssertTrue(try NDArray([Float.nan]).converted(to: .f16).floats()[0].isNaN)
        XCTAssertTrue(try NDArray([Float.nan]).converted(to: .bf16).floats()[0].isNaN)
    }

    func testEveryHalfBitPatternRoundTripsThroughFloat() {
        for bits in UInt16.min...UInt16.max {
            let value = HalfPrecision.float(fromHalfBits: bits)
            if value.isNaN { continue }
            XCTAssertEqual(HalfPrecision.halfBits(from: value), bits, "half bits \(String(bits, radix: 16))")
        }
    }

    func testReshapeKeepsBytesAndChecksCount() throws {
        let array = try NDArray([Int32](0..<6), shape: [2, 3])
        XCTAssertEqual(try array.reshaped([3, 2]).int32s(), [0, 1, 2, 3, 4, 5])
        XCTAssertThrowsError(try array.reshaped([4])) { XCTAssertTrue("\($0)".contains("[2, 3]"), "\($0)") }
    }

    func testFortranOrderIsTransposedToCOrder() throws {
        // A 2×3 array stored column-major: columns (0,3), (1,4), (2,5).
        let fortran = NDArray([Int32(0), 3, 1, 4, 2, 5])
        let c = try fortran.reshaped([2, 3]).fromFortranOrder()
        XCTAssertEqual(try c.int32s(), [0, 1, 2, 3, 4, 5])
    }
}
