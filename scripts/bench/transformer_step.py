#!/usr/bin/env python3
"""PyTorch peer of `runner bench train-step` / `infer-step`.

The same transformer as Autograd's `TransformerStepBenchmark`: 4 pre-norm blocks
(LayerNorm -> self-attention with a fused QKV projection -> residual, LayerNorm -> GELU MLP ->
residual), a final LayerNorm and a linear head; d = 256, 4 heads, FFN 1024, batch 32 x 100 tokens,
MSE loss against a fixed random target, AdamW (lr 1e-4, weight decay 0.01).

Speaks the harness's line protocol through peer_protocol.serve (ready / run K / quit); the
thread budget comes from MOGENLAB_THREADS unless --threads is given.

Usage: transformer_step.py {train|infer} [--threads N] [--layers 4 --dim 256 --heads 4
       --hidden 1024 --batch 32 --tokens 100]
"""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_protocol import serve, threads


class Block(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def attention(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        o = F.scaled_dot_product_attention(q, k, v)
        return self.out(o.transpose(1, 2).reshape(b, t, d))

    def forward(self, x):
        x = x + self.attention(self.norm1(x))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x))))


class Transformer(nn.Module):
    def __init__(self, layers, dim, heads, hidden):
        super().__init__()
        self.blocks = nn.ModuleList([Block(dim, heads, hidden) for _ in range(layers)])
        self.final_norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, dim)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(self.final_norm(x))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["train", "infer"])
    parser.add_argument("--threads", type=int, default=threads())
    for name, default in [("layers", 4), ("dim", 256), ("heads", 4), ("hidden", 1024),
                          ("batch", 32), ("tokens", 100)]:
        parser.add_argument("--" + name, type=int, default=default)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Transformer(args.layers, args.dim, args.heads, args.hidden)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
    x = torch.randn(args.batch, args.tokens, args.dim)
    y = torch.randn(args.batch, args.tokens, args.dim)

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()

    def infer_step():
        with torch.inference_mode():
            model(x).mean().item()

    step = train_step if args.mode == "train" else infer_step
    step()  # warm-up outside the timing: allocator pools, optimizer state
    serve(step, torch=torch.__version__, threads=torch.get_num_threads())


if __name__ == "__main__":
    main()
