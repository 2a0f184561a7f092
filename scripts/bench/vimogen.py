#!/usr/bin/env python3
"""PyTorch peer of `runner bench vimogen-train` / `vimogen-sample` (Sources/ViMoGen).

The same network as `ViMoGenModel` at the small preset: frame tokens Linear 276 -> d + sinusoidal
positions; time sinusoidal(1000 sigma) -> MLP -> one shared Linear to 6d plus a learned per-block
offset (Wan AdaLN); block = modulated self-attention -> cross-attention of the sample's branch
(T2M: text tokens through Linear-GELU-Linear; M2M: a pre-norm self-attention reference encoder over
138 dims; T2M samples first, then M2M, a hard switch) -> modulated FFN; modulated LayerNorm + head.
x0 parameterisation. Train: batch 32 x 100 frames (16 T2M with 12 text tokens of 384, 16 M2M),
weighted MSE, AdamW (0.9/0.95, wd 1e-4), clipping 1.0, then the EMA of the weights that the trainer
keeps for generation (decay 0.999). Sample: one 100-frame motion, 50 Euler
steps, CFG 5 (conditional and null rows batched), 5-tap Gaussian smoothing.

Usage: vimogen.py {train|sample} [--standalone N]   (threads from MOGENLAB_THREADS, default 1)
Without --standalone it speaks the harness line protocol (peer_protocol.py).
"""
import argparse
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_protocol  # noqa: E402

FRAME, REF = 276, 138


def timestep_embedding(values, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    angles = values[:, None] * freqs[None]
    return torch.cat([torch.cos(angles), torch.sin(angles)], dim=-1)


def position_encoding(length, dim):
    pos = torch.arange(length, dtype=torch.float32)[:, None]
    div = torch.pow(10000.0, torch.arange(0, dim, 2, dtype=torch.float32) / dim)
    pe = torch.zeros(length, dim)
    pe[:, 0::2] = torch.sin(pos / div)
    pe[:, 1::2] = torch.cos(pos / div)
    return pe


def attend(q, k, v, heads, mask=None):
    b, tq, d = q.shape
    tk = k.shape[1]
    q = q.view(b, tq, heads, d // heads).transpose(1, 2)
    k = k.view(b, tk, heads, d // heads).transpose(1, 2)
    v = v.view(b, tk, heads, d // heads).transpose(1, 2)
    m = None if mask is None else mask[:, None, None, :].bool()
    return F.scaled_dot_product_attention(q, k, v, attn_mask=m).transpose(1, 2).reshape(b, tq, d)


class Cross(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads, self.norm = heads, nn.LayerNorm(d)
        self.query, self.kv, self.out = nn.Linear(d, d), nn.Linear(d, 2 * d), nn.Linear(d, d)

    def forward(self, x, ctx, mask):
        k, v = self.kv(ctx).chunk(2, dim=-1)
        return self.out(attend(self.query(self.norm(x)), k, v, self.heads, mask))


class Block(nn.Module):
    def __init__(self, d, heads, ffn):
        super().__init__()
        self.heads = heads
        self.offset = nn.Parameter(torch.zeros(6, d))
        self.qkv, self.attn_out = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.text_cross, self.motion_cross = Cross(d, heads), Cross(d, heads)
        self.fc1, self.fc2 = nn.Linear(d, ffn * d), nn.Linear(ffn * d, d)

    def forward(self, x, mod, frame_mask, n_text, text, text_mask, ref, ref_mask):
        m = (mod.view(mod.shape[0], 6, -1) + self.offset).unsqueeze(2).unbind(1)
        h = F.layer_norm(x, x.shape[-1:], eps=1e-6) * (1 + m[1]) + m[0]
        q, k, v = self.qkv(h).chunk(3, dim=-1)
        x = x + self.attn_out(attend(q, k, v, self.heads, frame_mask)) * m[2]
        parts = []
        if n_text > 0:
            parts.append(self.text_cross(x[:n_text], text, text_mask))
        if n_text < x.shape[0]:
            parts.append(self.motion_cross(x[n_text:], ref, ref_mask))
        x = x + torch.cat(parts, 0)
        h = F.layer_norm(x, x.shape[-1:], eps=1e-6) * (1 + m[4]) + m[3]
        return x + self.fc2(F.gelu(self.fc1(h), approximate="tanh")) * m[5]


class EncoderBlock(nn.Module):
    def __init__(self, d, heads, ffn):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc1, self.fc2 = nn.Linear(d, ffn * d), nn.Linear(ffn * d, d)

    def forward(self, x, mask):
        q, k, v = self.qkv(self.norm1(x)).chunk(3, dim=-1)
        x = x + self.out(attend(q, k, v, self.heads, mask))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x)), approximate="tanh"))


class ViMoGen(nn.Module):
    def __init__(self, d=128, depth=4, heads=4, ref_depth=1, ffn=4, text_width=384, frames=100):
        super().__init__()
        self.d = d
        self.input = nn.Linear(FRAME, d)
        self.time = nn.Sequential(nn.Linear(d, d), nn.SiLU(), nn.Linear(d, d))
        self.time_mod = nn.Linear(d, 6 * d)
        self.blocks = nn.ModuleList([Block(d, heads, ffn) for _ in range(depth)])
        self.head_mod = nn.Linear(d, 2 * d)
        self.head_offset = nn.Parameter(torch.zeros(2, d))
        self.head = nn.Linear(d, FRAME)
        self.text = nn.Sequential(nn.Linear(text_width, d), nn.GELU(), nn.Linear(d, d))
        self.ref_input = nn.Linear(REF, d)
        self.ref_blocks = nn.ModuleList([EncoderBlock(d, heads, ffn) for _ in range(ref_depth)])
        self.ref_norm = nn.LayerNorm(d)
        self.register_buffer("pos", position_encoding(frames, d))

    def forward(self, x, sigma, n_text, text, text_mask, ref, ref_mask):
        t = x.shape[1]
        e = self.time(timestep_embedding(1000 * sigma, self.d))
        mod = self.time_mod(F.silu(e))
        text_tokens = self.text(text) if n_text > 0 else None
        ref_tokens = None
        if ref is not None:
            ref_tokens = self.ref_input(ref) + self.pos[: ref.shape[1]]
            for b in self.ref_blocks:
                ref_tokens = b(ref_tokens, ref_mask)
            ref_tokens = self.ref_norm(ref_tokens)
        h = self.input(x) + self.pos[:t]
        for block in self.blocks:
            h = block(h, mod, None, n_text, text_tokens, text_mask, ref_tokens, ref_mask)
        hm = (self.head_mod(F.silu(e)).view(-1, 2, self.d) + self.head_offset).unsqueeze(2).unbind(1)
        return self.head(F.layer_norm(h, h.shape[-1:], eps=1e-6) * (1 + hm[1]) + hm[0])


def shifted(s, shift=5.0):
    return shift * s / (1 + (shift - 1) * s)


def make_train(model, batch=32, frames=100, tokens=12):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=1e-4)
    n_text = batch // 2
    x0 = torch.randn(batch, frames, FRAME)
    text, text_mask = torch.randn(n_text, tokens, 384), torch.ones(n_text, tokens)
    ref, ref_mask = torch.randn(batch - n_text, frames, REF), torch.ones(batch - n_text, frames)
    weights = torch.ones(batch, frames, FRAME) / (batch * frames * FRAME)
    params = list(model.parameters())
    ema = [p.detach().clone() for p in params]

    def step():
        sigma = shifted(torch.randint(1, 1001, (batch,)).float() / 1000)
        noise = torch.randn_like(x0)
        s = sigma[:, None, None]
        pred = model((1 - s) * x0 + s * noise, sigma, n_text, text, text_mask, ref, ref_mask)
        loss = ((pred - x0) ** 2 * weights).sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            torch._foreach_lerp_(ema, [p.detach() for p in params], 1 - 0.999)
    return step


