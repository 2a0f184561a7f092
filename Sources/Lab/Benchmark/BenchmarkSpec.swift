import Foundation

/// A benchmark: our in-process workload against a peer process doing the same work.
///
/// `ours` runs one iteration; set-up belongs outside it (build inputs before making the closure).
/// The peer is a long-lived Python process speaking the `PeerProcess` line protocol.
public struct BenchmarkSpec {
    public var name: String
    /// One iteration of our workload.
    public var ours: () throws -> Void
    /// The peer, or nil to measure ours alone.
    public var peer: PeerSpec?
    /// Iterations per round on each side (the `K` of `run K`).
    public var iterationsPerRound: Int
    /// Alternating rounds (peer K, ours K, …); `runs` = rounds × iterationsPerRound per side.
    public var rounds: Int
    /// Untimed iterations on each side before the rounds.
    public var warmupIterations: Int
    /// Extra report fields computed from the medians (e.g. GFLOP/s).
    public var extras: (_ oursMedianMs: Double, _ peerMedianMs: Double?) -> [String: Double]

    public init(name: String, peer: PeerSpec?, iterationsPerRound: Int = 5, rounds: Int = 5, warmupIterations: Int = 2,
                extras: @escaping (_ oursMedianMs: Double, _ peerMedianMs: Double?) -> [String: Double] = { _, _ in [:] },
                ours: @escaping () throws -> Void) {
        self.name = name
        self.ours = ours
        self.peer = peer
        self.iterationsPerRound = iterationsPerRound
        self.rounds = rounds
        self.warmupIterations = warmupIterations
        self.extras = extras
    }
}

/// How to start a peer: `python3 -u SCRIPT ARGS…`.
public struct PeerSpec: Sendable {
    /// What the peer is, for the report (e.g. "pytorch").
    public var name: String
    public var script: URL
    public var arguments: [String]
    /// Python modules the peer imports, checked first so a missing one gets an install hint.
    public var requiredModules: [String]
    public var python: String
    /// Seconds the peer may take to print `{"ready": true}`.
    public var startTimeout: TimeInterval

    public init(name: String, script: URL, arguments: [String] = [], requiredModules: [String] = [],
                python: String = "python3", startTimeout: TimeInterval = 120) {
        self.name = name
        self.script = script
        self.arguments = arguments
        self.requiredModules = requiredModules
        self.python = python
        self.startTimeout = startTimeout
    }
}

/// Benchmark failures, each saying how to fix them.
public enum BenchmarkError: Error, CustomStringConvertible, Equatable {
    case peerUnavailable(peer: String, reason: String, hint: String)
    case peerProtocol(script: String, expected: String, received: String)
    case peerDied(script: String, stage: String, stderr: String, hint: String?)
    case invalidSpec(name: String, reason: String)

    public var description: String {
        switch self {
        case let .peerUnavailable(peer, reason, hint):
            return "peer \(peer) is unavailable: \(reason). \(hint)"
        case let .peerProtocol(script, expected, received):
            return "peer \(script) sent '\(received)' where \(expected) was expected"
        case let .peerDied(script, stage, stderr, hint):
            let tail = stderr.isEmpty ? "" : "; its last words:\n\(stderr)"
            return "peer \(script) stopped during \(stage)\(tail)" + (hint.map { "\n\($0)" } ?? "")
        case let .invalidSpec(name, reason):
            return "benchmark \(name): \(reason)"
        }
    }

    /// How to install a missing Python module (torch only from the local wheel).
    static func installHint(module: String) -> String {
        module == "torch"
            ? "Install PyTorch from the local wheel: pip install /opt/wheels/torch-2.13.0+cpu-*.whl (or run with --ours-only)."
            : "Install it: pip install \(module) (or run with --ours-only)."
    }
}

extension BenchmarkError: LocalizedError {
    public var errorDescription: String? { description }
}
