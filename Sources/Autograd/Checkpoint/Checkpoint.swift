import Foundation

/// A training checkpoint in one safetensors file: weights, AdamW moments, EMA weights, the step
/// and the RNG state, so that a resumed run continues bit-for-bit where it stopped.
///
/// Layout (all tensors F32):
/// - `model.<name>` — every parameter of the model under its dotted name;
/// - `optimizer.m.<name>`, `optimizer.v.<name>` — AdamW's moments (when an optimizer is saved);
/// - `ema.<name>` — the EMA weights (when an EMA is saved);
/// - `__metadata__`: `format` = `mogenlab-checkpoint-1`, `step`, `optimizer.step`,
///   `rng.state` (four decimal UInt64 words), plus any caller metadata under `user.<key>`.
public enum Checkpoint {
    /// The format tag written into and required from the metadata.
    public static let formatTag = "mogenlab-checkpoint-1"

    /// What `load` restores besides the tensors it writes into the given objects.
    public struct Restored {
        /// The training step saved with the checkpoint.
        public var step: Int
        /// The RNG to continue with, if one was saved.
        public var rng: RandomGenerator?
        /// Caller metadata (the `user.` prefix removed).
        public var metadata: [String: String]
    }

    /// Writes a checkpoint to `url`.
    public static func save(to url: URL, model: Module, optimizer: AdamW? = nil, ema: EMA? = nil,
                            step: Int, rng: RandomGenerator? = nil, metadata: [String: String] = [:]) throws {
        var tensors: [String: NDArray] = [:]
        for p in model.namedParameters { tensors["model." + p.name] = p.tensor.ndarray }
        var meta = ["format": formatTag, "step": String(step)]
        if let optimizer {
            for p in optimizer.stateTensors { tensors["optimizer." + p.name] = p.tensor.ndarray }
            meta["optimizer.step"] = String(optimizer.stepCount)
        }
        if let ema { for p in ema.shadow { tensors["ema." + p.name] = p.tensor.ndarray } }
        if let rng { meta["rng.state"] = rng.state.map(String.init).joined(separator: ",") }
        for (k, v) in metadata { meta["user." + k] = v }
        try SafeTensorsFile(tensors: tensors, metadata: meta, fileName: url.lastPathComponent).write(to: url)
    }

    /// Reads a checkpoint from `url` into `model` (and `optimizer`/`ema` when given). Every
    /// expected key must be present with the right shape; errors name the file and the key.
    @discardableResult
    public static func load(from url: URL, into model: Module, optimizer: AdamW? = nil, ema: EMA? = nil) throws -> Restored {
        let file = try SafeTensorsFile(contentsOf: url)
        let name = url.lastPathComponent
        func fail(_ field: String, _ problem: String) -> ArrayFileError {
            ArrayFileError(file: name, field: field, problem: problem)
        }
        guard file.metadata["format"] == formatTag else {
            throw fail("__metadata__.format", "expected '\(formatTag)', found \(file.metadata["format"].map { "'\($0)'" } ?? "nothing") (not a MoGenLab checkpoint?)")
        }
        func tensors(prefix: String, for names: [String]) throws -> [String: Tensor] {
            var out: [String: Tensor] = [:]
            for n in names {
                guard let array = file.tensors[prefix + n] else {
                    throw fail("tensor '\(prefix + n)'", "missing (the checkpoint was saved from a different model or without this state)")
                }
                out[n] = try Tensor(array)
            }
            return out
        }
        func load(_ module: [NamedParameter], prefix: String, into target: ([String: Tensor]) throws -> Void) throws {
            do {
                try target(try tensors(prefix: prefix, for: module.map(\.name)))
            } catch let error as ModuleLoadError {
                switch error {
                case .missing(let key): throw fail("tensor '\(prefix + key)'", "missing")
                case .shapeMismatch(let key, let expected, let found):
                    throw fail("tensor '\(prefix + key)'", "shape \(found) does not match the model's \(expected)")
                }
            }
        }
        guard let step = file.metadata["step"].flatMap(Int.init) else {
            throw fail("__metadata__.step", "missing or not an integer")
        }
        try load(model.namedParameters, prefix: "model.") { try model.load($0) }
        if let optimizer {
            guard let optimizerStep = file.metadata["optimizer.step"].flatMap(Int.init) else {
                throw fail("__metadata__.optimizer.step", "missing or not an integer (saved without an optimizer?)")
            }
            let stateNames = optimizer.stateTensors.map(\.name)
            let state = try tensors(prefix: "optimizer.", for: stateNames)
            do { try optimizer.restore(state: state, stepCount: optimizerStep) } catch let error as ModuleLoadError {
                throw fail("optimizer state", error.description)
            }
        }
        if let ema {
            try load(ema.shadow, prefix: "ema.") { state in
                for p in ema.shadow {
                    guard let t = state[p.name], t.shape == p.tensor.shape else {
                        throw ModuleLoadError.shapeMismatch(key: p.name, expected: p.tensor.shape, found: state[p.name]?.shape ?? [])
                    }
                    p.tensor.assign(t)
                }
            }
        }
        var rng: RandomGenerator?
        if let text = file.metadata["rng.state"] {
            let words = text.split(separator: ",").compactMap { UInt64($0) }
            do { rng = try RandomGenerator(state: words) } catch {
                throw fail("__metadata__.rng.state", "'\(text)' is not four comma-separated UInt64 words")
            }
        }
        var user: [String: String] = [:]
        for (k, v) in file.metadata where k.hasPrefix("user.") { user[String(k.dropFirst(5))] = v }
        return Restored(step: step, rng: rng, metadata: user)
    }
}
