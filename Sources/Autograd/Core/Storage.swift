/// A heap block of Float32 values shared by a tensor and its reshaped views.
///
/// Memory is owned here (not in a Swift array) so kernels work on raw pointers with no
/// copy-on-write checks, and so reshape can share the block without copying.
final class Storage {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    /// The allocated size (≥ count, ≥ 1), a `BufferPool` size class.
    let capacity: Int

    /// Allocates `count` uninitialised floats; callers must write every element.
    init(uninitialisedCount count: Int) {
        self.count = count
        capacity = BufferPool.capacity(for: count)
        pointer = BufferPool.shared.allocate(capacity: capacity)
    }

    /// Allocates `count` floats set to zero.
    convenience init(zeroedCount count: Int) {
        self.init(uninitialisedCount: count)
        fillParallel(pointer, count: count, with: 0)
    }

    deinit { BufferPool.shared.release(pointer, capacity: capacity) }
}
