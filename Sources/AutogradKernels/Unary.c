// Element-wise functions and their derivatives (see AutogradKernels.h).
#include "AutogradKernels.h"
#include "FastMath.h"

#define SQRT_2_OVER_PI 0.7978845608028654f
#define INV_SQRT_2 0.7071067811865476f
#define INV_SQRT_2PI 0.3989422804014327f
#define GELU_TANH_C 0.044715f

AG_WIDE_KERNEL void ag_unary_forward(ag_unary_kind kind, const float *x, float *y, long n) {
    switch (kind) {
    case AG_EXP: for (long i = 0; i < n; i++) y[i] = ag_expf(x[i]); break;
    case AG_LOG: for (long i = 0; i < n; i++) y[i] = logf(x[i]); break;
    case AG_TANH: for (long i = 0; i < n; i++) y[i] = ag_tanhf(x[i]); break;
    case AG_SIGMOID: for (long i = 0; i < n; i++) y[i] = 1.0f / (1.0f + ag_expf(-x[i])); break;
    case AG_SILU: for (long i = 0; i < n; i++) y[i] = x[i] / (1.0f + ag_expf(-x[i])); break;
    case AG_GELU_ERF:
        for (long i = 0; i < n; i++) y[i] = 0.5f * x[i] * (1.0f + ag_erff(x[i] * INV_SQRT_2));
        break;
    case AG_GELU_TANH:
        for (long i = 0; i < n; i++) {
            float v = x[i];
            y[i] = 0.5f * v * (1.0f + ag_tanhf(SQRT_2_OVER_PI * (v + GELU_TANH_C * v * v * v)));
        }
        break;
    case AG_RELU: for (long i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0.0f; break;
    case AG_SQRT: for (long i = 0; i < n; i++) y[i] = sqrtf(x[i]); break;
    }
}

// One loop per kind and per accumulate flag keeps every loop branch-free and vectorisable.
#define AG_GRAD_LOOP(expr)                                                   \
    if (accumulate) { for (long i = 0; i < n; i++) dx[i] += g[i] * (expr); } \
    else { for (long i = 0; i < n; i++) dx[i] = g[i] * (expr); }

AG_WIDE_KERNEL void ag_unary_backward(ag_unary_kind kind, const float *x, const float *y, const float *g,
                       float *dx, long n, int accumulate) {
    switch (kind) {
    case AG_EXP: AG_GRAD_LOOP(y[i]) break;
    case AG_LOG: AG_GRAD_LOOP(1.0f / x[i]) break;
    case AG_TANH: AG_GRAD_LOOP(1.0f - y[i] * y[i]) break;
    case AG_SIGMOID: AG_GRAD_LOOP(y[i] * (1.0f - y[i])) break;
    case AG_SILU: {
        AG_GRAD_LOOP(({ float s = 1.0f / (1.0f + ag_expf(-x[i])); s * (1.0f + x[i] * (1.0f - s)); }))
        break;
    }
    case AG_GELU_ERF: {
        // erf(v/√2) and the Gaussian density share e^(−v²/2): compute it once.
        AG_GRAD_LOOP(({ float v = x[i];
                        float e = ag_expf(-0.5f * v * v);
                        0.5f * (1.0f + ag_erff_with_exp(v * INV_SQRT_2, e)) + v * INV_SQRT_2PI * e; }))
        break;
    }
    case AG_GELU_TANH: {
        AG_GRAD_LOOP(({ float v = x[i];
                        float t = ag_tanhf(SQRT_2_OVER_PI * (v + GELU_TANH_C * v * v * v));
                        0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * SQRT_2_OVER_PI
                            * (1.0f + 3.0f * GELU_TANH_C * v * v); }))
        break;
    }
    case AG_RELU: AG_GRAD_LOOP(x[i] > 0 ? 1.0f : 0.0f) break;
    case AG_SQRT: AG_GRAD_LOOP(0.5f / y[i]) break;
    }
}
