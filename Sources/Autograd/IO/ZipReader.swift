import Foundation
import ZIPFoundation

/// A strict reader of zip archives held in memory, for `.npz`.
///
/// ZIPFoundation's reader assumes well-formed input (a corrupt offset makes it trap), so the
/// structure is parsed here with every offset and length checked against the buffer; only
/// deflate decompression and CRC-32 are delegated to ZIPFoundation, fed in a way that cannot
/// read past the compressed data. Sizes and checksums come from the central directory, so
/// members written with data descriptors or zip64 extra fields (Python's `zipfile`) read too.
struct ZipReader {
    /// One file in the archive, located and validated but not yet decompressed.
    struct Member {
        let path: String
        let method: UInt16
        let crc32: UInt32
        let compressedRange: Range<Int>
        let uncompressedSize: Int
    }

    let members: [Member]
    private let bytes: Data

    /// Parses the archive's directory; throws a `ZipProblem` describing the first inconsistency.
    init(_ data: Data) throws {
        bytes = data.startIndex == 0 ? data : Data(data)
        members = try bytes.withUnsafeBytes { try Self.parseDirectory(ByteView($0)) }
    }

    /// The member's uncompressed bytes, checked against the directory's size and CRC-32.
    func contents(of member: Member) throws -> Data {
        let compressed = bytes[member.compressedRange]
        let output: Data
        switch member.method {
        case 0:
            guard compressed.count == member.uncompressedSize else {
                throw ZipProblem("stored member '\(member.path)' has \(compressed.count) bytes but its directory entry says \(member.uncompressedSize)")
            }
            output = Data(compressed)
        case 8:
            output = try Self.inflate(compressed, expectedSize: member.uncompressedSize, path: member.path)
        default:
            throw ZipProblem("member '\(member.path)' uses compression method \(member.method); only stored (0) and deflate (8) are supported")
        }
        guard output.crc32(checksum: 0) == member.crc32 else {
            throw ZipProblem("member '\(member.path)' does not match its CRC-32 checksum (corrupt data)")
        }
        return output
    }

    private static let chunkSize = 1 << 16

    /// Inflates raw deflate data. ZIPFoundation's decoder always reads a full chunk, so chunks
    /// are zero-padded to full size, and asking for data past the end (a truncated stream)
    /// throws instead of looping.
    private static func inflate(_ compressed: Data, expectedSize: Int, path: String) throws -> Data {
        let source = Data(compressed)
        var output = Data()
        output.reserveCapacity(expectedSize)
        do {
            _ = try Data.decompress(size: Int64(source.count), bufferSize: chunkSize, skipCRC32: true,
                                    provider: { position, size in
                let start = Int(position)
                guard start < source.count else { throw ZipProblem("deflate stream of '\(path)' ends early (truncated)") }
                var chunk = source.subdata(in: start..<min(source.count, start + size))
                if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                return chunk
            }, consumer: { piece in
                guard output.count + piece.count <= expectedSize else {
                    throw ZipProblem("member '\(path)' inflates to more than the \(expectedSize) bytes its directory entry says")
                }
                output.append(piece)
            })
        } catch let problem as ZipProblem {
            throw problem
        } catch {
            throw ZipProblem("member '\(path)' holds invalid deflate data")
        }
        guard output.count == expectedSize else {
            throw ZipProblem("member '\(path)' inflates to \(output.count) bytes but its directory entry says \(expectedSize)")
        }
        return output
    }

    // Zip record signatures (APPNOTE.TXT §4.3).
    private static let endOfDirectorySignature: UInt32 = 0x0605_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let directorySignature: UInt32 = 0x0201_4B50
    private static let localHeaderSignature: UInt32 = 0x0403_4B50

