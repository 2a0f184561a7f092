import Autograd
import CBLAS
import Foundation

extension BenchEntry {
    /// Float32 512 × 512 matrix product: OpenBLAS `cblas_sgemm` against `torch.mm` (the floor
    /// every layer of the autograd core stands on).
    static let matmul = BenchEntry(
        name: "matmul", summary: "float32 512×512 matrix product: OpenBLAS sgemm vs torch.mm",
        peer: PeerScript(name: "pytorch", script: "scripts/bench/matmul_peer.py", arguments: ["512"]),
        iterationsPerRound: 10, rounds: 5
    ) {
        let n = 512
        var state: UInt64 = 0x9E3779B97F4A7C15  // seeded, so inputs are the same every time
        func uniform() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24) - 0.5
        }
        let a = (0..<n * n).map { _ in uniform() }
        let b = (0..<n * n).map { _ in uniform() }
        var c = [Float](repeating: 0, count: n * n)
        let flops = 2 * Double(n * n * n)
        return BenchWorkload(
            iteration: {
                // OpenBLAS on its own threads here (Autograd keeps it at one and splits products itself).
                let saved = openblas_get_num_threads()
                openblas_set_num_threads(Int32(ComputeThreads.count))
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n),
                            b, Int32(n), 0, &c, Int32(n))
                openblas_set_num_threads(saved)
            },
            extras: { ours, peer in
                var extra = ["gflops": flops / (ours * 1e6), "size": Double(n)]
                if let peer { extra["peer_gflops"] = flops / (peer * 1e6) }
                return extra
            })
    }
}
