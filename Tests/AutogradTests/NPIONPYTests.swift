import Foundation
import XCTest
@testable import Autograd

final class NPIONPYTests: XCTestCase {
    func testReadsNumpyFilesOfEveryDType() throws {
        let f32 = try NPY.read(contentsOf: NPIOFixtures.url("f32_2x3.npy"))
        XCTAssertEqual(f32.dtype, .f32)
        XCTAssertEqual(f32.shape, [2, 3])
        XCTAssertEqual(try f32.floats(), NPIOFixtures.f32Values)
        XCTAssertEqual(try NPY.read(contentsOf: NPIOFixtures.url("f64_3.npy")).doubles(), [0.1, -1e300, 0x1p-1074])
        let i32 = try NPY.read(contentsOf: NPIOFixtures.url("i32_2x2.npy"))
        XCTAssertEqual(i32.shape, [2, 2])
        XCTAssertEqual(try i32.int32s(), [1, -2, Int32.max, Int32.min])
        XCTAssertEqual(try NPY.read(contentsOf: NPIOFixtures.url("i64_3.npy")).int64s(), [0, Int64.min, (1 << 53) + 1])
        XCTAssertEqual(try NPY.read(contentsOf: NPIOFixtures.url("u8_4.npy")).uint8s(), [0, 1, 128, 255])
        XCTAssertEqual(try NPY.read(contentsOf: NPIOFixtures.url("bool_3.npy")).bools(), [true, false, true])
        XCTAssertEqual(try NPY.read(contentsOf: NPIOFixtures.url("f16_5.npy")).floats(), NPIOFixtures.f16Values)
        let scalar = try NPY.read(contentsOf: NPIOFixtures.url("f32_scalar.npy"))
        XCTAssertEqual(scalar.shape, [])
        XCTAssertEqual(try scalar.floats(), [3.5])
        let empty = try NPY.read(contentsOf: NPIOFixtures.url("f32_empty_0x3.npy"))
        XCTAssertEqual(empty.shape, [0, 3])
        XCTAssertEqual(empty.count, 0)
    }

    func testReadsVersions2And3() throws {
        for name in ["f32_v2.npy", "f32_v3.npy"] {
            let array = try NPY.read(contentsOf: NPIOFixtures.url(name))
            XCTAssertEqual(array.shape, [2, 3], name)
            XCTAssertEqual(try array.floats(), NPIOFixtures.f32Values, name)
        }
    }

    func testBigEndianIsConvertedToLittleEndian() throws {
        let array = try NPY.read(contentsOf: NPIOFixtures.url("f32_big_endian.npy"))
        XCTAssertEqual(array.dtype, .f32)
        XCTAssertEqual(try array.floats(), NPIOFixtures.f32Values)
    }

    func testFortranOrderIsTransposed() throws {
        let array = try NPY.read(contentsOf: NPIOFixtures.url("f64_fortran_2x3x2.npy"))
        XCTAssertEqual(array.shape, [2, 3, 2])
        XCTAssertEqual(array.doubles(), (0..<12).map(Double.init))
    }

    func testEncodingReproducesNumpyBytes() throws {
        for name in ["f32_2x3.npy", "f64_3.npy", "i32_2x2.npy", "i64_3.npy", "u8_4.npy", "bool_3.npy",
                     "f16_5.npy", "f32_scalar.npy", "f32_empty_0x3.npy"] {
            let original = try NPIOFixtures.data(name)
            XCTAssertEqual(try NPY.encode(NPY.decode(original, fileName: name)), original, name)
        }
    }

    func testWriteThenReadRoundTrips() throws {
        let directory = try NPIOFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("x.npy")
        let array = try NDArray((0..<24).map { Int64($0 * $0) - 100 }, shape: [2, 3, 4])
        try NPY.write(array, to: url)
        XCTAssertEqual(try NPY.read(contentsOf: url), array)
        XCTAssertThrowsError(try NPY.encode(NDArray([Float(1)]).converted(to: .bf16))) {
            XCTAssertTrue("\($0)".contains("bf16"), "\($0)")
        }
    }

    func testBadHeadersNameTheFileAndField() throws {
        let good = try NPIOFixtures.data("f32_2x3.npy")
        assertArrayFileError(try NPY.decode(Data("hello".utf8), fileName: "a.npy"), mentions: ["a.npy: magic"])
        var badVersion = good
        badVersion[6] = 9
        assertArrayFileError(try NPY.decode(badVersion, fileName: "b.npy"), mentions: ["b.npy: version", "9.0"])
        assertArrayFileError(try NPY.decode(good.prefix(good.count - 4), fileName: "c.npy"),
                             mentions: ["c.npy: shape", "needs 24 data bytes", "holds 20"])
        assertArrayFileError(try NPY.decode(good.prefix(40), fileName: "d.npy"), mentions: ["d.npy: header length"])
        let header = String(decoding: good[10..<138], as: UTF8.self)
        func withHeader(_ replacement: String) -> Data {
            var data = good
            let text = header.replacingOccurrences(of: "'<f4'", with: replacement)
            data.replaceSubrange(10..<138, with: Array(text.utf8))
            return data
        }
        assertArrayFileError(try NPY.decode(withHeader("'<c8'"), fileName: "e.npy"), mentions: ["e.npy: descr", "'<c8'"])
        assertArrayFileError(try NPY.decode(withHeader("[('a', '<f4')]"), fileName: "f.npy"), mentions: ["f.npy: descr", "structured"])
        assertArrayFileError(try NPY.decode(withHeader("'<f4"), fileName: "g.npy"), mentions: ["g.npy: header"])
    }
}
