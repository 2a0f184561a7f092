"""Peer of `runner bench matmul`: PyTorch's float32 n x n matrix product (torch.mm)."""
import sys

import torch

from peer_protocol import serve, threads

n = int(sys.argv[1]) if len(sys.argv) > 1 else 512
torch.set_num_threads(threads())
generator = torch.Generator().manual_seed(0)
a = torch.randn(n, n, generator=generator, dtype=torch.float32)
b = torch.randn(n, n, generator=generator, dtype=torch.float32)


def iteration():
    torch.mm(a, b)


serve(iteration, torch=torch.__version__, threads=torch.get_num_threads())
