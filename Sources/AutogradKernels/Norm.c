// LayerNorm and RMSNorm over the last dimension, forward and backward (see AutogradKernels.h).
#include "AutogradKernels.h"
#include "FastMath.h"
#include "RowReduce.h"
#include <math.h>

AG_WIDE_KERNEL void ag_layernorm_forward(const float *x, const float *gamma, const float *beta, float *y,
                          float *mean, float *rstd, long rows, long cols, float eps) {
    for (long r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        float *yr = y + r * cols;
        float mu = ag_row_sum(xr, cols) / (float)cols;
        float rs = 1.0f / sqrtf(ag_row_squared_deviation(xr, mu, cols) / (float)cols + eps);
        mean[r] = mu;
        rstd[r] = rs;
        if (gamma && beta) {
            for (long c = 0; c < cols; c++) yr[c] = (xr[c] - mu) * rs * gamma[c] + beta[c];
        } else if (gamma) {
            for (long c = 0; c < cols; c++) yr[c] = (xr[c] - mu) * rs * gamma[c];
        } else {
            for (long c = 0; c < cols; c++) yr[c] = (xr[c] - mu) * rs;
        }
    }
}

AG_WIDE_KERNEL void ag_layernorm_backward(const float *x, const float *gamma, const float *mean,
                           const float *rstd, const float *g, float *dx, float *dgamma,
                           float *dbeta, long rows, long cols, int acc_dx, int acc_dgamma,
                           int acc_dbeta) {
    if (dgamma && !acc_dgamma) for (long c = 0; c < cols; c++) dgamma[c] = 0.0f;
    if (dbeta && !acc_dbeta) for (long c = 0; c < cols; c++) dbeta[c] = 0.0f;
    for (long r = 0; r < rows; r++) {
        const float *xr = x + r * cols, *gr = g + r * cols;
        float mu = mean[r], rs = rstd[r];
        if (dgamma) for (long c = 0; c < cols; c++) dgamma[c] += gr[c] * (xr[c] - mu) * rs;
        if (dbeta) for (long c = 0; c < cols; c++) dbeta[c] += gr[c];
        if (!dx) continue;
        // dxhat = g * gamma; dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))
        // sum(d) and sum(d * xhat) with 8 partial results each, so that they vectorise.
        float lane_d[AG_LANES] = {0}, lane_dx[AG_LANES] = {0};
        long c = 0;
        for (; c + AG_LANES <= cols; c += AG_LANES)
            for (int k = 0; k < AG_LANES; k++) {
                float d = gamma ? gr[c + k] * gamma[c + k] : gr[c + k];
                lane_d[k] += d;
                lane_dx[k] += d * (xr[c + k] - mu) * rs;
            }
        float sum_d = 0.0f, sum_dx = 0.0f;
        for (int k = 0; k < AG_LANES; k++) { sum_d += lane_d[k]; sum_dx += lane_dx[k]; }
        for (; c < cols; c++) {
            float d = gamma ? gr[c] * gamma[c] : gr[c];
            sum_d += d;
            sum_dx += d * (xr[c] - mu) * rs;
        }
        float md = sum_d / (float)cols, mdx = sum_dx / (float)cols;
        float *dr = dx + r * cols;
        if (acc_dx) {
            for (long c = 0; c < cols; c++) {
                float d = gamma ? gr[c] * gamma[c] : gr[c];
                dr[c] += rs * (d - md - (xr[c] - mu) * rs * mdx);
            }
        } else {
            for (long c = 0; c < cols; c++) {
                float d = gamma ? gr[c] * gamma[c] : gr[c];
                dr[c] = rs * (d - md - (xr[c] - mu) * rs * mdx);
            }
        }
    }
}

AG_WIDE_KERNEL void ag_rmsnorm_forward(const float *x, const float *gamma, float *y, float *rstd, long rows,
                        long cols, float eps) {
    for (long r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        float *yr = y + r * cols;
        float s = 0.0f;
        for (long c = 0; c < cols; c++) s += xr[c] * xr[c];
        float rs = 1.0f / sqrtf(s / (float)cols + eps);
        rstd[r] = rs;
        if (gamma) for (long c = 0; c < cols; c++) yr[c] = xr[c] * rs * gamma[c];
        else for (long c = 0; c < cols; c++) yr[c] = xr[c] * rs;
    }
}

AG_WIDE_KERNEL void ag_rmsnorm_backward(const float *x, const float *gamma, const float *rstd, const float *g,
                         float *dx, float *dgamma, long rows, long cols, int acc_dx,
                         int acc_dgamma) {
    if (dgamma && !acc_dgamma) for (long c = 0; c < cols; c++) dgamma[c] = 0.0f;
    for (long r = 0; r < rows; r++) {
        const float *xr = x + r * cols, *gr = g + r * cols;
        float rs = rstd[r];
        if (dgamma) for (long c = 0; c < cols; c++) dgamma[c] += gr[c] * xr[c] * rs;
        if (!dx) continue;
        // dx = rstd * (dxhat - xhat * mean(dxhat * xhat)), xhat = x * rstd
        float sum_dx = 0.0f;
        for (long c = 0; c < cols; c++) {
            float d = gamma ? gr[c] * gamma[c] : gr[c];
            sum_dx += d * xr[c] * rs;
        }
        float mdx = sum_dx / (float)cols;
        float *dr = dx + r * cols;
        for (long c = 0; c < cols; c++) {
            float d = gamma ? gr[c] * gamma[c] : gr[c];
            float v = rs * (d - xr[c] * rs * mdx);
            dr[c] = acc_dx ? dr[c] + v : v;
        }
    }
}
