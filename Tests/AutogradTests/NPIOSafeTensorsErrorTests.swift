import Foundation
import XCTest
@testable import Autograd

/// Each kind of corrupt safetensors file gives an error naming the file and the field.
final class NPIOSafeTensorsErrorTests: XCTestCase {
    /// A file made of `header` (length-prefixed, unpadded) and `dataSize` zero bytes.
    private func file(_ header: String, dataSize: Int) -> Data {
        let json = Array(header.utf8)
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: json)
        data.append(Data(count: dataSize))
        return data
    }

    private func decode(_ data: Data) throws -> SafeTensorsFile {
        try SafeTensorsFile(data: data, fileName: "model.safetensors")
    }

    func testWellFormedHandMadeFileReads() throws {
        let read = try decode(file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, dataSize: 8))
        XCTAssertEqual(try read.tensor("w").floats(), [0, 0])
    }

    func testHeaderLengthProblems() {
        assertArrayFileError(try decode(Data([1, 2, 3])), mentions: ["model.safetensors: header length", "3 bytes"])
        var tooLong = file(#"{}"#, dataSize: 0)
        tooLong[0] = 200
        assertArrayFileError(try decode(tooLong), mentions: ["model.safetensors: header length", "200 exceeds the file size 10"])
        var huge = file(#"{}"#, dataSize: 0)
        for index in 0..<8 { huge[index] = 0xFF }
        assertArrayFileError(try decode(huge), mentions: ["header length", "18446744073709551615"])
    }

    func testInvalidJSON() {
        assertArrayFileError(try decode(file(#"{"w":{"dtype":"F32",}}"#, dataSize: 0)),
                             mentions: ["model.safetensors: header", "invalid JSON at header byte 20", "expected a quoted key"])
        assertArrayFileError(try decode(file(#"[1, 2]"#, dataSize: 0)), mentions: ["header", "expected a JSON object"])
        assertArrayFileError(try decode(file(String(repeating: "[", count: 200), dataSize: 0)), mentions: ["nesting"])
        assertArrayFileError(try decode(file(#"{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":1}"#, dataSize: 0)),
                             mentions: ["duplicate key 'a'"])
    }

    func testOffsetsOutsideTheFile() {
        assertArrayFileError(try decode(file(#"{"encoder.layer.0.x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, dataSize: 8)),
                             mentions: ["model.safetensors: tensor 'encoder.layer.0.x': data_offsets", "[0, 16] exceed the data size 8"])
        assertArrayFileError(try decode(file(#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, dataSize: 8)),
                             mentions: ["tensor 'x': data_offsets", "[8, 4] is not a valid range"])
        assertArrayFileError(try decode(file(#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,99999999999999999999]}}"#, dataSize: 8)),
                             mentions: ["tensor 'x': data_offsets", "expected integers", "99999999999999999999"])
    }

    func testOverlapsAndGaps() {
        let overlapping = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        assertArrayFileError(try decode(file(overlapping, dataSize: 12)),
                             mentions: ["tensor 'b': data_offsets", "overlap tensor 'a'"])
        let gap = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        assertArrayFileError(try decode(file(gap, dataSize: 12)), mentions: ["tensor 'b'", "4..<8", "unused"])
        assertArrayFileError(try decode(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, dataSize: 6)),
                             mentions: ["data section", "cover 4 bytes", "holds 6"])
    }

    func testDTypeShapeAndMissingKeys() {
        assertArrayFileError(try decode(file(#"{"x":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}"#, dataSize: 1)),
                             mentions: ["tensor 'x': dtype", "unknown dtype 'F8_E4M3'", "BF16"])
        assertArrayFileError(try decode(file(#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, dataSize: 8)),
                             mentions: ["tensor 'x': shape", "[3] of F32 needs 12 bytes", "span 8"])
        assertArrayFileError(try decode(file(#"{"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,0]}}"#, dataSize: 0)),
                             mentions: ["tensor 'x': shape", "negative"])
        assertArrayFileError(try decode(file(#"{"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}"#, dataSize: 0)),
                             mentions: ["tensor 'x': shape", "too many elements"])
        assertArrayFileError(try decode(file(#"{"x":{"shape":[1],"data_offsets":[0,4]}}"#, dataSize: 4)),
                             mentions: ["tensor 'x': dtype", "missing"])
        assertArrayFileError(try decode(file(#"{"x":{"dtype":"F32","shape":[1]}}"#, dataSize: 4)),
                             mentions: ["tensor 'x': data_offsets", "missing"])
        assertArrayFileError(try decode(file(#"{"__metadata__":{"step":3}}"#, dataSize: 0)),
                             mentions: ["__metadata__ 'step'", "expected a string"])
    }

    func testUnreadablePathNamesTheFile() {
        assertArrayFileError(try SafeTensorsFile(contentsOf: URL(fileURLWithPath: "/nonexistent/w.safetensors")),
                             mentions: ["w.safetensors: file", "cannot open"])
    }
}
