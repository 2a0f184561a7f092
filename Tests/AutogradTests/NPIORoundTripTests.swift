import Foundation
import XCTest
@testable import Autograd

/// Builds, in Swift, the same arrays the reference script writes, and checks that our writers
/// reproduce the reference files. With `NPIO_EXPORT_DIR=DIR` the files are left in DIR for
/// `python3 scripts/fixtures/npio_reference.py --check DIR` (numpy and safetensors reading them).
final class NPIORoundTripTests: XCTestCase {
    private func referenceF32() throws -> NDArray { try NDArray(NPIOFixtures.f32Values, shape: [2, 3]) }

    private func referenceNPZ() throws -> NPZFile {
        NPZFile(arrays: [
            "weights": try referenceF32(),
            "ids": NDArray([Int64(3), 1, 4, 1, 5]),
            "mask": try NDArray([true, false, false, true], shape: [2, 2]),
        ])
    }

    private func referenceSafeTensors() throws -> SafeTensorsFile {
        SafeTensorsFile(tensors: [
            "encoder.weight": try referenceF32(),
            "encoder.half": try NDArray(NPIOFixtures.f16Values).converted(to: .f16),
            "table.f64": NDArray([0.1, -1e300]),
            "ids.i64": NDArray([Int64(0), Int64.min, (1 << 53) + 1]),
            "ids.i32": try NDArray([Int32(1), -2, Int32.max, Int32.min], shape: [2, 2]),
            "bytes.u8": NDArray([UInt8(0), 1, 128, 255]),
            "flags": NDArray([true, false, true]),
            "empty": try NDArray([Float](), shape: [0, 4]),
        ], metadata: ["note": "quote \" backslash \\ é"])
    }

    func testExportForReferenceReaders() throws {
        let exportDirectory = ProcessInfo.processInfo.environment["NPIO_EXPORT_DIR"].map { URL(fileURLWithPath: $0) }
        let directory = try exportDirectory ?? NPIOFixtures.temporaryDirectory()
        defer { if exportDirectory == nil { try? FileManager.default.removeItem(at: directory) } }

        let npyURL = directory.appendingPathComponent("swift.npy")
        try NPY.write(try referenceF32(), to: npyURL)
        XCTAssertEqual(try Data(contentsOf: npyURL), try NPIOFixtures.data("f32_2x3.npy"), "np.save's bytes")

        let safetensorsURL = directory.appendingPathComponent("swift.safetensors")
        try referenceSafeTensors().write(to: safetensorsURL)
        XCTAssertEqual(try Data(contentsOf: safetensorsURL), try NPIOFixtures.data("mixed.safetensors"),
                       "the safetensors package's bytes")

        // numpy's zip members carry zip64 extras and timestamps, so compare values, not bytes.
        let npzURL = directory.appendingPathComponent("swift.npz")
        try referenceNPZ().write(to: npzURL)
        XCTAssertEqual(try NPZFile(contentsOf: npzURL).arrays,
                       try NPZFile(contentsOf: NPIOFixtures.url("arrays.npz")).arrays)
    }

    func testEveryDTypeSurvivesEveryFormatThatCanHoldIt() throws {
        let values: [Double] = [0, 1, -1, 2, 100, -7]
        for dtype in NDArray.DType.allCases {
            let source = try NDArray(values.map { dtype == .u8 || dtype == .u16 || dtype == .bool ? abs($0).truncatingRemainder(dividingBy: 2) : $0 },
                                     shape: [2, 3]).converted(to: dtype)
            let viaSafeTensors = try SafeTensorsFile(data: SafeTensorsFile(tensors: ["x": source]).encoded()).tensor("x")
            XCTAssertEqual(viaSafeTensors, source, "\(dtype) via safetensors")
            if dtype.numpyDescr != nil {
                XCTAssertEqual(try NPY.decode(NPY.encode(source)), source, "\(dtype) via npy")
                XCTAssertEqual(try NPZFile(data: NPZFile(arrays: ["x": source]).encoded()).array("x"), source, "\(dtype) via npz")
            }
        }
    }

    func testReservedMetadataNameIsRejectedOnWrite() {
        let file = SafeTensorsFile(tensors: ["__metadata__": NDArray([Float(1)])], fileName: "w.safetensors")
        assertArrayFileError(try file.encoded(), mentions: ["w.safetensors", "reserved"])
    }
}
