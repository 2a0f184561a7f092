import Foundation

// Byte-order and memory-order fix-ups applied when reading foreign layouts into the
// canonical little-endian C-order form. They work on raw elements of any width, so the
// numeric and the text arrays of .npy share them.

enum ElementLayout {
    /// Reverses the bytes of each `width`-byte unit (big-endian ↔ little-endian).
    static func byteSwapped(_ bytes: [UInt8], unitWidth width: Int) -> [UInt8] {
        guard width > 1 else { return bytes }
        var swapped = bytes
        for start in stride(from: 0, to: swapped.count - width + 1, by: width) {
            swapped[start..<(start + width)].reverse()
        }
        return swapped
    }

    /// Reorders `width`-byte elements stored in Fortran order (first axis fastest) into C order.
    static func fortranToC(_ source: [UInt8], shape: [Int], width: Int) -> [UInt8] {
        let count = shape.reduce(1, *)
        guard shape.count > 1, count > 1 else { return source }
        // Source strides (in elements) of a Fortran-ordered array.
        var sourceStrides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { sourceStrides[axis] = sourceStrides[axis - 1] * shape[axis - 1] }
        var result = [UInt8](repeating: 0, count: source.count)
        var index = [Int](repeating: 0, count: shape.count)
        var sourceOffset = 0
        for target in 0..<count {
            let from = sourceOffset * width, to = target * width
            result[to..<(to + width)] = source[from..<(from + width)]
            // Advance the C-order odometer (last axis fastest), tracking the source offset.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                sourceOffset += sourceStrides[axis]
                if index[axis] < shape[axis] { break }
                sourceOffset -= sourceStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}

extension NDArray {
    /// The array with each element's bytes reversed (big-endian ↔ little-endian).
    func byteSwapped() -> NDArray {
        guard dtype.byteCount > 1 else { return self }
        let swapped = ElementLayout.byteSwapped([UInt8](bytes), unitWidth: dtype.byteCount)
        return NDArray(validatedDType: dtype, shape: shape, bytes: Data(swapped))
    }

    /// Reinterprets `bytes` as Fortran-ordered (first axis fastest) and returns the same
    /// array in C order.
    func fromFortranOrder() -> NDArray {
        guard shape.count > 1, count > 1 else { return self }
        let reordered = ElementLayout.fortranToC([UInt8](bytes), shape: shape, width: dtype.byteCount)
        return NDArray(validatedDType: dtype, shape: shape, bytes: Data(reordered))
    }
}
