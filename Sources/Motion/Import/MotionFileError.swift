/// A motion file that cannot be read or written, with where the problem is: the file, and the
/// line (text formats such as BVH) or the key (archives such as `.npz`).
public struct MotionFileError: Error, Equatable, CustomStringConvertible {
    /// Where in the file the problem was found.
    public enum Location: Equatable, Sendable {
        case file
        case line(Int)
        case key(String)
    }

    public var file: String
    public var location: Location
    public var message: String

    public init(file: String, _ location: Location, _ message: String) {
        self.file = file; self.location = location; self.message = message
    }

    /// An error about the file as a whole.
    public init(file: String, _ message: String) { self.init(file: file, .file, message) }

    public var description: String {
        switch location {
        case .file: return "\(file): \(message)"
        case let .line(n): return "\(file):\(n): \(message)"
        case let .key(k): return "\(file): key '\(k)': \(message)"
        }
    }
}
