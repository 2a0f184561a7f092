import Foundation

/// Keeps freed large float blocks, by size class, for reuse.
///
/// A training step allocates the same activation and gradient sizes every step; without reuse
/// each large block comes fresh from the kernel (glibc maps blocks this large with mmap) and
/// every page faults in again, zero-filled. Sizes are rounded up to four classes per power of
/// two, so a block serves any request of its class; untouched tail pages never become resident.
/// At most `limitBytes` are cached, so the pool cannot grow memory beyond that.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool()

    /// Blocks below this many floats (64 KiB) go straight to malloc, which caches them itself.
    static let minimumCount = 16_384
    /// The most the pool keeps cached: 1 GiB, or an eighth of the machine's memory if less.
    /// A small-preset training step frees about 500 MB of activations and gradients at its
    /// end; a 256 MB cap sent half of them back to the kernel each step, and faulting them in
    /// again cost 8 % of the step (vimogen-train 280 → 258 ms with the larger cache).
    static let limitBytes = Int(Swift.min(UInt64(1 << 30), ProcessInfo.processInfo.physicalMemory / 8))

    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var cachedBytes = 0
    private let lock = NSLock()

    /// The capacity actually allocated for a request of `count` floats.
    static func capacity(for count: Int) -> Int {
        guard count >= minimumCount else { return Swift.max(count, 1) }
        let unit = 1 << (Int.bitWidth - 1 - count.leadingZeroBitCount - 2)
        return (count + unit - 1) / unit * unit
    }

    /// A block of exactly `capacity` floats (uninitialised), reused when one is cached.
    func allocate(capacity: Int) -> UnsafeMutablePointer<Float> {
        if capacity >= BufferPool.minimumCount {
            lock.lock()
            let reused = free[capacity]?.popLast()
            if reused != nil { cachedBytes -= capacity * 4 }
            lock.unlock()
            if let reused { return reused }
        }
        return UnsafeMutablePointer<Float>.allocate(capacity: capacity)
    }

    /// Returns a block from `allocate(capacity:)`; cached when large and under the limit.
    func release(_ pointer: UnsafeMutablePointer<Float>, capacity: Int) {
        if capacity >= BufferPool.minimumCount {
            lock.lock()
            let keep = cachedBytes + capacity * 4 <= BufferPool.limitBytes
            if keep {
                free[capacity, default: []].append(pointer)
                cachedBytes += capacity * 4
            }
            lock.unlock()
            if keep { return }
        }
        pointer.deallocate()
    }
}
