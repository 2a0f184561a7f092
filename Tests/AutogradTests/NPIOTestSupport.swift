import Foundation
import XCTest
@testable import Autograd

/// Locations and helpers shared by the NPIO* tests.
enum NPIOFixtures {
    /// A file of `Fixtures/npio/` (written by scripts/fixtures/npio_reference.py).
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/npio/\(name)")
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    /// A fresh empty directory under the temporary directory.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("npio-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The values of `f32_2x3()` in the reference script: (0..<6 - 2.5) * 0.5.
    static let f32Values: [Float] = [-1.25, -0.75, -0.25, 0.25, 0.75, 1.25]
    /// `f16_values()`: 1, -2, 0.5, the largest half and the smallest subnormal half.
    static let f16Values: [Float] = [1, -2, 0.5, 65504, 0x1p-24]
}

/// SplitMix64: a tiny seeded generator so that fuzz cases are reproducible.
struct NPIOSeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Asserts that `body` throws an `ArrayFileError` whose message contains every fragment.
func assertArrayFileError<T>(_ body: @autoclosure () throws -> T, mentions fragments: [String],
                             file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected an ArrayFileError mentioning \(fragments)", file: file, line: line)
    } catch let error as ArrayFileError {
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment),
                          "'\(error.description)' does not mention '\(fragment)'", file: file, line: line)
        }
    } catch {
        XCTFail("expected an ArrayFileError, got \(type(of: error)): \(error)", file: file, line: line)
    }
}
