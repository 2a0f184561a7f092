import Foundation
import XCTest
@testable import Autograd

final class NPIOSafeTensorsTests: XCTestCase {
    func testReadsEveryDTypeWrittenByTheReferencePackage() throws {
        let file = try SafeTensorsFile(contentsOf: NPIOFixtures.url("mixed.safetensors"))
        XCTAssertEqual(file.names, ["bytes.u8", "empty", "encoder.half", "encoder.weight", "flags", "ids.i32", "ids.i64", "table.f64"])
        XCTAssertEqual(file.metadata, ["note": "quote \" backslash \\ é"])
        let weight = try file.tensor("encoder.weight")
        XCTAssertEqual(weight.dtype, .f32)
        XCTAssertEqual(weight.shape, [2, 3])
        XCTAssertEqual(try weight.floats(), NPIOFixtures.f32Values)
        XCTAssertEqual(try file.tensor("encoder.half").floats(), NPIOFixtures.f16Values)
        XCTAssertEqual(try file.tensor("table.f64").doubles(), [0.1, -1e300])
        XCTAssertEqual(try file.tensor("ids.i64").int64s(), [0, Int64.min, (1 << 53) + 1])
        XCTAssertEqual(try file.tensor("ids.i32").int32s(), [1, -2, Int32.max, Int32.min])
        XCTAssertEqual(try file.tensor("ids.i32").shape, [2, 2])
        XCTAssertEqual(try file.tensor("bytes.u8").uint8s(), [0, 1, 128, 255])
        XCTAssertEqual(try file.tensor("flags").bools(), [true, false, true])
        XCTAssertEqual(try file.tensor("empty").shape, [0, 4])
        XCTAssertEqual(try file.tensor("empty").floats(), [])
    }

    func testReadsBFloat16() throws {
        let file = try SafeTensorsFile(contentsOf: NPIOFixtures.url("bf16.safetensors"))
        let bf16 = try file.tensor("bf16")
        XCTAssertEqual(bf16.dtype, .bf16)
        XCTAssertEqual(bf16.shape, [2, 3])
        XCTAssertEqual(try bf16.floats(), [1, -2.5, 0.15625, 256, -0.0078125, 3])
        XCTAssertEqual(try file.tensor("f32").floats(), [1.5, -0.25])
        XCTAssertEqual(file.metadata, [:])
    }

    func testReEncodingReproducesTheReferenceBytes() throws {
        for name in ["mixed.safetensors", "bf16.safetensors"] {
            let original = try NPIOFixtures.data(name)
            let file = try SafeTensorsFile(data: original, fileName: name)
            XCTAssertEqual(try file.encoded(), original, name)
        }
    }

    func testWriteThenReadGivesIdenticalArrays() throws {
        let directory = try NPIOFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("round.safetensors")
        let original = SafeTensorsFile(tensors: [
            "w": try NDArray([Float](stride(from: -1, to: 1, by: 0.25)), shape: [2, 4]),
            "half": try NDArray([Float(0.5), -3]).converted(to: .f16),
            "brain": try NDArray([Float(0.5), -3]).converted(to: .bf16),
            "step": NDArray([Int64(1234)]),
            "scalar": try NDArray([Double(2)], shape: []),
        ], metadata: ["step": "1234", "quote": "a\"b\n"])
        try original.write(to: url)
        let data = try Data(contentsOf: url)
        let headerLength = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(headerLength % 8, 0, "header padded to 8 bytes")
        let read = try SafeTensorsFile(contentsOf: url)
        XCTAssertEqual(read.tensors, original.tensors)
        XCTAssertEqual(read.metadata, original.metadata)
        XCTAssertEqual(try read.encoded(), data)
    }

    func testMutatingMappedBytesLeavesTheFileUnchanged() throws {
        let directory = try NPIOFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("m.safetensors")
        try SafeTensorsFile(tensors: ["x": NDArray([Float](repeating: 1, count: 64))]).write(to: url)
        var bytes = try SafeTensorsFile(contentsOf: url).tensor("x").bytes  // sole owner of the mapped range
        bytes[0] ^= 0xFF
        XCTAssertEqual(try SafeTensorsFile(contentsOf: url).tensor("x").floats(), [Float](repeating: 1, count: 64))
    }

    func testMissingTensorNamesTheFileAndSuggests() throws {
        let file = try SafeTensorsFile(contentsOf: NPIOFixtures.url("mixed.safetensors"))
        assertArrayFileError(try file.tensor("encoder.weights"),
                             mentions: ["mixed.safetensors", "tensor 'encoder.weights'", "closest: 'encoder.weight'"])
    }
}
