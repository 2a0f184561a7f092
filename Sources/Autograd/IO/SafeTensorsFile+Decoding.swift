import Foundation

// Reading safetensors: every field is checked before any byte is touched, so a corrupt or
// truncated file yields an ArrayFileError naming the file and the field, never a trap.

extension SafeTensorsFile {
    /// Reads the file at `url`. The file is memory-mapped and the arrays share the mapping, so
    /// loading costs one header parse regardless of the file's size.
    public init(contentsOf url: URL) throws {
        let mapped = try MappedFile(url: url)
        try self.init(bytes: mapped.bytes, fileName: url.lastPathComponent,
                      makeData: { mapped.data(in: $0) })
    }

    /// Decodes safetensors bytes held in memory; `fileName` names them in error messages.
    public init(data: Data, fileName: String = "<safetensors>") throws {
        self = try data.withUnsafeBytes { raw in
            try SafeTensorsFile(bytes: raw, fileName: fileName,
                                makeData: { Data(raw[$0]) })
        }
    }

    /// Decodes `bytes`; `makeData` turns a validated absolute byte range into an array's storage.
    init(bytes: UnsafeRawBufferPointer, fileName: String, makeData: (Range<Int>) -> Data) throws {
        func fail(_ field: String, _ problem: String) -> ArrayFileError {
            ArrayFileError(file: fileName, field: field, problem: problem)
        }
        guard bytes.count >= 8 else {
            throw fail("header length", "the file has \(bytes.count) bytes; a safetensors file starts with an 8-byte header length")
        }
        var declared: UInt64 = 0
        for index in (0..<8).reversed() { declared = declared << 8 | UInt64(bytes[index]) }
        guard declared <= UInt64(bytes.count - 8) else {
            throw fail("header length", "\(declared) exceeds the file size \(bytes.count) minus the 8-byte length field (truncated or not a safetensors file?)")
        }
        let headerLength = Int(declared)
        guard headerLength >= 2 else {
            throw fail("header length", "\(headerLength) is too short for a JSON object")
        }
        let dataStart = 8 + headerLength
        let dataSize = bytes.count - dataStart

        let header: HeaderJSON
        do {
            header = try HeaderJSON.parse(UnsafeRawBufferPointer(rebasing: bytes[8..<dataStart]))
        } catch let error as HeaderJSONError {
            throw fail("header", "invalid JSON at header byte \(error.offset): \(error.message)")
        }
        guard case .object(let entries) = header else {
            throw fail("header", "expected a JSON object, found \(header.kindName)")
        }

        var metadata: [String: String] = [:]
        var layouts: [SafeTensorsEntry] = []
        for (name, value) in entries {
            if name == "__metadata__" {
                metadata = try Self.decodeMetadata(value, fail: fail)
            } else {
                layouts.append(try SafeTensorsEntry(name: name, entry: value, dataSize: dataSize,
                                                fileSize: bytes.count, fail: fail))
            }
        }
        try Self.checkCoverage(layouts, dataSize: dataSize, fail: fail)

        var tensors: [String: NDArray] = [:]
        tensors.reserveCapacity(layouts.count)
        for layout in layouts {
            let range = (dataStart + layout.begin)..<(dataStart + layout.end)
            tensors[layout.name] = NDArray(validatedDType: layout.dtype, shape: layout.shape, bytes: makeData(range))
        }
        self.init(tensors: tensors, metadata: metadata, fileName: fileName)
    }

    private static func decodeMetadata(_ value: HeaderJSON,
                                       fail: (String, String) -> ArrayFileError) throws -> [String: String] {
        guard case .object(let pairs) = value else {
            throw fail("__metadata__", "expected an object of strings, found \(value.kindName)")
        }
        var metadata: [String: String] = [:]
        for (key, entry) in pairs {
            guard case .string(let text) = entry else {
                throw fail("__metadata__ '\(key)'", "expected a string, found \(entry.kindName)")
            }
            metadata[key] = text
        }
        return metadata
    }

