import Foundation

/// An n-dimensional array as the file formats store it: a dtype, a shape and the elements'
/// raw little-endian bytes in C (row-major) order.
///
/// It is the exchange type of `SafeTensorsFile`, `NPY` and `NPZFile`: readers hand the bytes
/// over without converting them, and the accessors (`floats()`, `doubles()`, `int64s()`, …)
/// convert on demand, throwing when a value cannot be represented in the requested type.
/// Arrays read from a file by `SafeTensorsFile(contentsOf:)` share the file's memory map.
public struct NDArray: Equatable, Sendable, CustomStringConvertible {
    /// The element type.
    public let dtype: DType
    /// The extent of each axis; `[]` is a scalar (one element).
    public let shape: [Int]
    /// Exactly `count * dtype.byteCount` bytes, little-endian, C order; indices start at 0.
    public let bytes: Data

    /// Creates an array from raw little-endian bytes, checking that their count fits the shape.
    public init(dtype: DType, shape: [Int], bytes: Data) throws {
        guard let count = NDArray.elementCount(of: shape) else {
            throw NDArrayError("shape \(shape) has a negative extent or too many elements")
        }
        guard bytes.count == count * dtype.byteCount else {
            throw NDArrayError("shape \(shape) of \(dtype) needs \(count * dtype.byteCount) bytes, got \(bytes.count)")
        }
        self.init(validatedDType: dtype, shape: shape, bytes: bytes)
    }

    /// Creates an array whose byte count the caller has already checked.
    init(validatedDType dtype: DType, shape: [Int], bytes: Data) {
        self.dtype = dtype
        self.shape = shape
        // Rebase slices so that `bytes` always starts at index 0.
        self.bytes = bytes.startIndex == 0 ? bytes : Data(bytes)
    }

    /// Creates an array from Swift values (`[Float]`, `[Double]`, `[Int32]`, `[Int64]`, `[UInt8]`,
    /// `[Bool]`, …); `values.count` must equal the product of `shape`.
    public init<Element: NDArrayElement>(_ values: [Element], shape: [Int]) throws {
        guard let count = NDArray.elementCount(of: shape), count == values.count else {
            throw NDArrayError("shape \(shape) holds \(NDArray.elementCount(of: shape).map(String.init) ?? "an invalid number of") elements, but \(values.count) values were given")
        }
        let bytes = values.withUnsafeBytes { Data($0) }
        self.init(validatedDType: Element.dtype, shape: shape, bytes: bytes)
    }

    /// Creates a one-dimensional array of `values`.
    public init<Element: NDArrayElement>(_ values: [Element]) {
        self.init(validatedDType: Element.dtype, shape: [values.count], bytes: values.withUnsafeBytes { Data($0) })
    }

    /// The number of elements (the product of `shape`; 1 for a scalar).
    public var count: Int { bytes.count / dtype.byteCount }

    /// The same elements with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) throws -> NDArray {
        guard let newCount = NDArray.elementCount(of: newShape), newCount == count else {
            throw NDArrayError("cannot reshape \(shape) (\(count) elements) to \(newShape)")
        }
        return NDArray(validatedDType: dtype, shape: newShape, bytes: bytes)
    }

    public var description: String { "NDArray(\(dtype), shape: \(shape))" }

    /// The product of `shape`, or nil when an extent is negative or the product overflows.
    static func elementCount(of shape: [Int]) -> Int? {
        var product = 1
        for extent in shape {
            guard extent >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: extent)
            guard !overflow else { return nil }
            product = next
        }
        return product
    }

    /// The byte count of `shape` at `dtype`, or nil when it is invalid or overflows.
    static func byteCount(of shape: [Int], dtype: DType) -> Int? {
        guard let count = elementCount(of: shape) else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
        return overflow ? nil : bytes
    }
}

/// A Swift scalar type that maps one-to-one onto an `NDArray.DType` with the same bytes.
public protocol NDArrayElement {
    /// The dtype whose elements have exactly this type's in-memory (little-endian) layout.
    static var dtype: NDArray.DType { get }
}

extension Float: NDArrayElement { public static var dtype: NDArray.DType { .f32 } }
extension Double: NDArrayElement { public static var dtype: NDArray.DType { .f64 } }
extension Int8: NDArrayElement { public static var dtype: NDArray.DType { .i8 } }
extension Int16: NDArrayElement { public static var dtype: NDArray.DType { .i16 } }
extension Int32: NDArrayElement { public static var dtype: NDArray.DType { .i32 } }
extension Int64: NDArrayElement { public static var dtype: NDArray.DType { .i64 } }
extension UInt8: NDArrayElement { public static var dtype: NDArray.DType { .u8 } }
extension UInt16: NDArrayElement { public static var dtype: NDArray.DType { .u16 } }
extension Bool: NDArrayElement { public static var dtype: NDArray.DType { .bool } }
