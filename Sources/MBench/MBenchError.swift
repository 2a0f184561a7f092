/// Why an MBench computation could not run on its input.
public enum MBenchError: Error, Equatable, CustomStringConvertible {
    case wrongJointCount(got: Int, need: Int)
    case emptyMotion
    case nonFinite(frame: Int, joint: Int)
    case emptyPoseBank
    case tooFewSamples(what: String, got: Int, need: Int)
    case mismatchedCounts(what: String, got: Int, expected: Int)
    case eigenSolverFailed(info: Int)

    public var description: String {
        switch self {
        case let .wrongJointCount(got, need):
            return "motion has \(got) joints; MBench needs the \(need)-joint SMPL body (import through Motion's skeleton mapping first)"
        case .emptyMotion: return "motion has no frames"
        case let .nonFinite(frame, joint): return "joint \(joint) at frame \(frame) is NaN or infinite"
        case .emptyPoseBank: return "the pose bank is empty: build it from at least one clean motion"
        case let .tooFewSamples(what, got, need): return "\(what): \(got) given, at least \(need) needed"
        case let .mismatchedCounts(what, got, expected): return "\(what): \(got) given, expected \(expected)"
        case let .eigenSolverFailed(info): return "LAPACK dsyevd did not converge (info \(info)); the covariance holds NaN or infinite values?"
        }
    }
}
