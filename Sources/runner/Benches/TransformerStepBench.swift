import Autograd
import Foundation

extension BenchEntry {
    /// One training step of the reference transformer (forward, backward, AdamW) against the
    /// same model in PyTorch (`scripts/bench/transformer_step.py train`).
    static let trainStep = BenchEntry(
        name: "train-step",
        summary: "transformer train step (4×d256, 4 heads, FFN 1024, 32×100 tokens, MSE, AdamW) vs PyTorch",
        peer: PeerScript(name: "pytorch", script: "scripts/bench/transformer_step.py", arguments: ["train"]),
        iterationsPerRound: 2, rounds: 5, warmupIterations: 1
    ) { transformerWorkload(training: true) }

    /// A forward pass of the same transformer with no tape, against `torch.inference_mode`.
    static let inferStep = BenchEntry(
        name: "infer-step",
        summary: "transformer forward pass (no grad) of the train-step model vs PyTorch inference_mode",
        peer: PeerScript(name: "pytorch", script: "scripts/bench/transformer_step.py", arguments: ["infer"]),
        iterationsPerRound: 3, rounds: 5, warmupIterations: 1
    ) { transformerWorkload(training: false) }
}

/// Our side of train-step / infer-step; the extras report GFLOP/s against an sgemm peak
/// measured at the end of the same run (same threads, same machine load).
private func transformerWorkload(training: Bool) -> BenchWorkload {
    let bench = TransformerStepBenchmark()
    let flops = training ? bench.trainStepFLOPs : bench.forwardFLOPs
    return BenchWorkload(
        iteration: { if training { bench.trainStep() } else { bench.inferStep() } },
        extras: { ours, peer in
            let peak = measureSGEMMPeakGFLOPs()
            var extra = ["gflops": flops / (ours * 1e6), "sgemm_peak_gflops": peak,
                         "fraction_of_peak": flops / (ours * 1e6) / peak, "gflop_per_step": flops / 1e9]
            if let peer { extra["peer_gflops"] = flops / (peer * 1e6) }
            return extra
        })
}
