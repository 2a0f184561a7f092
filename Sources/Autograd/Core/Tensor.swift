import Foundation

/// A contiguous, row-major Float32 array with an optional reverse-mode gradient.
///
/// Tensors are reference types: an op's output remembers its inputs (`parents`) and a closure
/// that turns the output's gradient into the inputs' gradients (micrograd style). When no input
/// requires a gradient, or inside `withNoGrad`, ops record nothing, so inference pays no tape cost.
///
/// Shape mismatches are programmer errors: they stop with a precondition message that names the
/// op and both shapes, e.g. `add: shapes [2, 3] and [4] do not broadcast`.
public final class Tensor {
    /// The extent of each dimension; `[]` is a scalar.
    public let shape: [Int]
    /// Number of elements (the product of `shape`).
    public let count: Int
    let storage: Storage

    /// Whether `backward()` should compute a gradient for this tensor.
    public var requiresGrad: Bool
    /// The accumulated gradient (same shape), filled by `backward()`.
    public var grad: Tensor?
    /// The op that made this tensor (for error messages and debugging); nil for leaves.
    public internal(set) var opName: String?

    var parents: [Tensor] = []
    /// Receives this tensor (whose `grad` is set) and adds into the parents' gradients.
    var backwardFn: ((Tensor) -> Void)?

    init(storage: Storage, shape: [Int], requiresGrad: Bool = false) {
        self.storage = storage
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.requiresGrad = requiresGrad
        precondition(count <= storage.count, "Tensor: shape \(shape) needs \(count) elements, storage has \(storage.count)")
    }

    /// A tensor whose elements the caller will all overwrite.
    convenience init(uninitialisedShape shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        self.init(storage: Storage(uninitialisedCount: shape.reduce(1, *)), shape: shape)
    }

    /// Creates a tensor from row-major `scalars`; `scalars.count` must equal the shape's product.
    public convenience init(_ scalars: [Float], shape: [Int], requiresGrad: Bool = false) {
        let n = shape.reduce(1, *)
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        precondition(n == scalars.count, "Tensor: \(scalars.count) scalars do not fill shape \(shape) (needs \(n))")
        self.init(uninitialisedShape: shape)
        scalars.withUnsafeBufferPointer { src in
            if n > 0 { storage.pointer.update(from: src.baseAddress!, count: n) }
        }
        self.requiresGrad = requiresGrad
    }

    /// A 1-D tensor of `scalars`.
    public convenience init(_ scalars: [Float]) {
        self.init(scalars, shape: [scalars.count])
    }

    /// A rank-0 tensor holding `value`.
    public convenience init(scalar value: Float) {
        self.init([value], shape: [])
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(storage: Storage(zeroedCount: shape.reduce(1, *)), shape: shape)
        t.requiresGrad = requiresGrad
        return t
    }

    /// A tensor with every element equal to `value`.
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialisedShape: shape)
        t.storage.pointer.update(repeating: value, count: t.count)
        t.requiresGrad = requiresGrad
        return t
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// The elements in row-major order (a copy).
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// The single element of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item: tensor of shape \(shape) has \(count) elements, not 1")
        return storage.pointer[0]
    }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// Read-only access to the elements without copying.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// Mutable access to the elements (for optimisers and loaders; never on a tensor inside a
    /// recorded graph, whose backward may still read it).
    public func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: storage.pointer, count: count))
    }

    /// A copy of the values with no graph history.
    public func detached() -> Tensor {
        let t = Tensor(uninitialisedShape: shape)
        t.storage.pointer.update(from: storage.pointer, count: count)
        return t
    }

    /// Overwrites this tensor's values with `other`'s (same element count); no graph.
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "assign: shapes \(shape) and \(other.shape) differ in size")
        storage.pointer.update(from: other.storage.pointer, count: count)
    }

    /// Resets the gradient to nil (gradients accumulate across `backward()` calls otherwise).
    public func zeroGrad() { grad = nil }

    var pointer: UnsafeMutablePointer<Float> { storage.pointer }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
    }
}
