import Autograd
import Foundation
import Motion

/// A training checkpoint in one safetensors file: the weights (`model.*`), their EMA
/// (`ema.*`), AdamW's moments (`adam.m.*`, `adam.v.*`), and in the metadata the step, the
/// RNG state, the model configuration and the data's normalisation statistics (JSON).
public struct Checkpoint {
    public var configuration: ViMoGenConfiguration
    public var step: Int
    public var rngState: [UInt64]
    public var weights: [String: Tensor]
    public var ema: [String: Tensor]
    public var optimizer: [String: Tensor]
    public var statistics: FeatureStatistics?

    public init(configuration: ViMoGenConfiguration, step: Int, rngState: [UInt64], weights: [String: Tensor],
                ema: [String: Tensor], optimizer: [String: Tensor], statistics: FeatureStatistics?) {
        self.configuration = configuration; self.step = step; self.rngState = rngState
        self.weights = weights; self.ema = ema; self.optimizer = optimizer; self.statistics = statistics
    }

    /// Writes atomically (a temporary file renamed over `url`), so a crash never leaves a
    /// half-written checkpoint where the last good one was.
    public func write(to url: URL) throws {
        var tensors: [String: NDArray] = [:]
        for (prefix, group) in [("model.", weights), ("ema.", ema), ("adam.", optimizer)] {
            for (name, t) in group { tensors[prefix + name] = try NDArray(t.scalars, shape: t.shape) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var metadata = ["format": "mogenlab-vimogen-1", "step": String(step),
                        "rng": rngState.map(String.init).joined(separator: ","),
                        "configuration": String(decoding: try encoder.encode(configuration), as: UTF8.self)]
        if let statistics { metadata["statistics"] = String(decoding: try encoder.encode(statistics), as: UTF8.self) }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        try SafeTensorsFile(tensors: tensors, metadata: metadata).write(to: temporary)
        // rename(2) replaces the destination atomically.
        guard rename(temporary.path, url.path) == 0 else {
            throw ViMoGenError.checkpoint(file: url.path, field: "file", reason: "cannot move the new checkpoint into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a checkpoint written by `write(to:)`; errors name the file and the field.
    public init(contentsOf url: URL) throws {
        let file = try SafeTensorsFile(contentsOf: url)
        let name = url.lastPathComponent
        func fail(_ field: String, _ reason: String) -> ViMoGenError { .checkpoint(file: name, field: field, reason: reason) }
        let metadata = file.metadata
        guard let configJSON = metadata["configuration"] else { throw fail("__metadata__.configuration", "missing (not a ViMoGen checkpoint?)") }
        do { configuration = try JSONDecoder().decode(ViMoGenConfiguration.self, from: Data(configJSON.utf8)) }
        catch { throw fail("__metadata__.configuration", "\(error)") }
        guard let stepText = metadata["step"], let step = Int(stepText), step >= 0 else { throw fail("__metadata__.step", "missing or not a whole number") }
        self.step = step
        let rng = (metadata["rng"] ?? "").split(separator: ",").compactMap { UInt64($0) }
        guard rng.count == 4 else { throw fail("__metadata__.rng", "expected 4 comma-separated unsigned integers") }
        rngState = rng
        if let stats = metadata["statistics"] {
            do { statistics = try JSONDecoder().decode(FeatureStatistics.self, from: Data(stats.utf8)) }
            catch { throw fail("__metadata__.statistics", "\(error)") }
        } else { statistics = nil }
        var weights: [String: Tensor] = [:], ema: [String: Tensor] = [:], optimizer: [String: Tensor] = [:]
        for key in file.names {
            let array = try file.tensor(key)
            let tensor = Tensor(try array.floats(), shape: array.shape)
            if key.hasPrefix("model.") { weights[String(key.dropFirst(6))] = tensor }
            else if key.hasPrefix("ema.") { ema[String(key.dropFirst(4))] = tensor }
            else if key.hasPrefix("adam.") { optimizer[String(key.dropFirst(5))] = tensor }
            else { throw fail("tensor '\(key)'", "unexpected entry (expected model.*, ema.* or adam.*)") }
        }
        self.weights = weights; self.ema = ema; self.optimizer = optimizer
    }

    /// A model with the checkpoint's EMA weights (`useEMA`, the default for generation) or raw weights.
    public func makeModel(useEMA: Bool = true) throws -> ViMoGenModel {
        var rng = RandomGenerator(seed: 0)
        let model = try ViMoGenModel(configuration, rng: &rng)
        do { try model.load(useEMA && !ema.isEmpty ? ema : weights) }
        catch let error as ModuleLoadError { throw ViMoGenError.checkpoint(file: "checkpoint", field: useEMA ? "ema" : "model", reason: error.description) }
        return model
    }
}
