import Foundation
import XCTest
@testable import Autograd

final class NPIOTextTests: XCTestCase {
    func testReadsUnicodeAndByteStrings() throws {
        let unicode = try NPY.readText(contentsOf: NPIOFixtures.url("text_u.npy"))
        XCTAssertEqual(unicode.shape, [2, 2])
        XCTAssertEqual(unicode.values, ["ab", "ü€😀", "", "x"])
        let bytes = try NPY.readText(contentsOf: NPIOFixtures.url("text_s.npy"))
        XCTAssertEqual(bytes.values, ["xy", "z"])
    }

    func testTextEncodingReproducesNumpyBytes() throws {
        let original = try NPIOFixtures.data("text_u.npy")
        XCTAssertEqual(NPY.encodeText(try NPY.decodeText(original)), original)
    }

    func testNumericAndTextReadersPointToEachOther() {
        assertArrayFileError(try NPY.read(contentsOf: NPIOFixtures.url("text_u.npy")),
                             mentions: ["text_u.npy: descr", "NPY.readText"])
        assertArrayFileError(try NPY.readText(contentsOf: NPIOFixtures.url("f32_2x3.npy")),
                             mentions: ["f32_2x3.npy: descr", "NPY.read"])
    }

    func testAMASSLikeArchiveReadsAroundAPickledMember() throws {
        let npz = try NPZFile(contentsOf: NPIOFixtures.url("amass_like.npz"))
        XCTAssertEqual(npz.names, ["mocap_framerate", "poses"])
        XCTAssertEqual(try npz.array("poses").shape, [2, 6])
        XCTAssertEqual(try npz.array("poses").doubles(), (0..<12).map { Double($0) / 8 })
        XCTAssertEqual(try npz.array("mocap_framerate").doubles(), [60])
        XCTAssertEqual(try npz.array("mocap_framerate").shape, [])
        XCTAssertEqual(try npz.text("gender"), try TextArray(["male"], shape: []))
        assertArrayFileError(try npz.array("extras"), mentions: ["amass_like.npz: array 'extras'", "pickled Python objects"])
        assertArrayFileError(try npz.array("gender"), mentions: ["array 'gender'", "read it with text(_:)"])
    }

    func testTextArraysRoundTripThroughNPZ() throws {
        let npz = NPZFile(arrays: ["x": NDArray([Float(1)])], texts: ["gender": try TextArray(["female"], shape: [])])
        let read = try NPZFile(data: try npz.encoded())
        XCTAssertEqual(read.texts, npz.texts)
        XCTAssertEqual(read.arrays, npz.arrays)
        let clash = NPZFile(arrays: ["a": NDArray([Float(1)])], texts: ["a": TextArray(["b"])], fileName: "clash.npz")
        assertArrayFileError(try clash.encoded(), mentions: ["clash.npz: member 'a.npy'", "both"])
    }
}
