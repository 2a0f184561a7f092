import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, memory-mapped (private, copy-on-write) so that large weight files load
/// without copying: arrays read from it reference the mapping, which stays alive while any of
/// them does. Replacing the file while it is mapped is safe (the old inode stays mapped);
/// truncating it in place is not (the kernel signals SIGBUS) — writers here replace atomically.
final class MappedFile: @unchecked Sendable {
    /// The mapped bytes (immutable for the object's lifetime, hence `@unchecked Sendable`).
    let bytes: UnsafeRawBufferPointer
    private let mappedLength: Int

    /// Maps `url`; throws an `ArrayFileError` naming the file when it cannot be opened or mapped.
    init(url: URL) throws {
        let name = url.lastPathComponent
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ArrayFileError(file: name, field: "file", problem: "cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ArrayFileError(file: name, field: "file", problem: "cannot read its size: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ArrayFileError(file: name, field: "file", problem: "\(url.path) is not a regular file")
        }
        let length = Int(status.st_size)
        mappedLength = length
        if length == 0 {
            // mmap rejects empty files; an empty buffer is the faithful view.
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        // Private and writable: a Data that ends up the sole owner of its bytes may be mutated
        // in place, which must change only this process's copy-on-write pages, never the file.
        guard let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw ArrayFileError(file: name, field: "file", problem: "cannot map \(length) bytes: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: length)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
        }
    }

    /// The bytes in `range` as `Data` that shares this mapping (no copy) and keeps it alive.
    func data(in range: Range<Int>) -> Data {
        guard !range.isEmpty, let base = bytes.baseAddress else { return Data() }
        let start = UnsafeMutableRawPointer(mutating: base + range.lowerBound)
        return Data(bytesNoCopy: start, count: range.count, deallocator: .custom { _, _ in
            withExtendedLifetime(self) {}
        })
    }
}
