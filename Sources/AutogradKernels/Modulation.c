// Per-sample affine modulation of token rows (AdaLN's x·(1+scale)+shift and the gate x·gate),
// forward and backward in one pass each (see AutogradKernels.h).
#include "AutogradKernels.h"
#include "FastMath.h"

AG_WIDE_KERNEL void ag_modulate_forward(const float *x, const float *scale, const float *shift,
                                        float offset, float *y, long samples, long tokens, long dim) {
    for (long b = 0; b < samples; b++) {
        const float *sc = scale + b * dim, *sh = shift ? shift + b * dim : 0;
        for (long t = 0; t < tokens; t++) {
            const float *xr = x + (b * tokens + t) * dim;
            float *yr = y + (b * tokens + t) * dim;
            if (sh) {
                for (long c = 0; c < dim; c++) yr[c] = xr[c] * (offset + sc[c]) + sh[c];
            } else {
                for (long c = 0; c < dim; c++) yr[c] = xr[c] * (offset + sc[c]);
            }
        }
    }
}

AG_WIDE_KERNEL void ag_modulate_backward(const float *x, const float *scale, float offset, const float *g,
                                         float *dx, float *dscale, float *dshift, long samples, long tokens,
                                         long dim, int acc_dx, int acc_dscale, int acc_dshift) {
    for (long b = 0; b < samples; b++) {
        const float *sc = scale + b * dim;
        float *dsc = dscale ? dscale + b * dim : 0, *dsh = dshift ? dshift + b * dim : 0;
        if (dsc && !acc_dscale) for (long c = 0; c < dim; c++) dsc[c] = 0.0f;
        if (dsh && !acc_dshift) for (long c = 0; c < dim; c++) dsh[c] = 0.0f;
        for (long t = 0; t < tokens; t++) {
            long row = (b * tokens + t) * dim;
            const float *xr = x + row, *gr = g + row;
            if (dsc) for (long c = 0; c < dim; c++) dsc[c] += gr[c] * xr[c];
            if (dsh) for (long c = 0; c < dim; c++) dsh[c] += gr[c];
            if (!dx) continue;
            float *dr = dx + row;
            if (acc_dx) {
                for (long c = 0; c < dim; c++) dr[c] += gr[c] * (offset + sc[c]);
            } else {
                for (long c = 0; c < dim; c++) dr[c] = gr[c] * (offset + sc[c]);
            }
        }
    }
}
