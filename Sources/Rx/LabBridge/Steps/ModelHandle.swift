import Foundation
import Lab
import TextEncoding

/// A trained model (`train(…)`): its checkpoint in the cache and what it was trained with.
public struct ModelHandle: Handle {
    public let checkpoint: URL
    /// The train entry's hash: generation's input key.
    public let key: String
    public let step: TrainStep
    public let runID: String?

    public var typeName: String { "Model" }
    public var summary: String {
        "\(step.model.rawValue), \(step.encoder.rawValue), \(step.preset.name), seed \(step.seed)" + (runID.map { ", run \($0)" } ?? "")
    }
    public var identity: String { key }
    public var fieldNames: [String] { ["kind", "encoder", "captions", "seed", "preset", "run", "checkpoint", "key"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(step.model.rawValue)
        case "encoder": return .string(step.encoder.rawValue)
        case "captions": return .string(step.style.rawValue)
        case "seed": return .number(Double(step.seed))
        case "preset": return .string(step.preset.name)
        case "run": return runID.map { .string($0) } ?? Value.none
        case "checkpoint": return .string(checkpoint.path)
        case "key": return .string(key)
        default: return nil
        }
    }
}
