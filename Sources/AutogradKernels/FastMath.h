// Branch-free float approximations that clang vectorises (libm calls would not be).
#ifndef AUTOGRAD_FAST_MATH_H
#define AUTOGRAD_FAST_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/// Compile the marked kernel for AVX-512 and AVX2 too; the loader picks the widest the CPU has
/// (an ifunc), so the binary still runs on any x86-64. Elsewhere: one plain version.
#if defined(__x86_64__) && defined(__linux__)
#define AG_WIDE_KERNEL __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define AG_WIDE_KERNEL
#endif

/// e^x with relative error about 2e-7 (Cephes expf polynomial, Cody–Waite range reduction).
static inline float ag_expf(float x) {
    // Clamp so that 2^n stays a normal float; results below e^-87 are ~1e-38, not 0.
    x = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
    float t = x * 1.44269504088896341f;
    // Round to nearest with the 1.5 * 2^23 trick (SSE2 has no vector round instruction).
    float n = (t + 12582912.0f) - 12582912.0f;
    float r = x - n * 0.693359375f + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t bits = ((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/// tanh(x): a Cephes polynomial near 0 (no cancellation), 1 - 2/(e^2x + 1) elsewhere.
static inline float ag_tanhf(float x) {
    float ax = fabsf(x);
    float z = x * x;
    float small = ((((-5.70498872745e-3f * z + 2.06390887954e-2f) * z - 5.37397155531e-2f) * z
                    + 1.33314422036e-1f) * z - 3.33332819422e-1f) * z * x + x;
    float e = ag_expf(2.0f * ax);
    float large = 1.0f - 2.0f / (e + 1.0f);
    large = x < 0 ? -large : large;
    return ax < 0.625f ? small : large;
}

/// erf(x) given e = e^(−x²) (callers that also need e^(−x²) compute it once).
/// Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7.
static inline float ag_erff_with_exp(float x, float e) {
    float ax = fabsf(x);
    float t = 1.0f / (1.0f + 0.3275911f * ax);
    float poly = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t
                  + 0.254829592f) * t;
    float y = 1.0f - poly * e;
    return x < 0 ? -y : y;
}

/// erf(x).
static inline float ag_erff(float x) { return ag_erff_with_exp(x, ag_expf(-x * x)); }

#endif
