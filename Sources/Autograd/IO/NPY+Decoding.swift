import Foundation

// Reading .npy: the header is checked field by field (magic, version, length, the dict's
// descr / fortran_order / shape) and the data size against the shape before any element is read.

extension NPY {
    /// What a .npy file holds: numbers or fixed-width text.
    enum Content {
        case numeric(NDArray)
        case text(TextArray)
    }

    /// The element type named by a header's `descr`.
    enum ElementKind: Equatable {
        case numeric(NDArray.DType)
        case text(NumpyTextEncoding)

        var width: Int {
            switch self {
            case .numeric(let dtype): return dtype.byteCount
            case .text(let encoding): return encoding.elementWidth
            }
        }

        /// The width of the units whose byte order `<`/`>` describes.
        var byteOrderUnit: Int {
            switch self {
            case .numeric(let dtype): return dtype.byteCount
            case .text(.utf32): return 4
            case .text(.bytes): return 1
            }
        }
    }

    static func decodeNumeric(bytes: UnsafeRawBufferPointer, fileName: String,
                              makeData: (Range<Int>) -> Data) throws -> NDArray {
        switch try decodeContent(bytes: bytes, fileName: fileName, makeData: makeData) {
        case .numeric(let array): return array
        case .text:
            throw ArrayFileError(file: fileName, field: "descr",
                                 problem: "holds text, not numbers; read it with NPY.readText / NPY.decodeText")
        }
    }

    static func decodeContent(bytes: UnsafeRawBufferPointer, fileName: String,
                              makeData: (Range<Int>) -> Data) throws -> Content {
        func fail(_ field: String, _ problem: String) -> ArrayFileError {
            ArrayFileError(file: fileName, field: field, problem: problem)
        }
        guard bytes.count >= 10, bytes.prefix(6).elementsEqual(magic) else {
            throw fail("magic", "the file does not start with \\x93NUMPY (not a .npy file, or empty)")
        }
        let (major, minor) = (bytes[6], bytes[7])
        let lengthFieldSize: Int
        switch major {
        case 1: lengthFieldSize = 2
        case 2, 3: lengthFieldSize = 4
        default: throw fail("version", "\(major).\(minor) is not a .npy version this reader knows (1.0, 2.0, 3.0)")
        }
        guard bytes.count >= 8 + lengthFieldSize else {
            throw fail("header length", "the file ends inside the header length field")
        }
        var declared = 0
        for index in (0..<lengthFieldSize).reversed() { declared = declared << 8 | Int(bytes[8 + index]) }
        let headerStart = 8 + lengthFieldSize
        guard declared <= bytes.count - headerStart else {
            throw fail("header length", "\(declared) exceeds the \(bytes.count - headerStart) bytes left in the file (truncated?)")
        }
        let dataStart = headerStart + declared
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[headerStart..<dataStart])
        // Versions 1 and 2 store the header as Latin-1, version 3 as UTF-8.
        let headerText: String
        if major == 3 {
            headerText = String(decoding: headerBytes, as: UTF8.self)
            guard headerText.utf8.elementsEqual(headerBytes) else { throw fail("header", "is not valid UTF-8") }
        } else {
            headerText = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        }
        let fields = try HeaderFields(headerText, fail: fail)

