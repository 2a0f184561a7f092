import Foundation
import XCTest
@testable import Lab

final class SHA256Tests: XCTestCase {
    func testFIPSVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testStreamingInPiecesMatchesOneShot() {
        let text = String(repeating: "MoGenLab step cache ", count: 37)  // 740 bytes: crosses block edges unevenly
        var hasher = SHA256()
        let bytes = Array(text.utf8)
        var start = 0
        for size in [1, 63, 64, 65, 7, 200] where start < bytes.count {
            let end = min(bytes.count, start + size)
            bytes[start..<end].withUnsafeBytes { hasher.update($0) }
            start = end
        }
        bytes[start...].withUnsafeBytes { hasher.update($0) }
        XCTAssertEqual(hasher.hexDigest(), SHA256.hex(text))
    }

    func testFileDigestMatchesStringDigest() throws {
        let folder = try makeTemporaryFolder(self)
        let file = folder.appendingPathComponent("a.txt")
        try Data("abc".utf8).write(to: file)
        XCTAssertEqual(try SHA256.hex(fileAt: file), SHA256.hex("abc"))
    }
}
