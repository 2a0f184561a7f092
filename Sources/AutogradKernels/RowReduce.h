// Row reductions shared by the softmax and normalisation kernels.
#ifndef AUTOGRAD_ROW_REDUCE_H
#define AUTOGRAD_ROW_REDUCE_H

#include <math.h>

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

/// Sum of (x[c] - shift) * (x[c] - shift): a row's squared deviations from its mean.
static inline __attribute__((always_inline)) float ag_row_squared_deviation(const float *x, float shift, long n) {
    float acc[AG_LANES] = {0};
    long c = 0;
    for (; c + AG_LANES <= n; c += AG_LANES)
        for (int k = 0; k < AG_LANES; k++) { float d = x[c + k] - shift; acc[k] += d * d; }
    float s = 0.0f;
    for (int k = 0; k < AG_LANES; k++) s += acc[k];
    for (; c < n; c++) { float d = x[c] - shift; s += d * d; }
    return s;
}

#endif