        guard let count = NDArray.elementCount(of: fields.shape),
              case (let byteCount, false) = count.multipliedReportingOverflow(by: fields.element.width) else {
            throw fail("shape", "\(fields.shape) has too many elements")
        }
        let available = bytes.count - dataStart
        guard available == byteCount else {
            let verdict = available < byteCount ? "truncated file?" : "trailing bytes after the data"
            throw fail("shape", "\(fields.shape) of '\(fields.descr)' needs \(byteCount) data bytes but the file holds \(available) (\(verdict))")
        }
        let dataRange = dataStart..<(dataStart + byteCount)
        switch fields.element {
        case .numeric(let dtype):
            var array = NDArray(validatedDType: dtype, shape: fields.shape, bytes: makeData(dataRange))
            if fields.bigEndian { array = array.byteSwapped() }
            if fields.fortranOrder { array = array.fromFortranOrder() }
            return .numeric(array)
        case .text(let encoding):
            var raw = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[dataRange]))
            if fields.bigEndian { raw = ElementLayout.byteSwapped(raw, unitWidth: fields.element.byteOrderUnit) }
            if fields.fortranOrder { raw = ElementLayout.fortranToC(raw, shape: fields.shape, width: encoding.elementWidth) }
            guard let strings = encoding.decode(raw, count: count) else {
                throw fail("data", "a '\(fields.descr)' element holds an invalid UTF-32 code unit")
            }
            return .text(TextArray(validatedValues: strings, shape: fields.shape))
        }
    }

    /// The three fields of a .npy header dict, validated.
    private struct HeaderFields {
        let descr: String
        let element: ElementKind
        let bigEndian: Bool
        let fortranOrder: Bool
        let shape: [Int]

        init(_ text: String, fail: (String, String) -> ArrayFileError) throws {
            let literal: PythonLiteral
            do {
                literal = try PythonLiteral.parse(text)
            } catch let error as PythonLiteralError {
                throw fail("header", "invalid dict literal at character \(error.offset): \(error.message)")
            }
            guard case .dict(let pairs) = literal else { throw fail("header", "expected a dict literal") }
            var values: [String: PythonLiteral] = [:]
            for (key, value) in pairs {
                guard case .string(let name) = key else { throw fail("header", "dict keys must be strings") }
                guard ["descr", "fortran_order", "shape"].contains(name) else {
                    throw fail("header", "unexpected key '\(name)' (a .npy header has descr, fortran_order and shape)")
                }
                values[name] = value
            }
            guard let descrValue = values["descr"] else { throw fail("descr", "missing") }
            guard case .string(let descr) = descrValue else {
                throw fail("descr", "structured dtypes are not supported; store plain numeric arrays")
            }
            guard let parsed = NPY.elementKind(fromDescr: descr) else {
                let hint = descr.hasSuffix("O") ? "object arrays hold pickled Python objects, which cannot be read without Python"
                    : "supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 b1, text U<n> and S<n>, little- or big-endian"
                throw fail("descr", "unsupported dtype '\(descr)' (\(hint))")
            }
            guard let orderValue = values["fortran_order"] else { throw fail("fortran_order", "missing") }
            guard case .bool(let fortranOrder) = orderValue else { throw fail("fortran_order", "expected True or False") }
            guard let shapeValue = values["shape"] else { throw fail("shape", "missing") }
            guard case .sequence(let extents) = shapeValue else { throw fail("shape", "expected a tuple of integers") }
            let shape: [Int] = try extents.map {
                guard case .integer(let extent) = $0, extent >= 0 else {
                    throw fail("shape", "expected non-negative integers")
                }
                return extent
            }
            self.descr = descr
            self.element = parsed.kind
            self.bigEndian = parsed.bigEndian
            self.fortranOrder = fortranOrder
            self.shape = shape
        }
    }

    /// The element kind and byte order of a numpy type string such as `<f4`, `>i8`, `|b1`, `<U6`.
    static func elementKind(fromDescr descr: String) -> (kind: ElementKind, bigEndian: Bool)? {
        var code = Substring(descr)
        var bigEndian = false
        if let order = code.first, "<>|=".contains(order) {
            bigEndian = order == ">"
            code = code.dropFirst()
        }
        let numeric: [Substring: NDArray.DType] = [
            "f2": .f16, "f4": .f32, "f8": .f64, "i1": .i8, "i2": .i16, "i4": .i32, "i8": .i64,
            "u1": .u8, "u2": .u16, "b1": .bool, "?": .bool,
        ]
        if let dtype = numeric[code] { return (.numeric(dtype), bigEndian && dtype.byteCount > 1) }
        // Text: U<n> (UTF-32) or S<n> (bytes), n ≥ 1 and small enough not to overflow sizes.
        guard let letter = code.first, letter == "U" || letter == "S",
              let length = Int(code.dropFirst()), length >= 1, length <= 1 << 24 else { return nil }
        return letter == "U" ? (.text(.utf32(length: length)), bigEndian) : (.text(.bytes(length: length)), false)
    }
}
