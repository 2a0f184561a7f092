import Foundation

/// NumPy's `.npy` format: one array per file.
///
/// Layout: the magic `\x93NUMPY`, a version byte pair (1.0, 2.0 or 3.0), a little-endian header
/// length (2 bytes in 1.0, 4 bytes after), a Python dict literal
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded so the data starts on a
/// 64-byte boundary, then the elements. Reading accepts `<`/`>`/`|`/`=` byte orders (big-endian
/// data is byte-swapped) and Fortran order (transposed to C order). Writing produces exactly
/// the bytes `np.save` produces for the same array.
public enum NPY {
    /// Reads the `.npy` file at `url` (memory-mapped; the array shares the mapping when no
    /// byte swap or transpose is needed).
    public static func read(contentsOf url: URL) throws -> NDArray {
        let mapped = try MappedFile(url: url)
        return try decodeNumeric(bytes: mapped.bytes, fileName: url.lastPathComponent,
                                 makeData: { mapped.data(in: $0) })
    }

    /// Decodes `.npy` bytes; `fileName` names them in error messages.
    public static func decode(_ data: Data, fileName: String = "<npy>") throws -> NDArray {
        try data.withUnsafeBytes { raw in
            try decodeNumeric(bytes: raw, fileName: fileName, makeData: { Data(raw[$0]) })
        }
    }

    /// Reads a `.npy` file of numpy text (`<U…` or `|S…` dtype).
    public static func readText(contentsOf url: URL) throws -> TextArray {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ArrayFileError(file: url.lastPathComponent, field: "file", problem: "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decodeText(data, fileName: url.lastPathComponent)
    }

    /// Decodes `.npy` bytes of numpy text (`<U…` or `|S…` dtype).
    public static func decodeText(_ data: Data, fileName: String = "<npy>") throws -> TextArray {
        let content = try data.withUnsafeBytes { raw in
            try decodeContent(bytes: raw, fileName: fileName, makeData: { Data(raw[$0]) })
        }
        guard case .text(let text) = content else {
            throw ArrayFileError(file: fileName, field: "descr", problem: "holds numbers, not text; read it with NPY.read / NPY.decode")
        }
        return text
    }

    /// The `.npy` bytes of `text` as numpy's `<U n` (UTF-32, n = the longest string's length),
    /// as `np.save` writes a string array.
    public static func encodeText(_ text: TextArray) -> Data {
        let length = max(1, text.values.map { $0.unicodeScalars.count }.max() ?? 1)
        var data = header(descr: "<U\(length)", shape: text.shape)
        var units = [UInt32](repeating: 0, count: length * text.values.count)
        for (index, string) in text.values.enumerated() {
            for (offset, scalar) in string.unicodeScalars.enumerated() { units[index * length + offset] = scalar.value.littleEndian }
        }
        units.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// The `.npy` bytes of `array` (version 1.0 unless the header needs 2.0), identical to
    /// what `np.save` writes. Throws for bf16, which numpy has no type for.
    public static func encode(_ array: NDArray) throws -> Data {
        guard let descr = array.dtype.numpyDescr else {
            throw NDArrayError("a \(array.dtype) array cannot be stored in .npy (numpy has no \(array.dtype) type); convert it with converted(to: .f32) first")
        }
        var data = header(descr: descr, shape: array.shape)
        data.append(array.bytes)
        return data
    }

    /// Writes `array` to `url` as `.npy` (atomically).
    public static func write(_ array: NDArray, to url: URL) throws {
        try encode(array).write(to: url, options: .atomic)
    }

    // numpy's layout constants: data alignment, and spare header room for growing the first axis.
    private static let alignment = 64
    private static let growthAxisDigits = 21
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The magic, version, length and padded header, as `numpy.lib.format` writes them.
    static func header(descr: String, shape: [Int]) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first {
            text += String(repeating: " ", count: max(0, growthAxisDigits - String(first).count))
        }
        let body = Array(text.utf8)
        let fitsVersion1 = body.count + 1 + alignment <= Int(UInt16.max)
        let lengthFieldSize = fitsVersion1 ? 2 : 4
        let unpadded = magic.count + 2 + lengthFieldSize + body.count + 1
        let padding = alignment - unpadded % alignment  // numpy pads a full block when aligned
        let headerLength = body.count + padding + 1

        var data = Data(magic)
        data.append(contentsOf: fitsVersion1 ? [1, 0] : [2, 0])
        if fitsVersion1 {
            withUnsafeBytes(of: UInt16(headerLength).littleEndian) { data.append(contentsOf: $0) }
        } else {
            withUnsafeBytes(of: UInt32(headerLength).littleEndian) { data.append(contentsOf: $0) }
        }
        data.append(contentsOf: body)
        data.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
