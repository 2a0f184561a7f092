import Foundation

/// A file that cannot be read as the array format it claims to be.
///
/// The message names the file, the field that is wrong and what was found, e.g.
/// `model.safetensors: tensor 'w': data_offsets [0, 4096] exceed the data size 1024`.
public struct ArrayFileError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// The file's name (its last path component), or the name given to an in-memory decode.
    public let file: String
    /// The field, key or part of the file that is wrong (`"header length"`, `"tensor 'w': dtype"`).
    public let field: String
    /// What is wrong with it, and where possible how to fix it.
    public let problem: String

    public init(file: String, field: String, problem: String) {
        self.file = file
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(file): \(field): \(problem)" }
    public var errorDescription: String? { description }
}

/// An `NDArray` that cannot be built or converted as asked (shape/value count mismatch,
/// a value that does not fit the requested type, a dtype a format cannot store).
public struct NDArrayError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// What went wrong, naming the shapes, dtypes or element index involved.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
    public var errorDescription: String? { message }
}
