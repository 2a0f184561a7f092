import Foundation
import XCTest
@testable import Autograd

final class NPIONPZTests: XCTestCase {
    private func assertReferenceArrays(_ npz: NPZFile, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(npz.names, ["ids", "mask", "weights"], file: file, line: line)
        let weights = try npz.array("weights")
        XCTAssertEqual(weights.shape, [2, 3], file: file, line: line)
        XCTAssertEqual(try weights.floats(), NPIOFixtures.f32Values, file: file, line: line)
        XCTAssertEqual(try npz.array("ids").int64s(), [3, 1, 4, 1, 5], file: file, line: line)
        XCTAssertEqual(try npz.array("mask").bools(), [true, false, false, true], file: file, line: line)
        XCTAssertEqual(try npz.array("mask").shape, [2, 2], file: file, line: line)
    }

    func testReadsStoredArchiveFromNumpySavez() throws {
        try assertReferenceArrays(NPZFile(contentsOf: NPIOFixtures.url("arrays.npz")))
    }

    func testReadsDeflatedArchiveFromNumpySavezCompressed() throws {
        try assertReferenceArrays(NPZFile(contentsOf: NPIOFixtures.url("arrays_compressed.npz")))
    }

    func testWriteThenReadRoundTripsAndIsDeterministic() throws {
        let reference = try NPZFile(contentsOf: NPIOFixtures.url("arrays.npz"))
        let directory = try NPIOFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("copy.npz")
        try NPZFile(arrays: reference.arrays).write(to: url)
        let reread = try NPZFile(contentsOf: url)
        try assertReferenceArrays(reread)
        XCTAssertEqual(reread.arrays, reference.arrays)
        XCTAssertEqual(try reread.encoded(), try Data(contentsOf: url), "same arrays, same bytes")
    }

    func testMissingArrayAndCorruptMemberNameTheFile() throws {
        let npz = try NPZFile(contentsOf: NPIOFixtures.url("arrays.npz"))
        assertArrayFileError(try npz.array("weight"), mentions: ["arrays.npz", "array 'weight'", "closest: 'weights'"])
        assertArrayFileError(try NPZFile(data: Data("not a zip at all, just text".utf8), fileName: "t.npz"),
                             mentions: ["t.npz: zip archive"])
        // A member whose .npy header is broken: the error names the archive and the member.
        let broken = try NPZFile(arrays: ["x": NDArray([Float(1), 2])]).encoded()
        var corrupted = broken
        let descr = Array("'<f4'".utf8)
        let at = corrupted.firstRange(of: descr)!
        corrupted.replaceSubrange(at, with: Array("'<c8'".utf8))
        assertArrayFileError(try NPZFile(data: corrupted, fileName: "c.npz"),
                             mentions: ["c.npz: member 'x.npy'"])
    }
}
