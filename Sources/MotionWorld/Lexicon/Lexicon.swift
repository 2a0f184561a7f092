import Foundation

/// Why a lexicon file cannot be used; every case names the file and the place in it.
public enum LexiconError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String, reason: String)
    case invalid(file: String, field: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read the lexicon: \(reason)"
        case let .invalid(file, field, reason): return "\(file): \(field): \(reason)"
        }
    }
}

/// Words for video-style captions (the paper's Fig. 12: camera, subject and scene around the
/// motion content).
public struct VideoVocabulary: Sendable, Codable, Equatable {
    public var subjects: [String]
    public var scenes: [String]
    public var cameras: [String]
}

/// A named optical-MoCap data set of the extended source and the categories it recorded.
public struct MocapDataset: Sendable, Codable, Equatable {
    public var name: String
    public var categories: [String]
}

/// The action lexicon: actions, style adverbs, caption vocabularies and the extended
/// data sets, all kept as data in `lexicon.json` (the module's resource).
public struct Lexicon: Sendable, Codable, Equatable {
    public var actions: [ActionSpec] { didSet { index = Self.index(of: actions) } }
    public var styles: [StyleSpec]
    public var video: VideoVocabulary
    public var datasets: [MocapDataset]
    /// Named poses (channel → degrees) that programs start from or pass through.
    public var poses: [String: [String: Float]]
    /// Action ids to positions in `actions` (kept in step with it; every take looks actions up).
    private var index: [String: Int] = [:]

    enum CodingKeys: String, CodingKey { case actions, styles, video, datasets, poses }

    /// The lexicon shipped with the module (validated once).
    public static let standard: Lexicon = {
        guard let url = Bundle.module.url(forResource: "lexicon", withExtension: "json") else {
            fatalError("MotionWorld: lexicon.json is missing from the module's resources (a packaging error)")
        }
        do { return try Lexicon(contentsOf: url) } catch { fatalError("MotionWorld: the shipped lexicon is invalid: \(error)") }
    }()