def make_sample(model, frames=100, tokens=12, steps=50, guidance=5.0):
    text = torch.randn(1, tokens, 384)
    null = torch.zeros(1, tokens, 384)
    both, mask = torch.cat([text, null]), torch.ones(2, tokens)
    taps = torch.exp(-torch.arange(-2, 3).float() ** 2 / 2)
    taps = (taps / taps.sum()).view(1, 1, 5)
    sigmas = [shifted(1 - k / steps) for k in range(steps + 1)]

    @torch.no_grad()
    def sample():
        x = torch.randn(1, frames, FRAME)
        for i in range(steps):
            s = sigmas[i]
            pred = model(torch.cat([x, x]), torch.full((2,), s), 2, both, mask, None, None)
            x0 = pred[1:] + guidance * (pred[:1] - pred[1:])
            x = x + (sigmas[i + 1] - s) * (x - x0) / s
        flat = x.transpose(1, 2).reshape(FRAME, 1, frames)
        ones = torch.ones(1, 1, frames)
        smooth = F.conv1d(F.pad(flat, (2, 2)), taps) / F.conv1d(F.pad(ones, (2, 2)), taps)
        return smooth.view(1, FRAME, frames).transpose(1, 2)
    return sample


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["train", "sample"])
    parser.add_argument("--standalone", type=int, default=0, help="time N iterations and print the mean")
    args = parser.parse_args()
    torch.set_num_threads(peer_protocol.threads())
    torch.manual_seed(0)
    model = ViMoGen()
    iteration = make_train(model) if args.mode == "train" else make_sample(model)
    iteration()  # warm-up
    if args.standalone:
        start = time.perf_counter()
        for _ in range(args.standalone):
            iteration()
        print(f"{args.mode}: {(time.perf_counter() - start) / args.standalone * 1000:.1f} ms per iteration, "
              f"{sum(p.numel() for p in model.parameters())} parameters")
        return
    peer_protocol.serve(iteration, parameters=sum(p.numel() for p in model.parameters()))


if __name__ == "__main__":
    main()
