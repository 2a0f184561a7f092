import Foundation

// Converting an NDArray's elements to Swift arrays and to other dtypes. Widening conversions
// always succeed; narrowing ones check every element and throw naming the first that does
// not fit, so that no value is silently changed beyond floating-point rounding.

extension NDArray {
    /// The elements as `Float`. Integers convert with rounding; a float64 value beyond
    /// Float's range throws (NaN and ±inf convert as such).
    public func floats() throws -> [Float] {
        switch dtype {
        case .f32: return elements(as: Float.self)
        case .f16: return elements(as: UInt16.self).map(HalfPrecision.float(fromHalfBits:))
        case .bf16: return elements(as: UInt16.self).map(HalfPrecision.float(fromBFloat16Bits:))
        case .f64:
            let values = elements(as: Double.self)
            var result = [Float](repeating: 0, count: values.count)
            for (index, value) in values.enumerated() {
                let narrowed = Float(value)
                if narrowed.isInfinite && value.isFinite {
                    throw conversionError(index: index, value: "\(value)", target: "Float")
                }
                result[index] = narrowed
            }
            return result
        default:
            return doubles().map { Float($0) }
        }
    }

    /// The elements as `Double` (exact for every dtype except int64 beyond ±2^53, which rounds).
    public func doubles() -> [Double] {
        switch dtype {
        case .f64: return elements(as: Double.self)
        case .f32: return elements(as: Float.self).map(Double.init)
        case .f16: return elements(as: UInt16.self).map { Double(HalfPrecision.float(fromHalfBits: $0)) }
        case .bf16: return elements(as: UInt16.self).map { Double(HalfPrecision.float(fromBFloat16Bits: $0)) }
        case .i8: return elements(as: Int8.self).map(Double.init)
        case .i16: return elements(as: Int16.self).map(Double.init)
        case .i32: return elements(as: Int32.self).map(Double.init)
        case .i64: return elements(as: Int64.self).map(Double.init)
        case .u8: return elements(as: UInt8.self).map(Double.init)
        case .u16: return elements(as: UInt16.self).map(Double.init)
        case .bool: return elements(as: UInt8.self).map { $0 == 0 ? 0 : 1 }
        }
    }

    /// The elements as `Int64`. Floating-point elements must be whole numbers in range.
    public func int64s() throws -> [Int64] {
        switch dtype {
        case .i64: return elements(as: Int64.self)
        case .i32: return elements(as: Int32.self).map(Int64.init)
        case .i16: return elements(as: Int16.self).map(Int64.init)
        case .i8: return elements(as: Int8.self).map(Int64.init)
        case .u8: return elements(as: UInt8.self).map(Int64.init)
        case .u16: return elements(as: UInt16.self).map(Int64.init)
        case .bool: return elements(as: UInt8.self).map { $0 == 0 ? 0 : 1 }
        case .f16, .bf16, .f32, .f64:
            return try doubles().enumerated().map { index, value in
                guard let whole = Int64(exactly: value) else {
                    throw conversionError(index: index, value: "\(value)", target: "Int64")
                }
                return whole
            }
        }
    }

    /// The elements as `Int32`, each checked to be a whole number within Int32's range.
    public func int32s() throws -> [Int32] {
        if dtype == .i32 { return elements(as: Int32.self) }
        return try narrowIntegers(to: Int32.self)
    }

    /// The elements as `UInt8`, each checked to be a whole number in 0...255.
    public func uint8s() throws -> [UInt8] {
        if dtype == .u8 { return elements(as: UInt8.self) }
        return try narrowIntegers(to: UInt8.self)
    }

    /// The elements as `Bool`: a bool array, or numbers that are all 0 or 1.
    public func bools() throws -> [Bool] {
        if dtype == .bool { return elements(as: UInt8.self).map { $0 != 0 } }
        return try doubles().enumerated().map { index, value in
            guard value == 0 || value == 1 else {
                throw conversionError(index: index, value: "\(value)", target: "Bool (only 0 and 1 convert)")
            }
            return value == 1
        }
    }

    /// The same values stored as `target`, with the same checks as the accessors
    /// (e.g. f32 → f16 rounds; f32 → i32 requires whole numbers; anything → bool requires 0/1).
    public func converted(to target: DType) throws -> NDArray {
        if target == dtype { return self }
        let bytes: Data
        switch target {
        case .f32: bytes = Self.data(try floats())
        case .f64: bytes = Self.data(doubles())
        case .f16: bytes = Self.data(try floats().map(HalfPrecision.halfBits(from:)))
        case .bf16: bytes = Self.data(try floats().map(HalfPrecision.bfloat16Bits(from:)))
        case .i64: bytes = Self.data(try int64s())
        case .i32: bytes = Self.data(try int32s())
        case .i16: bytes = Self.data(try narrowIntegers(to: Int16.self))
        case .i8: bytes = Self.data(try narrowIntegers(to: Int8.self))
        case .u8: bytes = Self.data(try uint8s())
        case .u16: bytes = Self.data(try narrowIntegers(to: UInt16.self))
        case .bool: bytes = Self.data(try bools())
        }
        return NDArray(validatedDType: target, shape: shape, bytes: bytes)
    }

    /// The raw elements reinterpreted as `T` (whose size must equal `dtype.byteCount`);
    /// copies byte-wise, so the source may be unaligned.
    func elements<T>(as type: T.Type) -> [T] {
        let count = bytes.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
            bytes.withUnsafeBytes { raw in
                if count > 0 {
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<count * MemoryLayout<T>.stride]))
                }
            }
            initialised = count
        }
    }

    private func narrowIntegers<T: FixedWidthInteger>(to type: T.Type) throws -> [T] {
        try int64s().enumerated().map { index, value in
            guard let narrowed = T(exactly: value) else {
                throw conversionError(index: index, value: "\(value)", target: "\(T.self)")
            }
            return narrowed
        }
    }

    private func conversionError(index: Int, value: String, target: String) -> NDArrayError {
        NDArrayError("\(dtype) array of shape \(shape): element \(index) = \(value) cannot be represented as \(target)")
    }

    static func data<T>(_ values: [T]) -> Data {
        values.withUnsafeBytes { Data($0) }
    }
}
