import Autograd
import Foundation
import Motion

/// ViMoGen checkpoints: Autograd's checkpoint file (weights `model.*`, EMA `ema.*`, AdamW
/// moments, step, RNG state) plus, in its metadata, the model configuration and the data's
/// normalisation statistics as JSON, so a checkpoint alone can rebuild the generator.
public enum ViMoGenCheckpoint {
    static let configurationKey = "vimogen.configuration"
    static let statisticsKey = "vimogen.statistics"

    /// What a checkpoint says about itself, read without loading any weights.
    public struct Header {
        public var configuration: ViMoGenConfiguration
        public var statistics: FeatureStatistics?
        public var step: Int
    }

    /// Writes atomically (to a temporary file renamed over `url`), so an interrupted write never
    /// replaces the last good checkpoint.
    public static func write(to url: URL, model: ViMoGenModel, optimizer: AdamW?, ema: EMA?, step: Int,
                             rng: RandomGenerator?, statistics: FeatureStatistics?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var metadata = [configurationKey: String(decoding: try encoder.encode(model.configuration), as: UTF8.self)]
        if let statistics { metadata[statisticsKey] = String(decoding: try encoder.encode(statistics), as: UTF8.self) }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        try Checkpoint.save(to: temporary, model: model, optimizer: optimizer, ema: ema, step: step, rng: rng, metadata: metadata)
        guard rename(temporary.path, url.path) == 0 else {
            throw ViMoGenError.checkpoint(file: url.path, field: "file", reason: "cannot move the new checkpoint into place: \(String(cString: strerror(errno)))")
        }
    }

    /// The configuration, statistics and step of the checkpoint at `url`.
    public static func header(of url: URL) throws -> Header {
        let file = try SafeTensorsFile(contentsOf: url)
        func fail(_ field: String, _ reason: String) -> ViMoGenError { .checkpoint(file: url.lastPathComponent, field: field, reason: reason) }
        guard let configJSON = file.metadata["user." + configurationKey] else {
            throw fail("__metadata__.user.\(configurationKey)", "missing (not a ViMoGen checkpoint?)")
        }
        let configuration: ViMoGenConfiguration
        do { configuration = try JSONDecoder().decode(ViMoGenConfiguration.self, from: Data(configJSON.utf8)) }
        catch { throw fail("__metadata__.user.\(configurationKey)", "\(error)") }
        var statistics: FeatureStatistics?
        if let json = file.metadata["user." + statisticsKey] {
            do { statistics = try JSONDecoder().decode(FeatureStatistics.self, from: Data(json.utf8)) }
            catch { throw fail("__metadata__.user.\(statisticsKey)", "\(error)") }
        }
        guard let step = file.metadata["step"].flatMap(Int.init) else { throw fail("__metadata__.step", "missing or not an integer") }
        return Header(configuration: configuration, statistics: statistics, step: step)
    }

    /// The model stored at `url`, with its EMA weights (`useEMA`, the default for generation)
    /// or its raw training weights.
    public static func loadModel(from url: URL, useEMA: Bool = true) throws -> (model: ViMoGenModel, header: Header) {
        let header = try header(of: url)
        var rng = RandomGenerator(seed: 0)
        let model = try ViMoGenModel(header.configuration, rng: &rng)
        let ema = EMA(model.namedParameters)
        try Checkpoint.load(from: url, into: model, ema: useEMA ? ema : nil)
        if useEMA { try ema.copy(into: model) }
        return (model, header)
    }
}
