import Foundation

// Writing safetensors in the reference writer's layout: tensors sorted by dtype (widest
// alignment first, in the reference's dtype order) then by name, the header in that order,
// `__metadata__` first with its keys sorted, spaces padding the header to 8 bytes.

extension SafeTensorsFile {
    /// The file's bytes.
    public func encoded() throws -> Data {
        let ordered = tensors.sorted { lhs, rhs in
            let (left, right) = (lhs.value.dtype.safetensorsRank, rhs.value.dtype.safetensorsRank)
            return left != right ? left > right : lhs.key < rhs.key
        }
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }
                .map { "\(HeaderJSON.quoted($0.key)):\(HeaderJSON.quoted($0.value))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, array) in ordered {
            guard name != "__metadata__" else {
                throw ArrayFileError(file: fileName, field: "tensor '__metadata__'",
                                     problem: "the name is reserved for the metadata map; rename the tensor")
            }
            let end = offset + array.bytes.count
            let shape = array.shape.map(String.init).joined(separator: ",")
            entries.append("\(HeaderJSON.quoted(name)):{\"dtype\":\"\(array.dtype.safetensorsName)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for (_, array) in ordered { data.append(array.bytes) }
        return data
    }

    /// Writes the file atomically (a temporary file renamed into place).
    public func write(to url: URL) throws {
        try encoded().write(to: url, options: .atomic)
    }
}

extension NDArray.DType {
    /// The position in the reference implementation's dtype enumeration, which orders
    /// tensors in a written file (higher first).
    var safetensorsRank: Int {
        switch self {
        case .bool: return 0
        case .u8: return 1
        case .i8: return 2
        case .i16: return 3
        case .u16: return 4
        case .f16: return 5
        case .bf16: return 6
        case .i32: return 7
        case .f32: return 8
        case .f64: return 9
        case .i64: return 10
        }
    }
}
