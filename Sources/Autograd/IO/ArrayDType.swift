// The element types the array file formats carry, and their names in each format.

extension NDArray {
    /// The element type of an `NDArray`: how each element's little-endian bytes are read.
    public enum DType: String, CaseIterable, Sendable, CustomStringConvertible {
        case f16, bf16, f32, f64
        case i8, i16, i32, i64
        case u8, u16
        case bool

        /// Bytes per element.
        public var byteCount: Int {
            switch self {
            case .i8, .u8, .bool: return 1
            case .f16, .bf16, .i16, .u16: return 2
            case .f32, .i32: return 4
            case .f64, .i64: return 8
            }
        }

        /// True for the floating-point types.
        public var isFloatingPoint: Bool {
            switch self {
            case .f16, .bf16, .f32, .f64: return true
            default: return false
            }
        }

        public var description: String { rawValue }

        /// The dtype string used in a safetensors header (`"F32"`, `"BF16"`, `"BOOL"`, …).
        public var safetensorsName: String {
            switch self {
            case .f16: return "F16"
            case .bf16: return "BF16"
            case .f32: return "F32"
            case .f64: return "F64"
            case .i8: return "I8"
            case .i16: return "I16"
            case .i32: return "I32"
            case .i64: return "I64"
            case .u8: return "U8"
            case .u16: return "U16"
            case .bool: return "BOOL"
            }
        }

        /// The dtype named `name` in a safetensors header, or nil for one we do not read.
        public init?(safetensorsName name: String) {
            guard let match = DType.allCases.first(where: { $0.safetensorsName == name }) else { return nil }
            self = match
        }

        /// The little-endian numpy type string (`"<f4"`, `"|u1"`, …); nil for bf16, which numpy lacks.
        public var numpyDescr: String? {
            switch self {
            case .f16: return "<f2"
            case .bf16: return nil
            case .f32: return "<f4"
            case .f64: return "<f8"
            case .i8: return "|i1"
            case .i16: return "<i2"
            case .i32: return "<i4"
            case .i64: return "<i8"
            case .u8: return "|u1"
            case .u16: return "<u2"
            case .bool: return "|b1"
            }
        }
    }
}
