/// A named parameter: its stable dotted name (the checkpoint key) and its tensor.
public typealias NamedParameter = (name: String, tensor: Tensor)

/// Anything with trainable parameters. Layers are classes with `callAsFunction`; containers list
/// their children's parameters under a prefix (`blocks.0.attention.qkv.weight`), so names are
/// stable across runs and become checkpoint keys.
public protocol Module: AnyObject {
    /// Every parameter under its dotted name, in a fixed order.
    var namedParameters: [NamedParameter] { get }
}

extension Module {
    /// The parameter tensors in `namedParameters` order.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// The total number of scalars over all parameters.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }

    /// Clears every parameter's gradient.
    public func zeroGrad() { for p in parameters { p.grad = nil } }

    /// Copies values from `state` (name → tensor); every parameter must be present with the
    /// same shape. Throws naming the missing or mismatched key.
    public func load(_ state: [String: Tensor]) throws {
        for (name, tensor) in namedParameters {
            guard let source = state[name] else { throw ModuleLoadError.missing(key: name) }
            guard source.shape == tensor.shape else {
                throw ModuleLoadError.shapeMismatch(key: name, expected: tensor.shape, found: source.shape)
            }
            tensor.assign(source)
        }
    }
}

/// A parameter set that could not be loaded into a module.
public enum ModuleLoadError: Error, CustomStringConvertible, Equatable {
    case missing(key: String)
    case shapeMismatch(key: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missing(let key): return "parameter '\(key)' is missing from the loaded weights"
        case .shapeMismatch(let key, let expected, let found):
            return "parameter '\(key)' has shape \(found) in the loaded weights, the model expects \(expected)"
        }
    }
}

extension Array where Element == NamedParameter {
    /// The same parameters with `prefix.` prepended to each name.
    public func prefixed(_ prefix: String) -> [NamedParameter] {
        map { (name: prefix + "." + $0.name, tensor: $0.tensor) }
    }
}

/// A parameter tensor: requires a gradient from the start.
func parameter(_ t: Tensor) -> Tensor {
    t.requiresGrad = true
    return t
}
