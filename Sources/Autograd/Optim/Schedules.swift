import Foundation

/// A learning rate as a function of the step (0-based, the step about to be taken).
public protocol LearningRateSchedule {
    func rate(at step: Int) -> Float
}

/// Linear warm-up from 0 to `peak` over `warmupSteps`, then constant.
public struct WarmupConstant: LearningRateSchedule, Sendable {
    public let peak: Float
    public let warmupSteps: Int
    public init(peak: Float, warmupSteps: Int) { self.peak = peak; self.warmupSteps = warmupSteps }
    public func rate(at step: Int) -> Float {
        warmupSteps > 0 && step < warmupSteps ? peak * Float(step + 1) / Float(warmupSteps) : peak
    }
}

/// Linear warm-up to `peak`, then cosine decay to `floor` at `totalSteps` (constant after).
public struct WarmupCosine: LearningRateSchedule, Sendable {
    public let peak: Float
    public let floor: Float
    public let warmupSteps: Int
    public let totalSteps: Int
    public init(peak: Float, warmupSteps: Int, totalSteps: Int, floor: Float = 0) {
        self.peak = peak; self.floor = floor; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps
    }
    public func rate(at step: Int) -> Float {
        if warmupSteps > 0 && step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let span = max(totalSteps - warmupSteps, 1)
        let progress = min(Double(step - warmupSteps) / Double(span), 1)
        return floor + (peak - floor) * Float(0.5 * (1 + Foundation.cos(Double.pi * progress)))
    }
}

/// An exponential moving average of parameters: `shadow ← decay·shadow + (1−decay)·param`.
public final class EMA {
    public let decay: Float
    /// The averaged copies under the parameters' names.
    public let shadow: [NamedParameter]
    private let sources: [Tensor]

    public init(_ parameters: [NamedParameter], decay: Float = 0.999) {
        self.decay = decay
        sources = parameters.map(\.tensor)
        shadow = parameters.map { (name: $0.name, tensor: $0.tensor.detached()) }
    }

    /// Moves the average toward the current parameters.
    public func update() {
        let keep = decay, take = 1 - decay
        for (s, p) in zip(shadow, sources) {
            let sp = s.tensor.pointer, pp = p.pointer
            for i in 0..<p.count { sp[i] = keep * sp[i] + take * pp[i] }
        }
    }

    /// Copies the averaged values into `module` (same parameter names).
    public func copy(into module: Module) throws {
        try module.load(Dictionary(uniqueKeysWithValues: shadow.map { ($0.name, $0.tensor) }))
    }
}
