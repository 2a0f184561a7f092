/// An opaque value a builtin returns: a dataset, model, judge, motions, scores, a tracker run.
/// Lab's types conform through small wrappers; the language only needs these members.
public protocol Handle {
    /// The type as recipes and messages name it (`Dataset`, `Model`); parameter types refer to it.
    var typeName: String { get }
    /// One line for printing, e.g. `core mocap, 1200 clips (cache 3fa2…)`.
    var summary: String { get }
    /// A stable identity (a cache key or run id): equality, and the inputs of a step's key.
    var identity: String { get }
    /// The fields `handle.name` can read, for completion and did-you-mean.
    var fieldNames: [String] { get }
    /// Reads a field; nil when there is no such field.
    func field(_ name: String) -> Value?
}

extension Handle {
    public var fieldNames: [String] { [] }
    public func field(_ name: String) -> Value? { nil }
}

/// What `--plan` puts where a step that would run has not: the step's result type, and which
/// step will make it. Anything computed from a planned value is planned too.
public struct PlannedValue: Handle {
    public let typeName: String
    /// "train at t.rx:6:7".
    public let producer: String
    public var summary: String { "planned, made by \(producer)" }
    public var identity: String { "planned:\(producer)" }

    public init(typeName: String, producer: String) {
        self.typeName = typeName
        self.producer = producer
    }

    /// Reading a field of a planned value gives a planned value of unknown type.
    public func field(_ name: String) -> Value? {
        .handle(PlannedValue(typeName: "any", producer: producer))
    }
}
