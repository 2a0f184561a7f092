/// Errors of the ViMoGen module; each message names what was wrong and how to fix it.
public enum ViMoGenError: Error, Equatable, CustomStringConvertible {
    case invalidConfiguration(field: String, reason: String)
    case invalidSetting(field: String, reason: String)
    case emptyDataset
    case clipShape(index: Int, reason: String)
    case nonFinite(step: Int, quantity: String, value: Float, lastCheckpoint: String?)
    case checkpoint(file: String, field: String, reason: String)
    case branchUnavailable(mode: String, branches: BranchSet)
    case missingReference(prompt: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let field, let reason): return "model configuration: \(field): \(reason)"
        case .invalidSetting(let field, let reason): return "training settings: \(field): \(reason)"
        case .emptyDataset: return "training data: the dataset has no clips (curate some first)"
        case .clipShape(let index, let reason): return "training data: clip \(index): \(reason)"
        case .nonFinite(let step, let quantity, let value, let last):
            let keep = last.map { "the last good checkpoint is \($0); resume from it with a lower learning rate" }
                ?? "no checkpoint was written yet; lower the learning rate or check the data for NaN"
            return "training stopped at step \(step): the \(quantity) is \(value); \(keep)"
        case .checkpoint(let file, let field, let reason): return "\(file): \(field): \(reason)"
        case .branchUnavailable(let mode, let branches):
            return "generation mode '\(mode)' needs a branch this model (\(branches.rawValue)) does not have"
        case .missingReference(let prompt): return "no reference motion for the prompt \(prompt.debugDescription) (m2m and video modes need a reference provider)"
        }
    }
}
