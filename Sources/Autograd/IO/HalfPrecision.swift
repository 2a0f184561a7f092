// IEEE binary16 and bfloat16 conversions done on bit patterns, so that they work on every
// platform (Swift's `Float16` is missing on macOS x86-64).

enum HalfPrecision {
    /// The Float whose value is the binary16 number with these bits (exact).
    static func float(fromHalfBits h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x03FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa * 2^-24, exact in Float.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
        }
    }

    /// The binary16 bits nearest to `value` (round to nearest, ties to even; overflow → ±inf).
    static func halfBits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x007F_FFFF
        if exponent == 0xFF {  // inf or NaN (keep NaN quiet and non-zero)
            return sign | 0x7C00 | (mantissa == 0 ? 0 : 0x0200 | UInt16(mantissa >> 13))
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 0x1F { return sign | 0x7C00 }
        if halfExponent <= 0 {
            // Subnormal half (or zero): shift the full significand into place with rounding.
            if halfExponent < -10 { return sign }
            let significand = mantissa | 0x0080_0000
            let shift = UInt32(14 - halfExponent)
            return sign | UInt16(roundShift(significand, by: shift))
        }
        // Normal: rounding may carry into the exponent, which the addition handles.
        let combined = UInt32(halfExponent) << 10 | (mantissa >> 13)
        let rounded = combined + roundingIncrement(mantissa, droppedBits: 13)
        return sign | UInt16(truncatingIfNeeded: rounded)
    }

    /// The Float value of bfloat16 bits (exact: bfloat16 is Float's upper half).
    static func float(fromBFloat16Bits b: UInt16) -> Float {
        Float(bitPattern: UInt32(b) << 16)
    }

    /// The bfloat16 bits nearest to `value` (round to nearest, ties to even).
    static func bfloat16Bits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(bits >> 16) | 0x0040 }
        return UInt16(truncatingIfNeeded: (bits >> 16) + roundingIncrement(bits, droppedBits: 16))
    }

    /// 1 when dropping the low `droppedBits` of `value` should round the kept bits up
    /// (round to nearest, ties to even), else 0.
    private static func roundingIncrement(_ value: UInt32, droppedBits: UInt32) -> UInt32 {
        let half = UInt32(1) << (droppedBits - 1)
        let dropped = value & ((UInt32(1) << droppedBits) - 1)
        let keptIsOdd = (value >> droppedBits) & 1
        return (dropped > half || (dropped == half && keptIsOdd == 1)) ? 1 : 0
    }

    private static func roundShift(_ value: UInt32, by shift: UInt32) -> UInt32 {
        (value >> shift) + roundingIncrement(value, droppedBits: shift)
    }
}
