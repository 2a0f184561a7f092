// Row-wise softmax with an optional keep-mask (see AutogradKernels.h).
#include "AutogradKernels.h"
#include "FastMath.h"

// Row reductions with 8 independent partial results, combined in a fixed order: clang
// vectorises them without -ffast-math, and every kernel clone (SSE2, AVX2, AVX-512) adds in the
// same order, so results do not depend on the CPU.
#define AG_LANES 8

static inline __attribute__((always_inline)) float ag_row_max(const float *x, long n) {
    float acc[AG_LANES];
    for (int k = 0; k < AG_LANES; k++) acc[k] = -INFINITY;
    long c = 0;
    for (; c + AG_LANES <= n; c += AG_LANES)
        for (int k = 0; k < AG_LANES; k++) acc[k] = x[c + k] > acc[k] ? x[c + k] : acc[k];
    float m = -INFINITY;
    for (int k = 0; k < AG_LANES; k++) m = acc[k] > m ? acc[k] : m;
    for (; c < n; c++) m = x[c] > m ? x[c] : m;
    return m;
}

static inline __attribute__((always_inline)) float ag_masked_row_max(const float *x, const float *keep, long n) {
    float acc[AG_LANES];
    for (int k = 0; k < AG_LANES; k++) acc[k] = -INFINITY;
    long c = 0;
    for (; c + AG_LANES <= n; c += AG_LANES)
        for (int k = 0; k < AG_LANES; k++) {
            // Both loads unconditional, so the loop becomes vector selects instead of branches.
            float v = keep[c + k] != 0 ? x[c + k] : -INFINITY;
            acc[k] = v > acc[k] ? v : acc[k];
        }
    float m = -INFINITY;
    for (int k = 0; k < AG_LANES; k++) m = acc[k] > m ? acc[k] : m;
    for (; c < n; c++) {
        float v = keep[c] != 0 ? x[c] : -INFINITY;
        m = v > m ? v : m;
    }
    return m;
}

static inline __attribute__((always_inline)) float ag_row_sum(const float *x, long n) {
    float acc[AG_LANES] = {0};
    long c = 0;
    for (; c + AG_LANES <= n; c += AG_LANES)
        for (int k = 0; k < AG_LANES; k++) acc[k] += x[c + k];
    float s = 0.0f;
    for (int k = 0; k < AG_LANES; k++) s += acc[k];
    for (; c < n; c++) s += x[c];
    return s;
}

static inline __attribute__((always_inline)) float ag_row_dot(const float *x, const float *y, long n) {
    float acc[AG_LANES] = {0};
    long c = 0;
    for (; c + AG_LANES <= n; c += AG_LANES)
        for (int k = 0; k < AG_LANES; k++) acc[k] += x[c + k] * y[c + k];
    float s = 0.0f;
    for (int k = 0; k < AG_LANES; k++) s += acc[k];
    for (; c < n; c++) s += x[c] * y[c];
    return s;
}

AG_WIDE_KERNEL void ag_softmax_forward(const float *x, float *y, long rows, long cols, const float *keep,
                        long keep_row_stride, float scale) {
    for (long r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        float *yr = y + r * cols;
        const float *kr = keep ? keep + r * keep_row_stride : 0;
        float m = kr ? ag_masked_row_max(xr, kr, cols) : ag_row_max(xr, cols);
        if (m == -INFINITY) {  // every position masked: no distribution, all zeros
            for (long c = 0; c < cols; c++) yr[c] = 0.0f;
            continue;
        }
        // In place (y == x) is allowed: each element is read before it is written.
        #pragma clang loop vectorize(assume_safety)
        for (long c = 0; c < cols; c++) {
            float e = ag_expf((xr[c] - m) * scale);
            yr[c] = e;
        }
        if (kr) for (long c = 0; c < cols; c++) yr[c] = kr[c] != 0 ? yr[c] : 0.0f;
        float inv = 1.0f / ag_row_sum(yr, cols);
        for (long c = 0; c < cols; c++) yr[c] *= inv;
    }
}

AG_WIDE_KERNEL void ag_softmax_backward(const float *y, const float *g, float *dx, long rows, long cols,
                         float scale, int accumulate) {
    for (long r = 0; r < rows; r++) {
        const float *yr = y + r * cols, *gr = g + r * cols;
        float *dr = dx + r * cols;
        float dot = ag_row_dot(yr, gr, cols);
        if (accumulate) {
            for (long c = 0; c < cols; c++) dr[c] += scale * yr[c] * (gr[c] - dot);
        } else {
            for (long c = 0; c < cols; c++) dr[c] = scale * yr[c] * (gr[c] - dot);
        }
    }
}
