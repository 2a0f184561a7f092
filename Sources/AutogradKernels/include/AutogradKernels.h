// Hot element-wise kernels of the Autograd module, in C so that clang -O3 vectorises them the
// same way in debug and release builds (Swift's debug builds cannot inline across files).
// Every kernel works on contiguous float rows; `accumulate` != 0 adds into the output instead
// of overwriting it (gradients accumulate).
#ifndef AUTOGRAD_KERNELS_H
#define AUTOGRAD_KERNELS_H

#include <stddef.h>

/// Element-wise functions with a derivative expressible from input x and output y.
typedef enum {
    AG_EXP = 0, AG_LOG, AG_TANH, AG_SIGMOID, AG_SILU, AG_GELU_ERF, AG_GELU_TANH, AG_RELU, AG_SQRT
} ag_unary_kind;

/// y = f(x) for n elements.
void ag_unary_forward(ag_unary_kind kind, const float *x, float *y, long n);
/// dx (+)= g * f'(x) for n elements; y = f(x) is passed for the kinds that use it.
void ag_unary_backward(ag_unary_kind kind, const float *x, const float *y, const float *g,
                       float *dx, long n, int accumulate);

/// Softmax over each of `rows` rows of `cols`. `keep` (nullable) marks kept positions with
/// non-zero; it advances by `keep_row_stride` per row (0: one mask for all rows). A row with
/// every position masked becomes all zeros.
void ag_softmax_forward(const float *x, float *y, long rows, long cols, const float *keep,
                        long keep_row_stride, float scale);
/// dx (+)= scale * y * (g - sum(g * y)) per row.
void ag_softmax_backward(const float *y, const float *g, float *dx, long rows, long cols,
                         float scale, int accumulate);

/// LayerNorm over rows: y = (x - mean) * rstd * gamma + beta. gamma/beta nullable.
/// Saves mean and rstd per row for the backward.
void ag_layernorm_forward(const float *x, const float *gamma, const float *beta, float *y,
                          float *mean, float *rstd, long rows, long cols, float eps);
/// Gradients of LayerNorm. dx, dgamma, dbeta nullable (skipped); each has its own accumulate flag.
void ag_layernorm_backward(const float *x, const float *gamma, const float *mean,
                           const float *rstd, const float *g, float *dx, float *dgamma,
                           float *dbeta, long rows, long cols, int acc_dx, int acc_dgamma,
                           int acc_dbeta);

/// RMSNorm over rows: y = x * rstd * gamma, rstd = 1 / sqrt(mean(x^2) + eps). gamma nullable.
void ag_rmsnorm_forward(const float *x, const float *gamma, float *y, float *rstd, long rows,
                        long cols, float eps);
void ag_rmsnorm_backward(const float *x, const float *gamma, const float *rstd, const float *g,
                         float *dx, float *dgamma, long rows, long cols, int acc_dx,
                         int acc_dgamma);

/// Per-sample modulation of `samples` × `tokens` rows of `dim`:
/// y = x * (offset + scale[b]) + shift[b], with scale and shift `[samples, dim]` (shift nullable).
/// offset 1 gives AdaLN's x·(1+scale)+shift, offset 0 a gate x·scale.
void ag_modulate_forward(const float *x, const float *scale, const float *shift, float offset,
                         float *y, long samples, long tokens, long dim);
/// dx (+)= g * (offset + scale[b]); dscale[b] (+)= sum over tokens of g * x; dshift[b] (+)= sum
/// of g. dx, dscale, dshift nullable (skipped); each has its own accumulate flag.
void ag_modulate_backward(const float *x, const float *scale, float offset, const float *g, float *dx,
                          float *dscale, float *dshift, long samples, long tokens, long dim,
                          int acc_dx, int acc_dscale, int acc_dshift);

/// One AdamW step on n parameters (decoupled weight decay, bias-corrected moments).
void ag_adamw_update(float *param, const float *grad, float *m, float *v, long n, float lr,
                     float beta1, float beta2, float eps, float weight_decay,
                     float bias_correction1, float bias_correction2, float grad_scale);

/// Re-selects OpenBLAS kernels when it fell back to generic SSE3 ones on an unrecognised
/// CPU (see BLASCore.c). Returns the new core name, or NULL when nothing changed.
const char *ag_blas_upgrade_core(void);

/// Sum of n elements, accumulated in double.
double ag_sum(const float *x, long n);

/// Sum of squares of n elements, accumulated in double for a stable global norm.
double ag_sum_squares(const float *x, long n);

/// One parallel task: `task` runs in 0..<tasks of the region.
typedef void (*ag_pool_task)(void *context, long task);
/// Runs fn(context, t) for every t in 0..<tasks on up to `threads` threads (the caller and pool
/// workers, created on first use) and returns when all are done. Threads claim tasks one at a
/// time, so tasks must not depend on which thread runs them. Idle workers spin for a while
/// (2 ms; AG_SPIN_US in the environment sets microseconds) before sleeping. A region started
/// inside a task, or while another thread's region runs, executes inline on its caller.
void ag_pool_run(long tasks, long threads, ag_pool_task fn, void *context);
/// Non-zero on a pool worker, and on a thread while its region's tasks run (also inline ones).
int ag_pool_inside_region(void);
/// Marks this thread so its regions run inline (on != 0) or use the pool again; returns the
/// previous setting. For background work that must not take the pool from the main computation.
int ag_pool_set_inline(int on);

#endif
