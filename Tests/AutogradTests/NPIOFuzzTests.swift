import Foundation
import XCTest
@testable import Autograd

/// Mutates real files (the reference fixtures) with a seeded generator and checks that every
/// mutant either parses or throws an `ArrayFileError`/`NDArrayError` — a trap would end the run.
/// `NPIO_FUZZ_CASES=N` raises the number of cases per fixture for a longer search.
final class NPIOFuzzTests: XCTestCase {
    /// Where a format keeps its header, and how to rewrite the header's length field.
    private struct Format {
        let headerRange: (Data) -> Range<Int>
        let lengthField: Range<Int>
        let setHeaderLength: ((inout Data, Int) -> Void)?
    }

    private static let safetensors = Format(
        headerRange: { data in
            let length = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
            return 8..<min(data.count, 8 + length)
        },
        lengthField: 0..<8,
        setHeaderLength: { data, length in
            for index in 0..<8 { data[index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
        })

    private static let npy = Format(
        headerRange: { data in 10..<min(data.count, 10 + Int(data[8]) + Int(data[9]) << 8) },
        lengthField: 8..<10,
        setHeaderLength: { data, length in
            data[8] = UInt8(truncatingIfNeeded: length)
            data[9] = UInt8(truncatingIfNeeded: length >> 8)
        })

    private static func npz(_ original: Data) -> Format {
        Format(headerRange: { 0..<$0.count }, lengthField: (original.count - 22)..<original.count, setHeaderLength: nil)
    }

    private enum Mutation: CaseIterable {
        case truncate, flipHeaderByte, flipAnyByte, corruptLength, insertBytes, rewriteHeaderNumber
    }

    /// Numbers that probe overflow, sign and type checks when written into a header.
    private static let hostileNumbers = ["0", "-1", "1", "7", "4294967295", "9223372036854775807",
                                         "9223372036854775808", "18446744073709551615", "1e3", "2.5", "-0"]

    private func mutate(_ original: Data, format: Format, using generator: inout NPIOSeededGenerator) -> Data {
        var data = original
        let header = format.headerRange(data)
        switch Mutation.allCases.randomElement(using: &generator)! {
        case .truncate:
            data = data.prefix(Int.random(in: 0..<data.count, using: &generator))
        case .flipHeaderByte:
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: header, using: &generator)
                data[index] ^= UInt8.random(in: 1...255, using: &generator)
            }
        case .flipAnyByte:
            let index = Int.random(in: 0..<data.count, using: &generator)
            data[index] ^= UInt8.random(in: 1...255, using: &generator)
        case .corruptLength:
            let index = Int.random(in: format.lengthField, using: &generator)
            data[index] = [0x00, 0xFF, 0x7F, 0x80, UInt8.random(in: 0...255, using: &generator)].randomElement(using: &generator)!
        case .insertBytes:
            let index = Int.random(in: 0...data.count, using: &generator)
            data.insert(contentsOf: (0..<Int.random(in: 1...9, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }, at: index)
        case .rewriteHeaderNumber:
            // Replace one run of digits in the header and keep the length field consistent,
            // so that the mutant gets past the framing and exercises the field checks.
            let digits = header.filter { (0x30...0x39).contains(data[$0]) }
            guard let pick = digits.randomElement(using: &generator) else { break }
            var start = pick, end = pick + 1
            while start > header.lowerBound, (0x30...0x39).contains(data[start - 1]) { start -= 1 }
            while end < header.upperBound, (0x30...0x39).contains(data[end]) { end += 1 }
            let replacement = Array(Self.hostileNumbers.randomElement(using: &generator)!.utf8)
            data.replaceSubrange(start..<end, with: replacement)
            format.setHeaderLength?(&data, header.count + replacement.count - (end - start))
        }
        return data
    }

    private struct Outcome { var parsed = 0, rejected = 0 }

    private static var casesPerFixture: Int? {
        ProcessInfo.processInfo.environment["NPIO_FUZZ_CASES"].flatMap(Int.init)
    }

    private func fuzz(_ fixtures: [String], cases: Int, seed: UInt64, format: (Data) -> Format,
                      decode: (Data, String) throws -> Void) throws -> Outcome {
        var outcome = Outcome()
        for (index, fixture) in fixtures.enumerated() {
            let original = try NPIOFixtures.data(fixture)
            var generator = NPIOSeededGenerator(seed: seed &+ UInt64(index))
            for _ in 0..<(Self.casesPerFixture ?? cases) {
                let mutant = mutate(original, format: format(original), using: &generator)
                do {
                    try decode(mutant, fixture)
                    outcome.parsed += 1
                } catch is ArrayFileError {
                    outcome.rejected += 1
                } catch is NDArrayError {
                    outcome.rejected += 1
                }
            }
        }
        return outcome
    }

    func testSafeTensorsMutantsParseOrThrow() throws {
        let outcome = try fuzz(["mixed.safetensors", "bf16.safetensors"], cases: 300, seed: 0x5AFE,
                               format: { _ in Self.safetensors }) { mutant, name in
            let file = try SafeTensorsFile(data: mutant, fileName: name)
            for tensor in file.names { _ = try file.tensor(tensor).doubles() }
        }
        XCTAssertEqual(outcome.parsed + outcome.rejected, 2 * (Self.casesPerFixture ?? 300))
        XCTAssertGreaterThan(outcome.rejected, outcome.parsed, "most mutants of a strictly checked format are rejected")
        print("safetensors fuzz: \(outcome.parsed) parsed, \(outcome.rejected) rejected")
    }

    func testNPYMutantsParseOrThrow() throws {
        let fixtures = ["f32_2x3.npy", "f64_fortran_2x3x2.npy", "f32_big_endian.npy", "bool_3.npy", "text_u.npy"]
        let outcome = try fuzz(fixtures, cases: 80, seed: 0x0A9, format: { _ in Self.npy }) { mutant, name in
            if name.hasPrefix("text") {
                _ = try NPY.decodeText(mutant, fileName: name)
            } else {
                _ = try NPY.decode(mutant, fileName: name).doubles()
            }
        }
        XCTAssertEqual(outcome.parsed + outcome.rejected, 5 * (Self.casesPerFixture ?? 80))
        XCTAssertGreaterThan(outcome.rejected, outcome.parsed)
        print("npy fuzz: \(outcome.parsed) parsed, \(outcome.rejected) rejected")
    }

    func testNPZMutantsParseOrThrow() throws {
        let outcome = try fuzz(["arrays.npz", "arrays_compressed.npz", "amass_like.npz"], cases: 100, seed: 0x212,
                               format: Self.npz) { mutant, name in
            let npz = try NPZFile(data: mutant, fileName: name)
            for array in npz.names { _ = try npz.array(array).doubles() }
        }
        XCTAssertEqual(outcome.parsed + outcome.rejected, 3 * (Self.casesPerFixture ?? 100))
        XCTAssertGreaterThan(outcome.rejected, outcome.parsed)
        print("npz fuzz: \(outcome.parsed) parsed, \(outcome.rejected) rejected")
    }
}
