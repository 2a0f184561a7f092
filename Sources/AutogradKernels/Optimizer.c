// The AdamW parameter update and the squared norm used by gradient clipping.
#include "AutogradKernels.h"
#include "FastMath.h"
#include <math.h>

AG_WIDE_KERNEL void ag_adamw_update(float *param, const float *grad, float *m, float *v, long n, float lr,
                     float beta1, float beta2, float eps, float weight_decay,
                     float bias_correction1, float bias_correction2, float grad_scale) {
    // Same order of operations as torch.optim.AdamW: decay first, then the Adam step.
    float decay = 1.0f - lr * weight_decay;
    float step = lr / bias_correction1;
    float inv_sqrt_bc2 = 1.0f / sqrtf(bias_correction2);
    for (long i = 0; i < n; i++) {
        float g = grad[i] * grad_scale;
        float mi = beta1 * m[i] + (1.0f - beta1) * g;
        float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        float p = param[i] * decay;
        param[i] = p - step * mi / (sqrtf(vi) * inv_sqrt_bc2 + eps);
    }
}

double ag_sum(const float *x, long n) {
    double s = 0.0;
    for (long i = 0; i < n; i++) s += (double)x[i];
    return s;
}

double ag_sum_squares(const float *x, long n) {
    double s = 0.0;
    for (long i = 0; i < n; i++) s += (double)x[i] * (double)x[i];
    return s;
}
