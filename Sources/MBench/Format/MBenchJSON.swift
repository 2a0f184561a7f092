import Foundation

/// Reads and writes the official MBench JSON: a top-level array with one object per
/// (dimension, prompt) — `prompt`, `dimension`, `id`, `category`, `motion_duration`,
/// `auxiliary_info` (ARCHITECTURE §6), plus the World suites' optional `action_id` — and per-prompt results in the same layout with
/// `score`, `status`, `judge_choice` and `generated_frames` added. Unknown keys are ignored on
/// reading, so the official list drops in unchanged.
public enum MBenchJSON {
    /// The prompt list in `url`.
    public static func readPrompts(from url: URL) throws -> [MBenchPrompt] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MBenchFormatError(file: url.path, problem: "cannot read the file (\(error.localizedDescription))")
        }
        return try decodePrompts(data, fileName: url.path)
    }

    /// The prompt list in `data`; errors name `fileName`.
    public static func decodePrompts(_ data: Data, fileName: String) throws -> [MBenchPrompt] {
        try entries(data, fileName: fileName).enumerated().map { index, object in
            try prompt(object, file: fileName, entry: index)
        }
    }

    /// Per-prompt results read back from `data` (as written by `encodeResults`).
    public static func decodeResults(_ data: Data, fileName: String) throws -> [MBenchPromptResult] {
        try entries(data, fileName: fileName).enumerated().map { index, object in
            let entry = try prompt(object, file: fileName, entry: index)
            let fail = { (key: String, problem: String) in MBenchFormatError(file: fileName, entry: index, key: key, problem: problem) }
            let statusText = try optionalString(object["status"], fail: { fail("status", $0) }) ?? "scored"
            guard let status = MBenchPromptResult.Status(rawValue: statusText) else {
                throw fail("status", "'\(statusText)' is not one of scored, not_applicable")
            }
            var score: Double?
            if let value = object["score"], !(value is NSNull) {
                guard let number = value as? NSNumber, !isBoolean(value) else { throw fail("score", "expected a number or null") }
                score = number.doubleValue
            }
            let choice = try optionalString(object["judge_choice"], fail: { fail("judge_choice", $0) })
            let frames = try optionalInt(object["generated_frames"], fail: { fail("generated_frames", $0) })
            return MBenchPromptResult(entry: entry, score: score, status: status, judgeChoice: choice, generatedFrames: frames)
        }
    }

    /// The prompt list as JSON (keys sorted, two-space indentation, one entry per object).
    public static func encodePrompts(_ prompts: [MBenchPrompt]) throws -> Data {
        try serialise(prompts.map(object(of:)))
    }

    /// Per-prompt results as JSON in the prompt list's layout.
    public static func encodeResults(_ results: [MBenchPromptResult]) throws -> Data {
        try serialise(results.map { result in
            var object = self.object(of: result.entry)
            // JSON has no NaN: a non-finite score is written as null and said so.
            object["score"] = result.score.flatMap { $0.isFinite ? $0 as Any : nil } ?? NSNull()
            if let score = result.score, !score.isFinite { object["score_note"] = "not finite (\(score))" }
            object["status"] = result.status.rawValue
            if let choice = result.judgeChoice { object["judge_choice"] = choice }
            if let frames = result.generatedFrames { object["generated_frames"] = frames }
            return object
        })
    }

    /// Writes `data` to `url`, naming the file on failure.
    public static func write(_ data: Data, to url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw MBenchFormatError(file: url.path, problem: "cannot write the file (\(error.localizedDescription))")
        }
    }

    // MARK: Decoding helpers

    static func entries(_ data: Data, fileName: String) throws -> [[String: Any]] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw MBenchFormatError(file: fileName, problem: "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription))")
        }
        guard let array = root as? [Any] else {
            throw MBenchFormatError(file: fileName, problem: "expected a top-level array of prompt objects")
        }
        return try array.enumerated().map { index, element in
            guard let object = element as? [String: Any] else {
                throw MBenchFormatError(file: fileName, entry: index, problem: "expected an object")
            }
            return object
        }
    }

    static func prompt(_ object: [String: Any], file: String, entry: Int) throws -> MBenchPrompt {
        let fail = { (key: String, problem: String) in MBenchFormatError(file: file, entry: entry, key: key, problem: problem) }
        guard let text = object["prompt"] as? String else { throw fail("prompt", object["prompt"] == nil ? "missing" : "expected a string") }
        guard let dimensionName = object["dimension"] as? String else {
            throw fail("dimension", object["dimension"] == nil ? "missing" : "expected a string")
        }
        guard let dimension = MBenchDimension(rawValue: dimensionName) else {
            let names = MBenchDimension.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("dimension", "'\(dimensionName)' is not one of \(names)")
        }
        let id: MBenchPromptID
        switch object["id"] {
        case let n as NSNumber where !isBoolean(n) && n.doubleValue == n.doubleValue.rounded():
            id = .number(n.intValue)
        case let s as String: id = .text(s)
        case nil: throw fail("id", "missing")
        default: throw fail("id", "expected an integer or a string")
        }
        let category = try optionalString(object["category"], fail: { fail("category", $0) }) ?? ""
        let duration = try optionalInt(object["motion_duration"], fail: { fail("motion_duration", $0) })
        if let duration, duration <= 0 { throw fail("motion_duration", "\(duration) frames; expected a positive count (officially 60–200)") }
        var auxiliary: [String] = []
        if let value = object["auxiliary_info"], !(value is NSNull) {
            guard let labels = value as? [Any], labels.allSatisfy({ $0 is String }) else {
                throw fail("auxiliary_info", "expected a list of distractor labels (strings)")
            }
            auxiliary = labels as! [String]
        }
        if dimension == .motionConditionConsistency && auxiliary.isEmpty {
            throw fail("auxiliary_info", "a Motion_Condition_Consistency entry needs its distractor labels")
        }
        let action = try optionalString(object["action_id"], fail: { fail("action_id", $0) })
        return MBenchPrompt(prompt: text, dimension: dimension, id: id, category: category,
                            motionDuration: duration, auxiliaryInfo: auxiliary, actionID: action)
    }

    static func optionalString(_ value: Any?, fail: (String) -> MBenchFormatError) throws -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let s = value as? String else { throw fail("expected a string") }
        return s
    }

    static func optionalInt(_ value: Any?, fail: (String) -> MBenchFormatError) throws -> Int? {
        guard let value, !(value is NSNull) else { return nil }
        guard let n = value as? NSNumber, !isBoolean(value), n.doubleValue == n.doubleValue.rounded() else {
            throw fail("expected a whole number")
        }
        return n.intValue
    }

    /// JSON true/false (Foundation bridges them to NSNumber, and `is Bool` matches 0 and 1 too).
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    // MARK: Encoding helpers

    static func object(of entry: MBenchPrompt) -> [String: Any] {
        var object: [String: Any] = ["prompt": entry.prompt, "dimension": entry.dimension.rawValue,
                                     "category": entry.category]
        switch entry.id {
        case .number(let n): object["id"] = n
        case .text(let s): object["id"] = s
        }
        object["motion_duration"] = entry.motionDuration.map { $0 as Any } ?? NSNull()
        if !entry.auxiliaryInfo.isEmpty { object["auxiliary_info"] = entry.auxiliaryInfo }
        if let action = entry.actionID { object["action_id"] = action }
        return object
    }

    static func serialise(_ objects: [[String: Any]]) throws -> Data {
        try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
