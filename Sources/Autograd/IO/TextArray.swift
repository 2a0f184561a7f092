import Foundation

/// An array of strings, as numpy stores fixed-width text (`<U8`: UTF-32, `|S8`: bytes).
///
/// Data files mix a few of these with numbers (AMASS `.npz` archives keep `gender` as a `<U`
/// scalar), so `NPZFile` reads them into `texts` and `NPY` reads and writes them.
public struct TextArray: Equatable, Sendable {
    /// The extent of each axis; `[]` is a scalar (one string).
    public let shape: [Int]
    /// The strings in C order, trailing NUL padding removed.
    public let values: [String]

    /// Creates a text array; `values.count` must equal the product of `shape`.
    public init(_ values: [String], shape: [Int]) throws {
        guard let count = NDArray.elementCount(of: shape), count == values.count else {
            throw NDArrayError("text shape \(shape) does not hold \(values.count) strings")
        }
        self.values = values
        self.shape = shape
    }

    /// A one-dimensional text array.
    public init(_ values: [String]) {
        self.values = values
        self.shape = [values.count]
    }

    init(validatedValues values: [String], shape: [Int]) {
        self.values = values
        self.shape = shape
    }
}

/// How a numpy text dtype stores its characters.
enum NumpyTextEncoding: Equatable {
    /// `U`: `length` UTF-32 code units per element.
    case utf32(length: Int)
    /// `S`: `length` bytes per element.
    case bytes(length: Int)

    var elementWidth: Int {
        switch self {
        case .utf32(let length): return 4 * length
        case .bytes(let length): return length
        }
    }

    /// Decodes little-endian, C-ordered elements; nil when a UTF-32 unit is not a valid scalar.
    func decode(_ bytes: [UInt8], count: Int) -> [String]? {
        var strings: [String] = []
        strings.reserveCapacity(count)
        let width = elementWidth
        for element in 0..<count {
            let start = element * width
            switch self {
            case .utf32(let length):
                var scalars = String.UnicodeScalarView()
                var units: [UInt32] = (0..<length).map { unit in
                    let at = start + 4 * unit
                    return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                }
                while units.last == 0 { units.removeLast() }
                for unit in units {
                    guard let scalar = Unicode.Scalar(unit) else { return nil }
                    scalars.append(scalar)
                }
                strings.append(String(scalars))
            case .bytes:
                var slice = bytes[start..<(start + width)]
                while slice.last == 0 { slice.removeLast() }
                strings.append(String(decoding: slice, as: UTF8.self))
            }
        }
        return strings
    }
}
