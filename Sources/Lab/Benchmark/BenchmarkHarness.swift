import Autograd
import Foundation

/// Runs a `BenchmarkSpec`: warms both sides up, then alternates rounds (peer K, ours K, …) so
/// that drifts of the machine (other jobs, clock changes) hit both sides alike.
public struct BenchmarkHarness {
    /// Threads both sides may use (Autograd's pool here, torch / numpy in the peer).
    public var threads: Int
    /// Receives one line per round, for people watching; nil for silence.
    public var log: ((String) -> Void)?

    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, log: ((String) -> Void)? = nil) {
        self.threads = threads
        self.log = log
    }

    public func run(_ spec: BenchmarkSpec) throws -> BenchmarkReport {
        guard spec.iterationsPerRound > 0, spec.rounds > 0, spec.warmupIterations >= 0 else {
            throw BenchmarkError.invalidSpec(name: spec.name, reason: "rounds and iterations must be positive")
        }
        ComputeThreads.set(threads)
        let peer = try spec.peer.map { try PeerProcess($0, threads: threads) }
        if spec.warmupIterations > 0 {
            _ = try peer?.run(spec.warmupIterations)
            _ = try time(spec.ours, count: spec.warmupIterations)
        }
        var ours: [Double] = []
        var theirs: [Double] = []
        for round in 1...spec.rounds {
            if let peer { theirs += try peer.run(spec.iterationsPerRound) }
            ours += try time(spec.ours, count: spec.iterationsPerRound)
            log?("\(spec.name): round \(round)/\(spec.rounds)")
        }
        let peerPeak = try peer?.quit()
        let oursMedian = BenchmarkReport.median(ours)
        let peerMedian = theirs.isEmpty ? nil : BenchmarkReport.median(theirs)
        return BenchmarkReport(name: spec.name, oursMedianMs: oursMedian, peer: spec.peer?.name, peerMedianMs: peerMedian,
                               oursPeakRSSMB: ProcessMemory.peakResidentMB(), peerPeakRSSMB: peerPeak,
                               threads: threads, runs: ours.count, oursMs: ours, peerMs: theirs,
                               extra: spec.extras(oursMedian, peerMedian))
    }

    private func time(_ body: () throws -> Void, count: Int) throws -> [Double] {
        var milliseconds: [Double] = []
        milliseconds.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            milliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return milliseconds
    }
}
