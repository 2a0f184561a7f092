import Foundation

/// Bridges between `Tensor` (Float32 storage) and the file-format value type `NDArray`.
extension Tensor {
    /// A tensor from any numeric `NDArray` (f16/bf16/f64/integers convert to Float32).
    /// Throws `NDArrayError` when a value cannot be represented (e.g. f64 beyond Float's range).
    public convenience init(_ array: NDArray) throws {
        if array.dtype == .f32 {
            // Same little-endian layout: copy the bytes directly.
            self.init(uninitialisedShape: array.shape)
            let n = count
            array.bytes.withUnsafeBytes { raw in
                if n > 0, let base = raw.baseAddress { UnsafeMutableRawPointer(pointer).copyMemory(from: base, byteCount: n * 4) }
            }
        } else {
            self.init(try array.floats(), shape: array.shape)
        }
    }

    /// The values as an f32 `NDArray` (for safetensors / .npy / .npz files).
    public var ndarray: NDArray {
        let bytes = Data(bytes: pointer, count: count * MemoryLayout<Float>.size)
        // The byte count matches the shape by construction, so this cannot throw.
        return try! NDArray(dtype: .f32, shape: shape, bytes: bytes)
    }
}