    /// Reads and validates a lexicon file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LexiconError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        try self.init(json: data, file: url.lastPathComponent)
    }

    /// Decodes and validates lexicon JSON; `file` names it in errors.
    public init(json: Data, file: String = "lexicon.json") throws {
        do { self = try JSONDecoder().decode(Lexicon.self, from: json) } catch let DecodingError.keyNotFound(key, context) {
            throw LexiconError.invalid(file: file, field: Self.path(context.codingPath + [key]), reason: "missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw LexiconError.invalid(file: file, field: Self.path(context.codingPath), reason: context.debugDescription)
        } catch let DecodingError.valueNotFound(_, context) {
            throw LexiconError.invalid(file: file, field: Self.path(context.codingPath), reason: "null where a value is needed")
        } catch let DecodingError.dataCorrupted(context) {
            throw LexiconError.invalid(file: file, field: Self.path(context.codingPath), reason: context.debugDescription)
        } catch {
            throw LexiconError.unreadable(file: file, reason: "\(error)")
        }
        index = Self.index(of: actions)
        try validate(file: file)
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    /// The action with this id.
    public func action(_ id: String) -> ActionSpec? { index[id].map { actions[$0] } }

    /// Actions of one tier, in file order.
    public func actions(in tier: Tier) -> [ActionSpec] { actions.filter { $0.tier == tier } }

    private static func index(of actions: [ActionSpec]) -> [String: Int] {
        Dictionary(actions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func validate(file: String) throws {
        func bad(_ field: String, _ reason: String) -> LexiconError { .invalid(file: file, field: field, reason: reason) }
        var seen = Set<String>()
        for (i, a) in actions.enumerated() {
            let at = "actions[\(i)] (\(a.id))"
            guard seen.insert(a.id).inserted else { throw bad(at, "duplicate id") }
            guard !a.verbs.isEmpty else { throw bad("\(at).verbs", "needs at least one verb phrase") }
            guard !a.rare.isEmpty else { throw bad("\(at).rare", "needs at least one rare paraphrase") }
            switch a.engine {
            case .gait:
                guard let g = a.gait else { throw bad("\(at).gait", "engine gait needs a gait block") }
                guard g.speed >= 0, g.cadence > 0, g.duty > 0.2, g.duty < 0.9 else {
                    throw bad("\(at).gait", "speed ≥ 0, cadence > 0 and duty in (0.2, 0.9) are required")
                }
                for d in g.dirs ?? [] where !GaitDirection.names.contains(d) {
                    throw bad("\(at).gait.dirs", "unknown direction \"\(d)\" (use \(GaitDirection.names.sorted().joined(separator: ", ")))")
                }
                try checkChannels(g.pose ?? [:], "\(at).gait.pose", bad)
                try checkPose(g.basePose, "\(at).gait.basePose", bad)
            case .keys:
                guard let k = a.keys else { throw bad("\(at).keys", "engine keys needs a keys block") }
                guard k.period > 0 else { throw bad("\(at).keys.period", "must be positive") }
                if let r = k.reps, r.count != 2 || r[0] < 1 || r[1] < r[0] { throw bad("\(at).keys.reps", "must be [min, max] with 1 ≤ min ≤ max") }
                try checkChannels(k.base ?? [:], "\(at).keys.base", bad)
                try checkPose(k.basePose, "\(at).keys.basePose", bad)
                var last: Float = -1
                for (n, key) in (k.keys ?? []).enumerated() {
                    guard key.t > last, key.t <= 1 else { throw bad("\(at).keys.keys[\(n)].t", "times must increase within 0…1") }
                    last = key.t
                    try checkChannels(key.set ?? [:], "\(at).keys.keys[\(n)].set", bad)
                    try checkPose(key.pose, "\(at).keys.keys[\(n)].pose", bad)
                }
                for (name, o) in k.osc ?? [:] {
                    guard PoseChannel.byName[name] != nil else { throw bad("\(at).keys.osc", "unknown channel \"\(name)\"") }
                    guard o.count == 3 else { throw bad("\(at).keys.osc.\(name)", "needs [amplitude, phase, cycles]") }
                }
                if let f = k.flight, f.count % 2 != 0 || f.isEmpty || f.first! < 0 || f.last! > 1
                    || zip(f, f.dropFirst()).contains(where: { $0 >= $1 }) {
                    throw bad("\(at).keys.flight", "must be pairs [start, end, …] increasing within 0…1")
                }
            }
        }
        for (i, s) in styles.enumerated() {
            guard s.tempo > 0, s.amplitude > 0, !s.words.isEmpty else { throw bad("styles[\(i)] (\(s.id))", "needs words and positive tempo and amplitude") }
            try checkChannels(s.posture ?? [:], "styles[\(i)].posture", bad)
        }
        for (name, pose) in poses { try checkChannels(pose, "poses.\(name)", bad) }
        let categories = Set(actions.map(\.category))
        for (i, d) in datasets.enumerated() {
            for c in d.categories where !categories.contains(c) { throw bad("datasets[\(i)] (\(d.name))", "unknown category \"\(c)\"") }
        }
    }

    private func checkPose(_ name: String?, _ field: String, _ bad: (String, String) -> LexiconError) throws {
        guard let name else { return }
        guard poses[name] != nil else { throw bad(field, "unknown pose \"\(name)\" (poses: \(poses.keys.sorted().joined(separator: ", ")))") }
    }

    private func checkChannels(_ values: [String: Float], _ field: String, _ bad: (String, String) -> LexiconError) throws {
        for name in values.keys where PoseChannel.byName[name] == nil {
            throw bad(field, "unknown channel \"\(name)\" (channels: \(PoseChannel.allCases.map(\.name).joined(separator: ", ")))")
        }
    }
}