    /// The reference format requires tensors to tile the data section exactly: sorted by
    /// offset, each starts where the previous ended and the last ends at the end of the file.
    private static func checkCoverage(_ layouts: [SafeTensorsEntry], dataSize: Int,
                                      fail: (String, String) -> ArrayFileError) throws {
        let ordered = layouts.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expectedBegin = 0
        var previous: SafeTensorsEntry?
        for layout in ordered {
            if layout.begin < expectedBegin, let previous {
                throw fail("tensor '\(layout.name)': data_offsets",
                           "[\(layout.begin), \(layout.end)] overlap tensor '\(previous.name)' at [\(previous.begin), \(previous.end)]")
            }
            if layout.begin > expectedBegin {
                throw fail("tensor '\(layout.name)': data_offsets",
                           "[\(layout.begin), \(layout.end)] leave the bytes \(expectedBegin)..<\(layout.begin) of the data section unused (tensors must be contiguous)")
            }
            expectedBegin = layout.end
            previous = layout
        }
        guard expectedBegin == dataSize else {
            throw fail("data section", "the tensors cover \(expectedBegin) bytes but the file holds \(dataSize) bytes after the header (trailing or missing data)")
        }
    }
}

/// One validated header entry: its dtype, shape and byte range relative to the data section.
struct SafeTensorsEntry {
    let name: String
    let dtype: NDArray.DType
    let shape: [Int]
    let begin: Int
    let end: Int

    init(name: String, entry: HeaderJSON, dataSize: Int, fileSize: Int,
         fail: (String, String) -> ArrayFileError) throws {
        let field = "tensor '\(name)'"
        guard case .object(let members) = entry else {
            throw fail(field, "expected an object with dtype, shape and data_offsets, found \(entry.kindName)")
        }
        func member(_ key: String) throws -> HeaderJSON {
            guard let value = members.first(where: { $0.key == key })?.value else {
                throw fail("\(field): \(key)", "missing")
            }
            return value
        }
        guard case .string(let dtypeName) = try member("dtype") else {
            throw fail("\(field): dtype", "expected a string such as \"F32\"")
        }
        guard let dtype = NDArray.DType(safetensorsName: dtypeName) else {
            let known = NDArray.DType.allCases.map(\.safetensorsName).joined(separator: ", ")
            throw fail("\(field): dtype", "unknown dtype '\(dtypeName)' (supported: \(known))")
        }
        let shape = try Self.integers(try member("shape"), field: "\(field): shape", fail: fail)
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw fail("\(field): shape", "\(shape) has a negative extent")
        }
        let offsets = try Self.integers(try member("data_offsets"), field: "\(field): data_offsets", fail: fail)
        guard offsets.count == 2 else {
            throw fail("\(field): data_offsets", "expected [begin, end], found \(offsets.count) numbers")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end else {
            throw fail("\(field): data_offsets", "[\(begin), \(end)] is not a valid range")
        }
        guard end <= dataSize else {
            throw fail("\(field): data_offsets", "[\(begin), \(end)] exceed the data size \(dataSize) (file size \(fileSize); truncated file?)")
        }
        guard let needed = NDArray.byteCount(of: shape, dtype: dtype) else {
            throw fail("\(field): shape", "\(shape) has too many elements")
        }
        guard needed == end - begin else {
            throw fail("\(field): shape", "\(shape) of \(dtypeName) needs \(needed) bytes but data_offsets [\(begin), \(end)] span \(end - begin)")
        }
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.begin = begin
        self.end = end
    }

    private static func integers(_ value: HeaderJSON, field: String,
                                 fail: (String, String) -> ArrayFileError) throws -> [Int] {
        guard case .array(let elements) = value else {
            throw fail(field, "expected an array of integers, found \(value.kindName)")
        }
        return try elements.map { element in
            guard case .integer(let number) = element else {
                throw fail(field, "expected integers, found \(element.kindName)\(Self.literal(element))")
            }
            return number
        }
    }

    private static func literal(_ value: HeaderJSON) -> String {
        if case .otherNumber(let text) = value { return " \(text)" }
        return ""
    }
}
