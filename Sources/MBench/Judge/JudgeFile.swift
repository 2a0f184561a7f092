import Autograd
import Foundation
import Motion
import TextEncoding

extension Judge {
    /// The `format` metadata value of judge checkpoints.
    public static let fileFormat = "mogenlab-judge-1"

    /// Writes the judge as safetensors: its parameters (`motion.*`, `text.*`), the
    /// normalisation (`statistics.mean`, `statistics.std`), and in the metadata the format,
    /// the settings, the threshold, the held-out report and the text encoder's name.
    public func save(to url: URL) throws {
        var tensors: [String: NDArray] = [:]
        for (name, tensor) in namedParameters { tensors[name] = try NDArray(tensor.scalars, shape: tensor.shape) }
        tensors["statistics.mean"] = NDArray(statistics.mean)
        tensors["statistics.std"] = NDArray(statistics.std)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var metadata = ["format": Self.fileFormat, "threshold": String(threshold), "text_encoder": textEncoder.name,
                        "settings": String(decoding: try encoder.encode(settings), as: UTF8.self)]
        metadata["known_captions"] = String(decoding: try encoder.encode(knownCaptions), as: UTF8.self)
        metadata["known_actions"] = String(decoding: try encoder.encode(knownActions.sorted()), as: UTF8.self)
        if let report { metadata["report"] = String(decoding: try encoder.encode(report), as: UTF8.self) }
        try SafeTensorsFile(tensors: tensors, metadata: metadata, fileName: url.lastPathComponent).write(to: url)
    }

    /// Reads a judge written by `save(to:)`; `textEncoder` must be the encoder it was trained
    /// with (same name and feature size). Errors name the file and the field.
    public static func load(from url: URL, textEncoder: any TextEncoder) throws -> Judge {
        let file = try SafeTensorsFile(contentsOf: url)
        let fail = { (field: String, problem: String) in MBenchFormatError(file: url.path, key: field, problem: problem) }
        guard file.metadata["format"] == fileFormat else {
            throw fail("__metadata__.format", "'\(file.metadata["format"] ?? "missing")' is not a judge checkpoint (expected \(fileFormat))")
        }
        guard let settingsText = file.metadata["settings"],
              let settings = try? JSONDecoder().decode(JudgeSettings.self, from: Data(settingsText.utf8)) else {
            throw fail("__metadata__.settings", "missing or not valid judge settings JSON")
        }
        guard let thresholdText = file.metadata["threshold"], let threshold = Float(thresholdText) else {
            throw fail("__metadata__.threshold", "missing or not a number")
        }
        let trainedWith = file.metadata["text_encoder"] ?? "missing"
        guard trainedWith == textEncoder.name else {
            throw fail("__metadata__.text_encoder", "the judge was trained with '\(trainedWith)', not '\(textEncoder.name)'")
        }
        let statistics: FeatureStatistics
        do {
            statistics = try FeatureStatistics(mean: try file.tensor("statistics.mean").floats(),
                                               std: try file.tensor("statistics.std").floats())
        } catch let error as ArrayFileError { throw error } catch {
            throw fail("statistics", "\(error)")
        }
        let judge = Judge(settings: settings, statistics: statistics, textEncoder: textEncoder, threshold: threshold)
        var state: [String: Tensor] = [:]
        for (name, _) in judge.namedParameters where file.tensors[name] != nil {
            let array = try file.tensor(name)
            state[name] = Tensor(try array.floats(), shape: array.shape)
        }
        do {
            try judge.motionEncoder.load(state.prefixStripped("motion."))
            try judge.textProjection.load(state.prefixStripped("text."))
        } catch let error as ModuleLoadError {
            throw fail("tensors", "\(error)")
        }
        if let known = file.metadata["known_captions"] {
            guard let captions = try? JSONDecoder().decode([String].self, from: Data(known.utf8)) else {
                throw fail("__metadata__.known_captions", "not a JSON list of strings")
            }
            judge.knownCaptions = captions
        }
        if let known = file.metadata["known_actions"] {
            guard let actions = try? JSONDecoder().decode([String].self, from: Data(known.utf8)) else {
                throw fail("__metadata__.known_actions", "not a JSON list of strings")
            }
            judge.knownActions = Set(actions)
        }
        if let reportText = file.metadata["report"] {
            judge.report = try? JSONDecoder().decode(JudgeReport.self, from: Data(reportText.utf8))
        }
        return judge
    }
}

extension Dictionary where Key == String, Value == Tensor {
    /// The entries whose key starts with `prefix`, with the prefix removed.
    func prefixStripped(_ prefix: String) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: compactMap { key, value in
            key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil
        })
    }
}
