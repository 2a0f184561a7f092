/// A problem in an MBench JSON file, naming the file, the entry and the key.
public struct MBenchFormatError: Error, Equatable, CustomStringConvertible {
    /// The file (its path or a name given by the caller).
    public var file: String
    /// Index of the entry in the top-level array, if the problem is inside one.
    public var entry: Int?
    /// The key concerned, if any.
    public var key: String?
    /// What is wrong and, where possible, how to fix it.
    public var problem: String

    public init(file: String, entry: Int? = nil, key: String? = nil, problem: String) {
        self.file = file; self.entry = entry; self.key = key; self.problem = problem
    }

    public var description: String {
        var place = file
        if let entry { place += ": entry \(entry)" }
        if let key { place += ": '\(key)'" }
        return "\(place): \(problem)"
    }
}
