"""Reference FID for Tests/MBenchTests/FrechetDistanceTests.swift, with NumPy and SciPy.

The inputs are fixed formulas (no files): a[i, j] = sin(0.37 (i + 1)(j + 1) + 0.5 j),
b[i, j] = cos(0.23 (i + 2)(j + 1)) * (1 + 0.1 j) + 0.2, for 12 rows and 5 columns (float32 values,
as the Swift side builds them). FID = |mu_a - mu_b|^2 + Tr(S_a + S_b - 2 sqrtm(S_a S_b)),
covariances from np.cov (n - 1). Run: python3 scripts/mbench/fid_reference.py
"""
import numpy as np
from scipy import linalg

rows, cols = 12, 5
i = np.arange(rows)[:, None].astype(np.float64)
j = np.arange(cols)[None, :].astype(np.float64)
a = np.sin(0.37 * (i + 1) * (j + 1) + 0.5 * j).astype(np.float32).astype(np.float64)
b = (np.cos(0.23 * (i + 2) * (j + 1)) * (1 + 0.1 * j) + 0.2).astype(np.float32).astype(np.float64)

mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
s_a, s_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
root = linalg.sqrtm(s_a @ s_b)
fid = np.sum((mu_a - mu_b) ** 2) + np.trace(s_a + s_b - 2 * root.real)
assert np.linalg.eigvalsh(s_a).min() > 1e-3 and np.linalg.eigvalsh(s_b).min() > 1e-3, "keep the inputs full rank"
print(f"{fid:.12f}")
