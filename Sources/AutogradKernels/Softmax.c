// Row-wise softmax with an optional keep-mask (see AutogradKernels.h).
#include "AutogradKernels.h"
#include "FastMath.h"

#include "RowReduce.h"

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