    private static func parseDirectory(_ view: ByteView) throws -> [Member] {
        let end = try findEndOfDirectory(view)
        var entryCount = Int(try view.u16(end + 10))
        var directorySize = Int(try view.u32(end + 12))
        var directoryOffset = Int(try view.u32(end + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // zip64: a locator just before the end record points at the zip64 end record.
            let locator = end - 20
            guard locator >= 0, try view.u32(locator) == zip64LocatorSignature else {
                throw ZipProblem("zip64 sizes are used but the zip64 locator is missing")
            }
            let record = try view.int(u64At: locator + 8, field: "zip64 end record offset")
            guard try view.u32(record) == zip64EndSignature else { throw ZipProblem("zip64 end record not found at offset \(record)") }
            entryCount = try view.int(u64At: record + 32, field: "zip64 entry count")
            directorySize = try view.int(u64At: record + 40, field: "zip64 directory size")
            directoryOffset = try view.int(u64At: record + 48, field: "zip64 directory offset")
        }
        guard directoryOffset <= view.count, directorySize <= view.count - directoryOffset else {
            throw ZipProblem("central directory [\(directoryOffset), +\(directorySize)] lies outside the \(view.count)-byte file (truncated?)")
        }
        guard entryCount <= directorySize / 46 else {
            throw ZipProblem("\(entryCount) entries cannot fit a \(directorySize)-byte central directory")
        }
        var members: [Member] = []
        var cursor = directoryOffset
        for _ in 0..<entryCount {
            let (member, next) = try parseDirectoryEntry(view, at: cursor, directoryEnd: directoryOffset + directorySize)
            if let member { members.append(member) }
            cursor = next
        }
        return members
    }

    private static func findEndOfDirectory(_ view: ByteView) throws -> Int {
        guard view.count >= 22 else { throw ZipProblem("\(view.count) bytes is too short for a zip archive") }
        // The end record is 22 bytes plus a comment of up to 65535 bytes, so search backwards.
        let lowest = max(0, view.count - 22 - 0xFFFF)
        var offset = view.count - 22
        while offset >= lowest {
            if try view.u32(offset) == endOfDirectorySignature,
               Int(try view.u16(offset + 20)) == view.count - offset - 22 {
                return offset
            }
            offset -= 1
        }
        throw ZipProblem("not a zip archive (no end-of-central-directory record; truncated?)")
    }

    /// Parses one central-directory entry; returns nil for directories.
    private static func parseDirectoryEntry(_ view: ByteView, at offset: Int, directoryEnd: Int) throws -> (Member?, Int) {
        guard offset + 46 <= directoryEnd, try view.u32(offset) == directorySignature else {
            throw ZipProblem("central directory entry at offset \(offset) is missing or corrupt")
        }
        let flags = try view.u16(offset + 8)
        let method = try view.u16(offset + 10)
        let crc = try view.u32(offset + 16)
        var compressedSize = Int(try view.u32(offset + 20))
        var uncompressedSize = Int(try view.u32(offset + 24))
        let nameLength = Int(try view.u16(offset + 28))
        let extraLength = Int(try view.u16(offset + 30))
        let commentLength = Int(try view.u16(offset + 32))
        var localOffset = Int(try view.u32(offset + 42))
        let next = offset + 46 + nameLength + extraLength + commentLength
        guard next <= directoryEnd else { throw ZipProblem("central directory entry at offset \(offset) runs past the directory") }
        let path = try view.text(offset + 46, count: nameLength)
        guard flags & 1 == 0 else { throw ZipProblem("member '\(path)' is encrypted") }

        // zip64 extra field (id 1): the 64-bit values of the fields saturated at 0xFFFFFFFF, in order.
        var extra = offset + 46 + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let id = try view.u16(extra), size = Int(try view.u16(extra + 2))
            guard extra + 4 + size <= extraEnd else { throw ZipProblem("member '\(path)' has a malformed extra field") }
            if id == 1 {
                var field = extra + 4
                func take(_ value: inout Int, _ name: String, limit: Int? = nil) throws {
                    guard value == 0xFFFF_FFFF else { return }
                    guard field + 8 <= extra + 4 + size else { throw ZipProblem("member '\(path)': zip64 field lacks its \(name)") }
                    value = try view.int(u64At: field, field: "member '\(path)' \(name)", limit: limit)
                    field += 8
                }
                try take(&uncompressedSize, "uncompressed size", limit: Int.max >> 12)
                try take(&compressedSize, "compressed size")
                try take(&localOffset, "local header offset")
            }
            extra += 4 + size
        }
        if path.hasSuffix("/") { return (nil, next) }

        guard localOffset <= view.count - 30, try view.u32(localOffset) == localHeaderSignature else {
            throw ZipProblem("member '\(path)': local header at offset \(localOffset) is missing or outside the file")
        }
        let dataStart = localOffset + 30 + Int(try view.u16(localOffset + 26)) + Int(try view.u16(localOffset + 28))
        guard dataStart <= view.count, compressedSize <= view.count - dataStart else {
            throw ZipProblem("member '\(path)': \(compressedSize) data bytes at offset \(dataStart) exceed the \(view.count)-byte file (truncated?)")
        }
        // Deflate expands at most 1032:1; a larger claim is corruption (and would be allocated).
        guard uncompressedSize <= compressedSize * 1032 + 1024 else {
            throw ZipProblem("member '\(path)' claims \(uncompressedSize) bytes from \(compressedSize) compressed bytes (corrupt sizes)")
        }
        let member = Member(path: path, method: method, crc32: crc,
                            compressedRange: dataStart..<(dataStart + compressedSize), uncompressedSize: uncompressedSize)
        return (member, next)
    }
}

/// A structural problem in a zip archive (the caller adds the file name).
struct ZipProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Bounds-checked little-endian reads from a byte buffer.
private struct ByteView {
    let raw: UnsafeRawBufferPointer
    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }
    var count: Int { raw.count }

    private func check(_ offset: Int, _ width: Int) throws {
        guard offset >= 0, offset <= raw.count - width else {
            throw ZipProblem("a \(width)-byte field at offset \(offset) lies outside the \(raw.count)-byte file (truncated?)")
        }
    }

    private func value(_ offset: Int, _ width: Int) throws -> UInt64 {
        try check(offset, width)
        var result: UInt64 = 0
        for index in (0..<width).reversed() { result = result << 8 | UInt64(raw[offset + index]) }
        return result
    }

    func u16(_ offset: Int) throws -> UInt16 { UInt16(try value(offset, 2)) }
    func u32(_ offset: Int) throws -> UInt32 { UInt32(try value(offset, 4)) }

    /// A 64-bit size or offset, at most `limit` (the file size unless stated).
    func int(u64At offset: Int, field: String, limit: Int? = nil) throws -> Int {
        let number = try value(offset, 8)
        let bound = limit ?? raw.count
        guard number <= UInt64(bound) else { throw ZipProblem("\(field) \(number) exceeds \(limit == nil ? "the file size" : "the limit") \(bound)") }
        return Int(number)
    }

    func text(_ offset: Int, count: Int) throws -> String {
        try check(offset, count)
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]), as: UTF8.self)
    }
}
